using System.Globalization;
using System.Text.Json.Serialization;

namespace Baricitinib.Dosing.Model;

/// <summary>Whether a newer revision of a document has been published than the one this calculator's rules were checked against.</summary>
public enum CurrencyStatus
{
    /// <summary>The newest published revision is the one the rules were checked against (or older).</summary>
    [JsonStringEnumMemberName("current")] Current,
    /// <summary>A revision published after the one the rules were checked against exists: the rules need review.</summary>
    [JsonStringEnumMemberName("newer-available")] NewerAvailable,
    /// <summary>Watched, but not yet (or not successfully) checked: no network, a bad answer.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>Not watched automatically: check the document's link.</summary>
    [JsonStringEnumMemberName("not-watched")] NotWatched,
}

/// <summary>
/// How a document is watched for new revisions: its DailyMed set id and the revision the rules were checked against
/// (the DailyMed publication date, and the SPL version when it was recorded).
/// </summary>
/// <param name="Name">How a sentence names the document ("US prescribing information").</param>
/// <param name="DailyMedSetId">The DailyMed set id (stable across revisions).</param>
/// <param name="CheckedPublished">The publication date of the revision the rules were checked against.</param>
/// <param name="CheckedVersion">Its SPL version, when recorded (a later version is a newer revision).</param>
public sealed record DocumentWatch(string Name, string DailyMedSetId, DateOnly CheckedPublished, int? CheckedVersion = null)
{
    /// <summary>The one line users read when a newer revision exists: "The US prescribing information was revised on
    /// 3 Dec 2026, after this calculator's rules were checked (rev. 18 Sep 2026): check the current label."</summary>
    public string NewerNotice(DocumentCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return $"The {Name} was revised on {currency.LatestDate}, after this calculator's rules were checked (rev. {CheckedText}): check the current label.";
    }

    /// <summary>The checked revision as users read it, e.g. "18 Sep 2026".</summary>
    public string CheckedText => Format(CheckedPublished);

    /// <summary>A date as users read it everywhere ("18 Sep 2026").</summary>
    public static string Format(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>One published revision of a document (a DailyMed history entry).</summary>
/// <param name="Version">SPL version.</param>
/// <param name="Published">Publication date.</param>
public sealed record PublishedRevision(int Version, DateOnly Published);

/// <summary>What is known about a document's revisions, as the API and the page report it.</summary>
/// <param name="Status">Current, newer available, unknown or not watched.</param>
/// <param name="CheckedRevision">The revision the rules were checked against ("18 Sep 2026"), or null when not watched.</param>
/// <param name="LatestRevision">The newest revision seen ("3 Dec 2026, version 21"), or null when none was seen.</param>
/// <param name="LastChecked">When the document's publisher was last asked successfully, or null.</param>
public sealed record DocumentCurrency(CurrencyStatus Status, string? CheckedRevision, string? LatestRevision, DateTimeOffset? LastChecked)
{
    /// <summary>A document nobody watches.</summary>
    public static DocumentCurrency NotWatched { get; } = new(CurrencyStatus.NotWatched, null, null, null);

    /// <summary>A watched document not yet checked (or whose check failed, with nothing known before).</summary>
    public static DocumentCurrency Unknown(DocumentWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return new(CurrencyStatus.Unknown, watch.CheckedText, null, null);
    }

    /// <summary>Compares the revisions seen with the one the rules were checked against: a revision published after
    /// it, or with a higher SPL version than the recorded one, is newer.</summary>
    public static DocumentCurrency From(DocumentWatch watch, IReadOnlyCollection<PublishedRevision> seen, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(seen);
        if (seen.Count == 0)
        {
            return Unknown(watch) with { LastChecked = checkedAt };
        }

        var latest = seen.OrderByDescending(r => r.Published).ThenByDescending(r => r.Version).First();
        var newer = seen.Any(r => r.Published > watch.CheckedPublished || (watch.CheckedVersion is { } v && r.Version > v));
        return new(newer ? CurrencyStatus.NewerAvailable : CurrencyStatus.Current, watch.CheckedText,
            $"{DocumentWatch.Format(latest.Published)}, version {latest.Version.ToString(CultureInfo.InvariantCulture)}", checkedAt);
    }

    /// <summary>The newest revision's date alone ("3 Dec 2026"), for the sentence users read.</summary>
    [JsonIgnore]
    public string? LatestDate => LatestRevision?.Split(',')[0];
}
