using System.Globalization;
using System.Runtime.CompilerServices;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;
using Baricitinib.Dosing.Sources;
using Baricitinib.Dosing.Validation;

namespace Baricitinib.Dosing.Engine;

/// <summary>A result, or the reasons there is none.</summary>
/// <param name="Result">The result when the request is valid.</param>
/// <param name="Errors">The field errors when it is not.</param>
public sealed record CalculationOutcome(DosingResult? Result, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The dosing engine: validates a request, has every source evaluate the patient, takes the primary
/// recommendation from the chosen jurisdiction's label (decisions.md), and compares every other source with it.
/// </summary>
/// <param name="registry">The sources to use (the product's <see cref="SourceRegistry.Default"/> when null).</param>
public sealed class DosingCalculator(SourceRegistry? registry = null)
{
    private const string Engine = "calculator";
    private const double NearEdge = 3;
    private readonly DosingRequestValidator _validator = new();
    private readonly SourceRegistry _registry = registry ?? SourceRegistry.Default;

    /// <summary>Validates and calculates. Never throws for any request.</summary>
    public CalculationOutcome Calculate(DosingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = _validator.Validate(request);
        if (!validation.IsValid)
        {
            return new CalculationOutcome(null, DosingRequestValidator.ToFieldErrors(validation));
        }

        return new CalculationOutcome(CalculateValid(request), []);
    }

    private DosingResult CalculateValid(DosingRequest request)
    {
        var patient = new Patient(request, KidneyProfile.From(request));
        var primary = _registry.Primary(request);
        var primaryEval = primary.Evaluate(patient);
        var primaryRec = primaryEval.ToRecommendation();

        var flags = new List<Flag>(primaryEval.Flags.Count + 2);
        flags.AddRange(primaryEval.Flags);
        var nearEdge = AddNearEdgeFlags(flags, primary, patient, primaryEval);
        if (DisagreementFlag(primary, patient, primaryEval) is { } disagreement)
        {
            flags.Add(disagreement);
        }

        if (WeightFlag(primary, patient, primaryEval) is { } weight)
        {
            flags.Add(weight);
        }

        if (UnverifiedFlag(primary, primaryEval) is { } unverified)
        {
            flags.Add(unverified);
        }

        // Other sources' rows: each writes only what its row's words are made from (notes and stop reasons); the words
        // themselves are written when first read.
        var forRows = patient with { Detail = Detail.Row };
        var rows = new List<SourceOpinion>(_registry.All.Count - 1);
        foreach (var source in _registry.All)
        {
            if (source != primary)
            {
                rows.Add(Compare(source, source.Evaluate(forRows), primary, primaryEval, primaryRec));
            }
        }

        var reading = primaryEval.Reading ?? DefaultReading(patient, primary);
        var kidney = new KidneyFunction(
            reading?.Measure,
            reading?.Value,
            reading?.Unit,
            primaryEval.BandLabel,
            nearEdge,
            patient.Kidney.Estimates);

        return new DosingResult(RuleSet.Version, request.Jurisdiction ?? Jurisdiction.Us, patient.Indication, primaryRec, Ordered(flags), kidney, rows);
    }

    /// <summary>Each (code, message) once, in the order found, then most severe first (stable).</summary>
    private static List<Flag> Ordered(List<Flag> flags)
    {
        if (IsOrdered(flags))
        {
            return flags; // the usual case: nothing to drop or move
        }

        var distinct = new List<Flag>(flags.Count);
        foreach (var flag in flags)
        {
            if (!Contains(distinct, flag))
            {
                distinct.Add(flag);
            }
        }

        var ordered = new List<Flag>(distinct.Count);
        foreach (var severity in Severities)
        {
            foreach (var flag in distinct)
            {
                if (flag.Severity == severity)
                {
                    ordered.Add(flag);
                }
            }
        }

        return ordered;

        static bool Contains(List<Flag> list, Flag flag) => IndexOf(list, flag, list.Count) >= 0;
    }

    private static int IndexOf(List<Flag> list, Flag flag, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (list[i].Code == flag.Code && list[i].Message == flag.Message)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when no (code, message) repeats and the flags are most severe first already.</summary>
    private static bool IsOrdered(List<Flag> flags)
    {
        for (var i = 0; i < flags.Count; i++)
        {
            if ((i > 0 && flags[i].Severity < flags[i - 1].Severity) || IndexOf(flags, flags[i], i) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Severity[] Severities = [.. Enum.GetValues<Severity>().Order()];

    private static KidneyReading? DefaultReading(Patient patient, IDosingSource primary) =>
        primary is EuSmpc && patient.Adult
            ? patient.ForCrclRule
            : patient.ForEgfrRule;

    /// <summary>
    /// <c>unverified-rule</c>, only when a rule that decided the shown status, dose or frequency is unverified; the
    /// message names each such rule in words (decisions.md, Verified marks).
    /// </summary>
    private static Flag? UnverifiedFlag(IDosingSource primary, Evaluation eval)
    {
        if (eval.Verified)
        {
            return null;
        }

        var rules = eval.DecidingRules.Where(r => !r.Verified).Distinct().ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var named = rules.Select(r => $"{r.Scope}, {Lower(r.Condition)}: {Lower(r.Outcome)}");
        return new Flag(FlagCodes.UnverifiedRule, Severity.Warning,
            $"This result rests on {(rules.Count == 1 ? "a rule" : "rules")} whose wording could not be confirmed against the label: {string.Join("; ", named)}. Check {(rules.Count == 1 ? "it" : "them")} against the current label.",
            primary.Info.Id, rules[0].Citation);
    }

    /// <summary>True when two evaluations give what a clinician acts on alike: status, dose, frequency and the
    /// warning and stop findings (compared by code, without any wording).</summary>
    private static bool SameOutcome(Evaluation a, Evaluation b)
    {
        var (statusA, doseA) = Shown(a);
        var (statusB, doseB) = Shown(b);
        if (statusA != statusB || doseA?.Mg != doseB?.Mg || doseA?.Frequency != doseB?.Frequency)
        {
            return false;
        }

        var flagsA = a.Flags;
        var flagsB = b.Flags;
        return Covers(flagsA, flagsB) && Covers(flagsB, flagsA);

        static (RecommendationStatus, DoseLine?) Shown(Evaluation e) => e.Status == RecommendationStatus.Dose
            ? (e.Dose is null ? RecommendationStatus.Silent : RecommendationStatus.Dose, e.Dose)
            : (e.Status, null);

        // Every warning or stop code of one is among the warning or stop codes of the other.
        static bool Covers(IReadOnlyList<Flag> these, IReadOnlyList<Flag> those)
        {
            foreach (var flag in these)
            {
                if (flag.Severity == Severity.Info)
                {
                    continue;
                }

                var found = false;
                foreach (var other in those)
                {
                    if (other.Severity != Severity.Info && other.Code == flag.Code)
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The warning and stop codes of an evaluation, each once, in code order.</summary>
    private static IEnumerable<string> Codes(Evaluation e) =>
        e.Flags.Where(f => f.Severity != Severity.Info).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Adds a <c>near-band-edge</c> flag for each edge within reach whose two sides differ; true when any was added.</summary>
    private static bool AddNearEdgeFlags(List<Flag> flags, IDosingSource primary, Patient patient, Evaluation eval)
    {
        if (eval.Table is not { } table || eval.Reading is not { } reading || patient.Kidney.Dialysis)
        {
            return false;
        }

        var added = false;
        foreach (var (edge, below, above) in table.Edges())
        {
            if (Math.Abs(reading.Value - edge) > NearEdge)
            {
                continue;
            }

            // Outcomes only: the two sides are compared without writing any of their messages.
            var belowEval = Side(below);
            var aboveEval = Side(above);
            if (SameOutcome(belowEval, aboveEval))
            {
                continue;
            }

            flags.Add(new Flag(FlagCodes.NearBandEdge, Severity.Info, NearEdgeMessage(reading, edge, above == edge, aboveEval, belowEval), Engine, NearEdgeCitation));
            added = true;
        }

        return added;

        // The side the reading is on is the primary evaluation itself (a source's outcome depends on the kidney value
        // only through its band row); the other side is evaluated for its outcome alone.
        Evaluation Side(double value) => table.Find(value) == eval.Row
            ? eval
            : primary.Evaluate(patient with { Forced = reading with { Value = value }, Detail = Detail.Outcome });
    }

    /// <summary>"eGFR 59.9 is within 3 of the band edge at 60: 2 mg once daily at 60 and above; 1 mg once daily below
    /// 60. A small change in the measurement changes the advice." (written in one go).</summary>
    private static string NearEdgeMessage(KidneyReading reading, double edge, bool edgeInUpper, Evaluation aboveEval, Evaluation belowEval)
    {
        var belowText = belowEval.StatusText;
        var aboveText = aboveEval.StatusText;
        var edgeText = Formatting.Number(edge);
        var text = new DefaultInterpolatedStringHandler(160, 8, CultureInfo.InvariantCulture);
        text.AppendLiteral(MeasureName(reading.Measure));
        text.AppendLiteral(" ");
        text.AppendLiteral(Formatting.Kidney(reading.Value));
        text.AppendLiteral(" is within ");
        text.AppendLiteral(Formatting.Number(NearEdge));
        text.AppendLiteral(" of the band edge at ");
        text.AppendLiteral(edgeText);
        text.AppendLiteral(": ");
        text.AppendLiteral(aboveText);
        if (belowText != aboveText)
        {
            text.AppendLiteral(edgeInUpper ? " at " : " above ");
            text.AppendLiteral(edgeText);
            text.AppendLiteral(edgeInUpper ? " and above" : "");
            text.AppendLiteral("; ");
            text.AppendLiteral(belowText);
        }
        else
        {
            text.AppendLiteral(" on both sides, but the warnings change");
        }

        text.AppendLiteral(edgeInUpper ? " below " : " at ");
        text.AppendLiteral(edgeText);
        text.AppendLiteral(edgeInUpper ? "" : " and below");
        if (belowText == aboveText)
        {
            text.AppendLiteral(": ");
            text.AppendLiteral(FindingsChange(aboveEval, belowEval));
        }

        text.AppendLiteral(". A small change in the measurement changes the advice.");
        return text.ToStringAndClear();
    }

    private const string NearEdgeCitation = Documents.Reading + "a kidney value within 3 of a band edge is flagged where the outcome changes across it";

    private static string FindingsChange(Evaluation above, Evaluation below)
    {
        var before = Codes(above).ToList();
        var after = Codes(below).ToList();
        var parts = after.Except(before).Select(c => "adds " + Lower(FlagCatalog.Find(c)?.Meaning ?? c).TrimEnd('.'))
            .Concat(before.Except(after).Select(c => "drops " + Lower(FlagCatalog.Find(c)?.Meaning ?? c).TrimEnd('.')));
        return string.Join("; ", parts);
    }

    private static bool SameReading(KidneyReading a, KidneyReading? b) =>
        b is not null && !b.Fallback && a.Measure == b.Measure && a.Method == b.Method && a.Value.Equals(b.Value);

    private static Flag? DisagreementFlag(IDosingSource primary, Patient patient, Evaluation eval)
    {
        if (eval.Table is null || patient.Kidney.Dialysis)
        {
            return null;
        }

        var readings = patient.Kidney.BandableReadings;
        if (readings.Count < 2)
        {
            return null; // one measure cannot disagree with itself: no second evaluation
        }

        var texts = new string[readings.Count];
        var differ = false;
        for (var i = 0; i < readings.Count; i++)
        {
            // The reading the primary label used gives the primary answer; only the others are evaluated again.
            texts[i] = SameReading(readings[i], eval.Reading)
                ? eval.StatusText
                : primary.Evaluate(patient with { Forced = readings[i], Detail = Detail.Outcome }).StatusText;
            differ |= texts[i] != texts[0];
        }

        if (!differ)
        {
            return null;
        }

        var text = new DefaultInterpolatedStringHandler(200, 4 * readings.Count, CultureInfo.InvariantCulture);
        text.AppendLiteral("The kidney measures fall in bands with different doses: ");
        for (var i = 0; i < readings.Count; i++)
        {
            var r = readings[i];
            text.AppendLiteral(i > 0 ? "; " : "");
            text.AppendLiteral(MeasureName(r.Measure));
            text.AppendLiteral(" (");
            text.AppendLiteral(MethodName(r.Method));
            text.AppendLiteral(") ");
            text.AppendLiteral(Formatting.Kidney(r.Value));
            text.AppendLiteral(" ");
            text.AppendLiteral(r.Unit);
            text.AppendLiteral(" gives ");
            text.AppendLiteral(texts[i]);
        }

        text.AppendLiteral(". ");
        text.AppendLiteral(Cap(primary.ShortName));
        text.AppendLiteral(" is applied to ");
        text.AppendLiteral(MeasureName(eval.Reading?.Measure));
        text.AppendLiteral(".");
        return new Flag(FlagCodes.KidneyMeasuresDisagree, Severity.Warning, text.ToStringAndClear(),
            Engine, Documents.Reading + "every kidney estimate is compared with the label's bands");
    }

    /// <summary>
    /// <c>cg-weight-decides</c>: the primary label uses a Cockcroft–Gault clearance, and the clearances with the
    /// actual, ideal and adjusted weight fall in bands that give different answers (decisions.md, Kidney function).
    /// </summary>
    private static Flag? WeightFlag(IDosingSource primary, Patient patient, Evaluation eval)
    {
        var byWeight = patient.Kidney.CockcroftGaultByWeight;
        if (byWeight.Count < 2 || patient.Kidney.Dialysis || eval.Reading is not { Method: EstimateMethod.CockcroftGault, Fallback: false } reading)
        {
            return null;
        }

        var texts = new string[byWeight.Count];
        var differ = false;
        for (var i = 0; i < byWeight.Count; i++)
        {
            var value = byWeight[i].Value;
            texts[i] = value.Equals(reading.Value)
                ? eval.StatusText
                : primary.Evaluate(patient with { Forced = reading with { Value = value }, Detail = Detail.Outcome }).StatusText;
            differ |= texts[i] != texts[0];
        }

        if (!differ)
        {
            return null;
        }

        var parts = new List<string>(byWeight.Count);
        for (var i = 0; i < byWeight.Count; i++)
        {
            var (weight, kg, value) = byWeight[i];
            parts.Add($"{Formatting.WeightName(weight)} weight {Formatting.Number(Math.Round(kg, 1))} kg gives {Formatting.Kidney(value)} mL/min: {Lower(texts[i])}");
        }

        var chosen = patient.Request.CockcroftGaultWeight ?? CockcroftGaultWeight.Actual;
        return new Flag(FlagCodes.CgWeightDecides, Severity.Warning,
            $"The weight used for Cockcroft–Gault decides the dose: {string.Join("; ", parts)}. The {Formatting.WeightName(chosen)} weight was chosen and is used.",
            Engine, Documents.Reading + "the clearance is computed with each weight and compared with the label's bands");
    }

    private static SourceOpinion Compare(IDosingSource source, Evaluation eval, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
    {
        var rec = eval.ToRecommendation();
        var agreement = rec.Status is RecommendationStatus.Silent or RecommendationStatus.NeedsInput
            ? Agreement.Silent
            : OutcomeDiffers(rec, primaryRec) || ExtraDoses(rec, primaryRec).Count > 0 ? Agreement.Differs : Agreement.Agrees;
        var citation = rec.Citation.Length > 0 ? rec.Citation : source.Info.Title;
        return new SourceOpinion(source.Info.Id, source.Info.Title, rec.Citation.Length > 0 ? rec : rec with { Citation = citation }, agreement,
            eval.Reading?.Measure, citation, new RowNotes(source, eval, rec, primary, primaryEval, primaryRec))
        {
            MissingInput = eval.MissingInput,
        };
    }

    /// <summary>Writes a row's note and "why" when they are first read.</summary>
    private sealed class RowNotes(IDosingSource source, Evaluation eval, Recommendation rec, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
        : SourceOpinion.NoteWriter
    {
        public override (string? Note, string? Why) Write() => Notes(source, eval, rec, primary, primaryEval, primaryRec);
    }

    private static bool OutcomeDiffers(Recommendation rec, Recommendation primaryRec) =>
        rec.Status != primaryRec.Status
        || (rec.Status == RecommendationStatus.Dose && (rec.DoseMg != primaryRec.DoseMg || rec.Frequency != primaryRec.Frequency))
        || (rec.Status != RecommendationStatus.Dose && !SameRecoveryDoses(rec, primaryRec));

    /// <summary>True when two results without a dose give the same doses once blood counts recover (or neither gives one).</summary>
    private static bool SameRecoveryDoses(Recommendation a, Recommendation b)
    {
        if (a.Alternatives.Count != b.Alternatives.Count)
        {
            return false;
        }

        foreach (var x in a.Alternatives)
        {
            if (!b.Alternatives.Any(y => y.DoseMg == x.DoseMg && y.Frequency == x.Frequency))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A source row's note (what differs and why, what it lacks or adds) and its "why" (the note without the
    /// sentence that restates the primary answer).</summary>
    private static (string? Note, string? Why) Notes(IDosingSource source, Evaluation eval, Recommendation rec, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
    {
        var notes = new List<string>();
        string? primarySays = null; // the sentence that restates the primary answer (left out of "why")
        if (rec.Status is RecommendationStatus.Silent or RecommendationStatus.NeedsInput)
        {
            notes.AddRange(eval.Notes.Count > 0 ? eval.Notes : [$"{source.Info.Title} has no rule for this case."]);
        }
        else
        {
            var outcomeDiffers = OutcomeDiffers(rec, primaryRec);
            if (outcomeDiffers && rec.Status == primaryRec.Status && rec.Status != RecommendationStatus.Dose)
            {
                // Same status, different doses once blood counts recover (US 1 mg vs EU 2 mg).
                notes.Add($"Both say {Lower(rec.Text)}; once blood counts recover {source.ShortName} gives {Recovery(rec)}, {primary.ShortName} {Recovery(primaryRec)}.");
            }
            else if (outcomeDiffers && BothAdviseAgainst(rec.Status, primaryRec.Status))
            {
                notes.Add($"Both advise against use, for different reasons. {Says(source, rec, eval)} {Cap(Says(primary, primaryRec, primaryEval))}");
            }
            else if (outcomeDiffers)
            {
                notes.Add(Says(source, rec, eval));
                primarySays = Cap(Says(primary, primaryRec, primaryEval));
                notes.Add(primarySays);
            }

            foreach (var a in ExtraDoses(rec, primaryRec))
            {
                notes.Add($"{Cap(source.ShortName)} also allows {a.Text} ({a.When}), which {primary.ShortName} does not allow for this patient.");
            }

            if (eval.Reading is { } r && primaryEval.Reading is { } pr && r.Measure != pr.Measure)
            {
                notes.Add($"It is applied to {MeasureName(r.Measure)} {Formatting.Kidney(r.Value)} {r.Unit}; {primary.ShortName} to {MeasureName(pr.Measure)} {Formatting.Kidney(pr.Value)} {pr.Unit}.");
            }

            foreach (var f in eval.Flags)
            {
                if (f.Code is FlagCodes.EgfrUsedForCrcl or FlagCodes.CrclUsedForEgfr && eval.Reading is { } fallback)
                {
                    notes.Add(LabelSteps.FallbackMessage(f.Code, fallback.Value));
                }
            }

            notes.AddRange(eval.Notes);
        }

        var note = notes.Count > 0 ? string.Join(" ", notes) : null;
        if (primarySays is null)
        {
            return (note, note);
        }

        notes.Remove(primarySays);
        return (note, notes.Count > 0 ? string.Join(" ", notes) : null);
    }

    private static readonly List<Alternative> NoAlternatives = [];

    /// <summary>"1 mg once daily (once ALC ≥ 500 cells/mm³)", or "no dose" for a result without one.</summary>
    private static string Recovery(Recommendation rec) => rec.Alternatives.Count == 0
        ? "no dose"
        : string.Join(" or ", rec.Alternatives.Select(a => $"{a.Text} ({a.When})"));

    private static bool BothAdviseAgainst(RecommendationStatus a, RecommendationStatus b) =>
        a is RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved
        && b is RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved;

    /// <summary>The source's alternatives that are neither the primary dose nor one of its alternatives.</summary>
    private static List<Alternative> ExtraDoses(Recommendation source, Recommendation primary)
    {
        if (source.Status != RecommendationStatus.Dose || primary.Status != RecommendationStatus.Dose || source.Alternatives.Count == 0)
        {
            return NoAlternatives;
        }

        var extra = new List<Alternative>(source.Alternatives.Count);
        foreach (var a in source.Alternatives)
        {
            var allowed = (a.DoseMg == primary.DoseMg && a.Frequency == primary.Frequency)
                || primary.Alternatives.Any(p => p.DoseMg == a.DoseMg && p.Frequency == a.Frequency);
            if (!allowed)
            {
                extra.Add(a);
            }
        }

        return extra;
    }

    /// <summary>"The EU SmPC gives 2 mg once daily (creatinine clearance 30–60 mL/min)." or, without a dose,
    /// "The EU SmPC says not approved: COVID-19 is not an authorised indication in the EU …".</summary>
    private static string Says(IDosingSource source, Recommendation rec, Evaluation e)
    {
        if (rec.Status == RecommendationStatus.Dose)
        {
            // The basis in parentheses, or after "for" when it has parentheses of its own (never nested).
            var basis = e.Basis.Length == 0 ? "" : e.Basis.Contains('(', StringComparison.Ordinal) ? $" for {Lower(e.Basis)}" : $" ({Lower(e.Basis)})";
            return $"{Cap(source.ShortName)} gives {rec.Text}{basis}.";
        }

        var stops = e.Flags.Where(f => f.Severity == Severity.Stop).Select(f => f.Message).Distinct().ToList();
        var reason = stops.Count > 0 ? string.Join(" ", stops) : e.Basis.Length > 0 ? Lower(e.Basis) + "." : "";
        return $"{Cap(source.ShortName)} says {Lower(rec.Text)}{(reason.Length > 0 ? ": " + Lower(reason) : ".")}";
    }

    internal static string MeasureName(KidneyMeasure? m) => m switch
    {
        KidneyMeasure.Egfr => "eGFR",
        KidneyMeasure.Crcl => "creatinine clearance",
        KidneyMeasure.EgfrAbsolute => "de-indexed eGFR",
        KidneyMeasure.Bsa => "body surface area",
        null => "no kidney measure",
    };

    internal static string MethodName(EstimateMethod m) => m switch
    {
        EstimateMethod.Reported => "reported",
        EstimateMethod.CkdEpi2021 => "CKD-EPI 2021",
        EstimateMethod.BedsideSchwartz => "bedside Schwartz",
        EstimateMethod.CockcroftGault => "Cockcroft–Gault",
        EstimateMethod.DeIndexed => "de-indexed",
        EstimateMethod.Mosteller => "Mosteller",
    };

    private static string Cap(string s) => s.Length == 0 || char.IsUpper(s[0]) ? s : WithFirst(s, char.ToUpperInvariant(s[0]));

    private static string WithFirst(string s, char first) => string.Create(s.Length, (s, first), static (span, state) =>
    {
        state.s.AsSpan().CopyTo(span);
        span[0] = state.first;
    });

    /// <summary>Lower-cases the first letter of a phrase used mid-sentence, but not of an abbreviation (eGFR, RA, EU).</summary>
    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1])
        ? WithFirst(s, char.ToLowerInvariant(s[0]))
        : s;
}
