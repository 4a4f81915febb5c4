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
    private readonly List<Rule> _applied = [];
    private readonly List<Flag> _flags = [];
    private readonly List<(DoseLine Dose, string When)> _alternatives = [];
    private readonly List<string> _notes = [];

    public string SourceId { get; } = sourceId;

    public RecommendationStatus Status { get; private set; } = RecommendationStatus.Dose;

    public DoseLine? Dose { get; private set; }

    public string? Duration { get; set; }

    /// <summary>The rule that decided the outcome (its citation is the recommendation's).</summary>
    public Rule? Deciding { get; private set; }

    /// <summary>The condition that decided the outcome, in words (for conflict notes).</summary>
    public string Basis => Deciding?.Condition ?? "";

    public IReadOnlyList<Flag> Flags => _flags;

    public IReadOnlyList<string> Notes => _notes;

    public IReadOnlyList<(DoseLine Dose, string When)> Alternatives => _alternatives;

    public KidneyReading? Reading { get; set; }

    public string? BandLabel { get; set; }

    public BandTable? Table { get; set; }

    /// <summary>The band row the kidney reading fell in (or that dialysis was read as).</summary>
    public BandRow? Row { get; set; }

    public bool Verified => _applied.All(r => r.Verified);

    public bool HasStop => _flags.Any(f => f.Severity == Severity.Stop);

    public bool IsDose => Status == RecommendationStatus.Dose && Dose is not null;

    /// <summary>Sets the dose, and the rule that sets it decides.</summary>
    public void SetDose(DoseLine dose, Rule rule)
    {
        Dose = dose;
        Decide(rule);
    }

    public void AddAlternative(DoseLine dose, string when) => _alternatives.Add((dose, when));

    public void ReplaceAlternatives(IEnumerable<(DoseLine Dose, string When)> alternatives)
    {
        var list = alternatives.Where(a => Status != RecommendationStatus.Dose || Dose is null || a.Dose != Dose).ToList();
        _alternatives.Clear();
        _alternatives.AddRange(list);
    }

    public void ClearAlternatives() => _alternatives.Clear();

    /// <summary>Ends with a status that is not a dose (not approved, silent, needs input, no label dose).</summary>
    public Evaluation End(RecommendationStatus status, Rule? rule, string? note = null)
    {
        Status = status;
        Dose = null;
        _alternatives.Clear();
        if (rule is not null)
        {
            Decide(rule);
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

        Flag(code, Severity.Stop, message, rule);
        if (Status == RecommendationStatus.Dose)
        {
            Status = RecommendationStatus.NotRecommended;
        }
    }

    /// <summary>A finding that keeps the dose.</summary>
    public void Flag(string code, Severity severity, string message, Rule rule)
    {
        _applied.Add(rule);
        _flags.Add(new Flag(code, severity, message, SourceId, rule.Citation));
    }

    /// <summary>The rule is part of the outcome (its verified mark counts).</summary>
    public void Use(Rule rule) => _applied.Add(rule);

    public void Note(string note) => _notes.Add(note);

    private void Decide(Rule rule)
    {
        Deciding = rule;
        _applied.Add(rule);
    }

    public Recommendation ToRecommendation()
    {
        var dose = Status == RecommendationStatus.Dose ? Dose : null;
        var text = Status switch
        {
            RecommendationStatus.Dose when dose is not null => dose.Text,
            RecommendationStatus.NotRecommended => "Not recommended",
            RecommendationStatus.NotApproved => "Not approved",
            RecommendationStatus.NoLabelDose => "No dose defined by the label",
            RecommendationStatus.NeedsInput => "Needs more input",
            _ => "No rule for this case",
        };
        var alternatives = _alternatives
            .Select(a => new Alternative(a.Dose.Mg, a.Dose.Frequency, a.Dose.Text, a.When))
            .ToList();
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
