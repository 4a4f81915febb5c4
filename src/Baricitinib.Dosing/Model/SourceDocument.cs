using System.Text.Json.Serialization;

namespace Baricitinib.Dosing.Model;

/// <summary>What kind of document a source is.</summary>
public enum DocumentKind
{
    /// <summary>A regulatory label (US prescribing information, EU SmPC).</summary>
    [JsonStringEnumMemberName("regulatory-label")] RegulatoryLabel,
    /// <summary>An FDA emergency use authorization (fact sheet).</summary>
    [JsonStringEnumMemberName(FlagCodes.EmergencyUseAuthorization)] EmergencyUseAuthorization,
    /// <summary>A third-party web page: shown because clinicians meet it, never adopted.</summary>
    [JsonStringEnumMemberName("third-party-web-page")] ThirdPartyWebPage,
}

/// <summary>The public document behind a source: what users' citations point to.</summary>
/// <param name="Title">Title to show.</param>
/// <param name="ShortTitle">Short title that starts every citation, e.g. "US PI".</param>
/// <param name="Issuer">Who issued it.</param>
/// <param name="Identifier">Document identifier (NDA, EMA product number), or null when none was recorded.</param>
/// <param name="Revision">Revision as known, e.g. "rev. 06/2026", or "revision as listed at the link".</param>
/// <param name="Url">Public entry point, or null when no address was recorded.</param>
/// <param name="Kind">Regulatory label, emergency use authorization or third-party web page.</param>
/// <param name="Explanation">One line that says what the document is, for third-party web pages.</param>
public sealed record SourceDocument(
    string Title,
    string ShortTitle,
    string Issuer,
    string? Identifier,
    string Revision,
    Uri? Url,
    DocumentKind Kind,
    string? Explanation = null)
{
    /// <summary>The start of every citation of this document: short title and revision, e.g. "US PI (rev. 06/2026)".</summary>
    [JsonIgnore]
    public string Cite => $"{ShortTitle} ({Revision})";

    /// <summary>How the document is watched for new revisions, or null when it is not watched automatically.</summary>
    [JsonIgnore]
    public DocumentWatch? Watch { get; init; }

    /// <summary>Whether a revision newer than the one the rules were checked against has been published.</summary>
    /// <remarks>Filled in by the app from its label watch; null where nobody asked.</remarks>
    [JsonPropertyOrder(100)]
    public DocumentCurrency? Currency { get; init; }
}

/// <summary>The words for each kind of document, in one place: the page, the document links and the docs all read them.</summary>
public static class DocumentKinds
{
    /// <summary>What the document is, inside a sentence ("regulatory label").</summary>
    public static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.RegulatoryLabel => "regulatory label",
        DocumentKind.EmergencyUseAuthorization => "emergency use authorization",
        DocumentKind.ThirdPartyWebPage => "third-party web page",
    };

    /// <summary>How the product treats what the document says ("reported as written, never adopted" for a web page).</summary>
    public static string Stance(DocumentKind kind) => kind switch
    {
        DocumentKind.RegulatoryLabel or DocumentKind.EmergencyUseAuthorization => "its rules are applied as written",
        DocumentKind.ThirdPartyWebPage => "reported as written, never adopted",
    };

    /// <summary>True for regulatory documents (labels and emergency use authorizations).</summary>
    public static bool IsRegulatory(DocumentKind kind) => kind switch
    {
        DocumentKind.RegulatoryLabel or DocumentKind.EmergencyUseAuthorization => true,
        DocumentKind.ThirdPartyWebPage => false,
    };
}
