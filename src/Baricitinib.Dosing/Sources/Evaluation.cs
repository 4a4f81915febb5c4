using System.Globalization;
using System.Runtime.CompilerServices;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>A dose and its frequency.</summary>
internal sealed record DoseLine(int Mg, Frequency Frequency)
{
    // The words of every dose a source can give, written once (1 to 8 mg, either frequency).
    private static readonly string[] Texts = [.. Enumerable.Range(0, 18).Select(i => Write(i / 2, i % 2 == 0 ? Frequency.OnceDaily : Frequency.EveryOtherDay))];

    public static DoseLine Daily(int mg) => mg switch
    {
        1 => OneDaily,
        2 => TwoDaily,
        4 => FourDaily,
        _ => new(mg, Frequency.OnceDaily),
    };

    private static readonly DoseLine OneDaily = new(1, Frequency.OnceDaily);
    private static readonly DoseLine TwoDaily = new(2, Frequency.OnceDaily);
    private static readonly DoseLine FourDaily = new(4, Frequency.OnceDaily);

    public string Text => Mg is >= 0 and < 9 ? Texts[(Mg * 2) + (Frequency == Frequency.OnceDaily ? 0 : 1)] : Write(Mg, Frequency);

    /// <summary>Milligrams per day, for comparisons (every other day counts half).</summary>
    public double MgPerDay => Frequency == Frequency.OnceDaily ? Mg : Mg / 2.0;

    private static string Write(int mg, Frequency frequency) =>
        $"{mg.ToString(CultureInfo.InvariantCulture)} mg {(frequency == Frequency.OnceDaily ? "once daily" : "every other day")}";
}

/// <summary>
/// What one source says for one patient, built step by step by the source's own rules: the status, the dose, the
/// rules it rests on, its findings (flags), the kidney reading and band it used, and notes for its source row.
/// </summary>
internal sealed class Evaluation(string sourceId, Detail detail = Detail.Full)
{
    /// <summary>Appended to the message of a flag whose rule is unverified, so the caution is visible where it is read.</summary>
    public const string UnverifiedCaution = FlagCatalog.UnverifiedCaution;

    private static readonly List<Flag> NoFlags = [];
    private Few<Rule> _doseRules;
    private List<Flag>? _flags;
    private Few<Rule> _stopRules;
    private List<(DoseLine Dose, string When)>? _alternatives;
    private Few<string> _notes;
    private Rule? _endRule;
    private (DoseLine Dose, string When)? _onRecovery;

    public string SourceId { get; } = sourceId;

    /// <summary>How much wording this evaluation writes (outcomes are the same at every level).</summary>
    public Detail Detail { get; } = detail;

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
    public IReadOnlyList<Flag> Flags => _flags is null ? NoFlags
        : Status == RecommendationStatus.Dose || !_flags.Exists(f => FlagCatalog.IsDoseStep(f.Code)) ? _flags
        : _flags.FindAll(f => !FlagCatalog.IsDoseStep(f.Code));

    public IReadOnlyList<string> Notes => _notes.ToList();

    public KidneyReading? Reading { get; set; }

    /// <summary>The field a "needs input" outcome waits for (API name), or null.</summary>
    public string? MissingInput { get; private set; }

    /// <summary>True when the message of this finding is written at this evaluation's detail (see <see cref="Detail"/>).</summary>
    public bool Wants(string code, Severity severity) => Detail switch
    {
        Detail.Full => true,
        Detail.Row => severity == Severity.Stop,
        Detail.Outcome => false,
    };

    /// <summary>True when notes are written at this evaluation's detail.</summary>
    public bool WantsNotes => Detail != Detail.Outcome;

    /// <summary>Ends with "needs input", naming the field the source waits for.</summary>
    public Evaluation NeedsInput(string field, string note)
    {
        MissingInput = field;
        return End(RecommendationStatus.NeedsInput, null, note);
    }

    /// <inheritdoc cref="NeedsInput(string, string)"/>
    public Evaluation NeedsInput(string field, [InterpolatedStringHandlerArgument("")] ref Message note)
    {
        MissingInput = field;
        return End(RecommendationStatus.NeedsInput, null, note.Text());
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
        ? _doseRules.ToList()
        : [.. _stopRules.ToList().Concat(_endRule is null ? [] : [_endRule]).Distinct()];

    public bool Verified
    {
        get
        {
            if (Status == RecommendationStatus.Dose)
            {
                return _doseRules.TrueForAll(r => r.Verified);
            }

            return _stopRules.TrueForAll(r => r.Verified) && (_endRule?.Verified ?? true);
        }
    }

    public bool HasStop => _flags?.Exists(f => f.Severity == Severity.Stop) ?? false;

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

    public void AddAlternative(DoseLine dose, string when) => (_alternatives ??= new(2)).Add((dose, when));

    /// <summary>Halves every alternative (4 → 2, 2 → 1); one that now equals the dose is dropped.</summary>
    public void HalveAlternatives()
    {
        if (_alternatives is null)
        {
            return;
        }

        for (var i = 0; i < _alternatives.Count; i++)
        {
            _alternatives[i] = (LabelSteps.Halve(_alternatives[i].Dose), _alternatives[i].When);
        }

        DropAlternatives(int.MaxValue);
    }

    /// <summary>Keeps the alternatives of at most this many mg; one that equals the dose is dropped.</summary>
    public void KeepAlternativesUpTo(int mg) => DropAlternatives(mg);

    // Drops, in place, every alternative above the limit or equal to the dose, keeping the order of the rest.
    private void DropAlternatives(int maxMg)
    {
        if (_alternatives is null)
        {
            return;
        }

        var dose = Status == RecommendationStatus.Dose ? Dose : null;
        for (var i = _alternatives.Count - 1; i >= 0; i--)
        {
            var alternative = _alternatives[i].Dose;
            if (alternative.Mg > maxMg || (dose is not null && alternative == dose))
            {
                _alternatives.RemoveAt(i);
            }
        }

        if (_alternatives.Count == 0)
        {
            _alternatives = null;
        }
    }

    public void ClearAlternatives() => _alternatives = null;

    /// <summary>The dose that applies once blood counts recover: the one alternative a result without a dose may carry.</summary>
    public void OfferOnRecovery(DoseLine dose, string when) => _onRecovery = (dose, when);

    /// <summary>Ends with a status that is not a dose (not approved, silent, needs input, no label dose).</summary>
    public Evaluation End(RecommendationStatus status, Rule? rule, string? note = null)
    {
        Status = status;
        Dose = null;
        _alternatives = null;
        if (rule is not null)
        {
            Deciding = rule;
            _endRule = rule;
        }

        if (note is not null && WantsNotes)
        {
            _notes.Add(note);
        }

        return this;
    }

    /// <inheritdoc cref="End(RecommendationStatus, Rule?, string?)"/>
    public Evaluation End(RecommendationStatus status, Rule? rule, [InterpolatedStringHandlerArgument("")] ref Message note) =>
        End(status, rule, note.Text());

    /// <summary>A finding that makes the source say "not recommended"; every such reason is kept as a flag.</summary>
    public void Stop(string code, string message, Rule rule)
    {
        if (!HasStop)
        {
            Deciding = rule;
        }

        _stopRules.Add(rule);
        Flag(code, Severity.Stop, message, rule);
        switch (Status)
        {
            case RecommendationStatus.Dose:
                Status = RecommendationStatus.NotRecommended;
                break;
            case RecommendationStatus.Silent or RecommendationStatus.NoLabelDose:
                // A stop statement applies whether or not the source has a dose rule for this band or weight
                // (decisions.md, Agreement between sources; Doses: "a stop wins" over no label dose).
                Status = RecommendationStatus.NotRecommended;
                Dose = null;
                _endRule = null;
                Deciding = rule;
                break;
            case RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved or RecommendationStatus.NeedsInput:
                break;
        }
    }

    /// <inheritdoc cref="Stop(string, string, Rule)"/>
    public void Stop(string code, [InterpolatedStringHandlerArgument("", "code")] ref Message message, Rule rule) =>
        Stop(code, message.Text() ?? "", rule);

    /// <summary>A finding; an unverified rule's finding says so in its message (written only at a detail that shows it).</summary>
    public void Flag(string code, Severity severity, string message, Rule rule) =>
        (_flags ??= new(4)).Add(new Flag(code, severity, !Wants(code, severity) ? "" : rule.Verified ? message : message + UnverifiedCaution, SourceId, rule.Citation));

    /// <inheritdoc cref="Flag(string, Severity, string, Rule)"/>
    public void Flag(string code, Severity severity, [InterpolatedStringHandlerArgument("", "code", "severity")] ref Message message, Rule rule) =>
        Flag(code, severity, message.Text() ?? "", rule);

    public void Note(string note)
    {
        if (WantsNotes)
        {
            _notes.Add(note);
        }
    }

    /// <inheritdoc cref="Note(string)"/>
    public void Note([InterpolatedStringHandlerArgument("")] ref Message note)
    {
        if (note.Text() is { } text)
        {
            _notes.Add(text);
        }
    }

    /// <summary>True when every reason there is no dose is a blood count below its threshold.</summary>
    private bool StoppedOnlyByBloodCounts =>
        Status == RecommendationStatus.NotRecommended
        && HasStop
        && _flags!.TrueForAll(f => f.Severity != Severity.Stop || f.Code is FlagCodes.LymphocytesLow or FlagCodes.NeutrophilsLow or FlagCodes.HemoglobinLow);

    /// <summary>The words of a status.</summary>
    public string StatusText => Status switch
    {
        RecommendationStatus.Dose when Dose is { } dose => dose.Text,
        RecommendationStatus.Dose => "No rule for this case",
        RecommendationStatus.NotRecommended => "Not recommended",
        RecommendationStatus.NotApproved => "Not approved",
        RecommendationStatus.NoLabelDose => "No dose defined by the label",
        RecommendationStatus.NeedsInput => "Needs more input",
        RecommendationStatus.Silent => "No rule for this case",
    };

    public Recommendation ToRecommendation()
    {
        var dose = Status == RecommendationStatus.Dose ? Dose : null;

        // A result without a dose carries no alternatives, except the dose that applies once blood counts recover.
        IReadOnlyList<Alternative> alternatives = dose is not null
            ? _alternatives is { Count: > 0 } shown ? shown.ConvertAll(a => new Alternative(a.Dose.Mg, a.Dose.Frequency, a.Dose.Text, a.When)) : []
            : StoppedOnlyByBloodCounts && _onRecovery is { } recovery ? [new Alternative(recovery.Dose.Mg, recovery.Dose.Frequency, recovery.Dose.Text, recovery.When)] : [];
        return new Recommendation(
            dose is null && Status == RecommendationStatus.Dose ? RecommendationStatus.Silent : Status,
            dose?.Mg,
            dose?.Frequency,
            StatusText,
            dose is null ? null : Duration,
            SourceId,
            Deciding?.Citation ?? "",
            Verified,
            alternatives);
    }
}
