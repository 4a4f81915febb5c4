using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Rules;

/// <summary>
/// One rule of one source, as data: what it covers, when it applies, what it says, where it is written, and
/// whether its wording was verified ([V]/[D] in clinical-sources.md) or not ([M]).
/// </summary>
/// <param name="Id">Stable id, <c>source.topic.detail</c>.</param>
/// <param name="Scope">Indication and population, e.g. "Rheumatoid arthritis, adults".</param>
/// <param name="Condition">When it applies, e.g. "eGFR 30 to &lt;60 mL/min/1.73 m²".</param>
/// <param name="Outcome">What it says, e.g. "1 mg once daily".</param>
/// <param name="Citation">What users read: the public document, its revision and section (e.g. "US PI (rev. 06/2026) §2.5"),
/// or "This calculator's reading: …" for a product choice. Never an internal working reference.</param>
/// <param name="Provenance">The internal evidence trail (reference sections, evidence tags, seed file lines, product
/// decisions), for review on the sources page, in <c>GET /api/v1/sources</c> and in docs/clinical-rules.md only.</param>
/// <param name="Verified">False for [M] rules: show them with a caution to check the current label.</param>
public sealed record Rule(string Id, string Scope, string Condition, string Outcome, string Citation, string Provenance, bool Verified = true);

/// <summary>A source the product knows, with every rule it has.</summary>
/// <param name="Id">Source id (e.g. <c>fda-pi</c>).</param>
/// <param name="Title">Title, in plain words.</param>
/// <param name="DocumentDate">Version or date of the document the rules were read from.</param>
/// <param name="Document">The public document: title, issuer, identifier, revision, link and kind.</param>
/// <param name="Rules">Its rules.</param>
public sealed record SourceInfo(string Id, string Title, string DocumentDate, SourceDocument Document, IReadOnlyList<Rule> Rules)
{
    /// <summary>True for regulatory documents (labels and the EUA); false for third-party web pages.</summary>
    /// <remarks>Derived from the document's kind, never stated twice.</remarks>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public bool IsLabel => DocumentKinds.IsRegulatory(Document.Kind);

    /// <summary>How the page names this source's recommendation when it is the primary one ("US (FDA)"); null for a
    /// source that is never primary.</summary>
    public string? PrimaryName { get; init; }
}
