using System.Globalization;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>A dose and its frequency.</summary>
internal sealed record DoseLine(int Mg, Frequency Frequency)
{
    public static DoseLine Daily(int mg) => new(mg, Frequency.OnceDaily);

    public string Text => $"{Mg.ToString(CultureInfo.InvariantCulture)} mg {(Frequency == Frequency.OnceDaily ? "once daily" : "every other day")}";

    /// <summary>Milligrams per day, for comparisons (every other day counts half).</summary>
    public double MgPerDay => Frequency == Frequency.OnceDaily ? Mg : Mg / 2.0;
}

/// <summary>
/// What one source says for one patient, built step by step by the source's own rules: the status, the dose, the
/// rules it rests on, its findings (flags), the kidney reading and band it used, and notes for its source row.
/// </summary>
internal sealed class Evaluation(string sourceId)
{
    /// <summary>Appended to the message of a flag whose rule is unverified, so the caution is visible where it is read.</summary>
    public const string UnverifiedCaution = " (Wording not confirmed: check the current label.)";

    private static readonly HashSet<string> BloodCountCodes = [FlagCodes.LymphocytesLow, FlagCodes.NeutrophilsLow, FlagCodes.HemoglobinLow];

    private readonly List<Rule> _doseRules = [];
    private readonly List<Rule> _stopRules = [];
    private readonly List<Flag> _flags = [];
    private readonly List<(DoseLine Dose, string When)> _alternatives = [];
    private readonly List<string> _notes = [];
    private Rule? _endRule;
    private (DoseLine Dose, string When)? _onRecovery;

    public string SourceId { get; } = sourceId;

    public RecommendationStatus Status { get; private set; } = RecommendationStatus.Dose;

    public DoseLine? Dose { get; private set; }

    public string? Duration { get; set; }

    /// <summary>The rule that decided the outcome (its citation is the recommendation's).</summary>
    public Rule? Deciding { get; private set; }

    /// <summary>The condition that decided the outcome, in words (for conflict notes).</summary>
    public string Basis => Deciding?.Condition ?? "";

    /// <summary>
    /// The findings as shown: on a result without a dose, the flags that describe how a dose was reached are left
    /// out (decisions.md, Statuses versus flags); the stop flag says why there is no dose.
    /// </summary>
    public IReadOnlyList<Flag> Flags => Status == RecommendationStatus.Dose
        ? _flags
        : [.. _flags.Where(f => !FlagCatalog.IsDoseStep(f.Code))];

    public IReadOnlyList<string> Notes => _notes;

    public IReadOnlyList<(DoseLine Dose, string When)> Alternatives => _alternatives;

    public KidneyReading? Reading { get; set; }

    /// <summary>The field a "needs input" outcome waits for (API name), or null.</summary>
    public string? MissingInput { get; private set; }

    /// <summary>Ends with "needs input", naming the field the source waits for.</summary>
    public Evaluation NeedsInput(string field, string note)
    {
        MissingInput = field;
        return End(RecommendationStatus.NeedsInput, null, note);
    }

    public string? BandLabel { get; set; }

    public BandTable? Table { get; set; }

    /// <summary>The band row the kidney reading fell in (or that dialysis was read as).</summary>
    public BandRow? Row { get; set; }

    /// <summary>
    /// The rules that decided the shown status, dose and frequency: for a dose, every rule that set it; otherwise the
    /// rules that stopped it or ended the evaluation. Rules consulted that changed nothing are not among them.
    /// </summary>
    public IReadOnlyList<Rule> DecidingRules => Status == RecommendationStatus.Dose
        ? _doseRules
        : [.. _stopRules.Concat(_endRule is null ? [] : [_endRule]).Distinct()];

    public bool Verified => DecidingRules.All(r => r.Verified);

    public bool HasStop => _flags.Any(f => f.Severity == Severity.Stop);

    public bool IsDose => Status == RecommendationStatus.Dose && Dose is not null;

    /// <summary>Sets the dose, and the rule that sets it decides.</summary>
    public void SetDose(DoseLine dose, Rule rule)
    {
        Dose = dose;
        Deciding = rule;
        _doseRules.Add(rule);
    }

    /// <summary>Sets the starting dose and the alternative the source allows with it, if any.</summary>
    public void Start(DoseLine dose, Rule rule, (DoseLine Dose, string When)? alternative)
    {
        SetDose(dose, rule);
        if (alternative is { } a)
        {
            AddAlternative(a.Dose, a.When);
        }
    }

    public void AddAlternative(DoseLine dose, string when) => _alternatives.Add((dose, when));

    public void ReplaceAlternatives(IEnumerable<(DoseLine Dose, string When)> alternatives)
    {
        var list = alternatives.Where(a => Status != RecommendationStatus.Dose || Dose is null || a.Dose != Dose).ToList();
        _alternatives.Clear();
        _alternatives.AddRange(list);
    }

    public void ClearAlternatives() => _alternatives.Clear();

    /// <summary>The dose that applies once blood counts recover: the one alternative a result without a dose may carry.</summary>
    public void OfferOnRecovery(DoseLine dose, string when) => _onRecovery = (dose, when);

    /// <summary>Ends with a status that is not a dose (not approved, silent, needs input, no label dose).</summary>
    public Evaluation End(RecommendationStatus status, Rule? rule, string? note = null)
    {
        Status = status;
        Dose = null;
        _alternatives.Clear();
        if (rule is not null)
        {
            Deciding = rule;
            _endRule = rule;
        }

        if (note is not null)
        {
            _notes.Add(note);
        }

        return this;
    }

    /// <summary>A finding that makes the source say "not recommended"; every such reason is kept as a flag.</summary>
    public void Stop(string code, string message, Rule rule)
    {
        if (!HasStop)
        {
            Deciding = rule;
        }

        _stopRules.Add(rule);
        Flag(code, Severity.Stop, message, rule);
        if (Status == RecommendationStatus.Dose)
        {
            Status = RecommendationStatus.NotRecommended;
        }
    }

    /// <summary>A finding; an unverified rule's finding says so in its message.</summary>
    public void Flag(string code, Severity severity, string message, Rule rule) =>
        _flags.Add(new Flag(code, severity, rule.Verified ? message : message + UnverifiedCaution, SourceId, rule.Citation));

    public void Note(string note) => _notes.Add(note);

    /// <summary>True when every reason there is no dose is a blood count below its threshold.</summary>
    private bool StoppedOnlyByBloodCounts =>
        Status == RecommendationStatus.NotRecommended
        && _flags.Where(f => f.Severity == Severity.Stop).All(f => BloodCountCodes.Contains(f.Code))
        && HasStop;

    public Recommendation ToRecommendation()
    {
        var dose = Status == RecommendationStatus.Dose ? Dose : null;
        var text = Status switch
        {
            RecommendationStatus.Dose when dose is not null => dose.Text,
            RecommendationStatus.Dose => "No rule for this case",
            RecommendationStatus.NotRecommended => "Not recommended",
            RecommendationStatus.NotApproved => "Not approved",
            RecommendationStatus.NoLabelDose => "No dose defined by the label",
            RecommendationStatus.NeedsInput => "Needs more input",
            RecommendationStatus.Silent => "No rule for this case",
        };

        // A result without a dose carries no alternatives, except the dose that applies once blood counts recover.
        IEnumerable<(DoseLine Dose, string When)> shown = dose is not null
            ? _alternatives
            : StoppedOnlyByBloodCounts && _onRecovery is { } recovery ? [recovery] : [];
        var alternatives = shown.Select(a => new Alternative(a.Dose.Mg, a.Dose.Frequency, a.Dose.Text, a.When)).ToList();
        return new Recommendation(
            dose is null && Status == RecommendationStatus.Dose ? RecommendationStatus.Silent : Status,
            dose?.Mg,
            dose?.Frequency,
            text,
            dose is null ? null : Duration,
            SourceId,
            Deciding?.Citation ?? "",
            Verified,
            alternatives);
    }
}
