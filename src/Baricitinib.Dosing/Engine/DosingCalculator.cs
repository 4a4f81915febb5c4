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

        var flags = new List<Flag>(primaryEval.Flags);
        var nearEdge = NearEdgeFlags(primary, patient, primaryEval).ToList();
        flags.AddRange(nearEdge);
        flags.AddRange(DisagreementFlags(primary, patient, primaryEval));
        if (UnverifiedFlag(primary, primaryEval) is { } unverified)
        {
            flags.Add(unverified);
        }

        var ordered = flags
            .DistinctBy(f => (f.Code, f.Message))
            .OrderBy(f => f.Severity)
            .ToList();

        var rows = _registry.All
            .Where(s => s != primary)
            .Select(s => Compare(s, s.Evaluate(patient), primary, primaryEval, primaryRec))
            .ToList();

        var reading = primaryEval.Reading ?? DefaultReading(patient, primary);
        var kidney = new KidneyFunction(
            reading?.Measure,
            reading?.Value,
            reading?.Unit,
            primaryEval.BandLabel,
            nearEdge.Count > 0,
            patient.Kidney.Estimates);

        return new DosingResult(RuleSet.Version, request.Jurisdiction ?? Jurisdiction.Us, patient.Indication, primaryRec, ordered, kidney, rows);
    }

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

    /// <summary>What a clinician acts on: status, dose, frequency and the warning and stop findings.</summary>
    private static (RecommendationStatus Status, int? Mg, Frequency? Frequency, string Codes) Outcome(Evaluation e)
    {
        var rec = e.ToRecommendation();
        var codes = string.Join(" ", e.Flags.Where(f => f.Severity != Severity.Info).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal));
        return (rec.Status, rec.DoseMg, rec.Frequency, codes);
    }

    private static IEnumerable<Flag> NearEdgeFlags(IDosingSource primary, Patient patient, Evaluation eval)
    {
        if (eval.Table is not { } table || eval.Reading is not { } reading || patient.Kidney.Dialysis)
        {
            yield break;
        }

        foreach (var (edge, below, above) in table.Edges())
        {
            if (Math.Abs(reading.Value - edge) > NearEdge)
            {
                continue;
            }

            var belowEval = primary.Evaluate(patient with { Forced = reading with { Value = below } });
            var aboveEval = primary.Evaluate(patient with { Forced = reading with { Value = above } });
            if (Outcome(belowEval) == Outcome(aboveEval))
            {
                continue;
            }

            var belowText = belowEval.ToRecommendation().Text;
            var aboveText = aboveEval.ToRecommendation().Text;
            var edgeText = Formatting.Number(edge);
            var (aboveSide, belowSide) = above == edge
                ? ($"at {edgeText} and above", $"below {edgeText}")
                : ($"above {edgeText}", $"at {edgeText} and below");
            var sides = belowText != aboveText
                ? $"{aboveText} {aboveSide}; {belowText} {belowSide}"
                : $"{aboveText} on both sides, but the warnings change {belowSide}: {FindingsChange(aboveEval, belowEval)}";
            yield return new Flag(FlagCodes.NearBandEdge, Severity.Info,
                $"{MeasureName(reading.Measure)} {Formatting.Kidney(reading.Value)} is within {Formatting.Number(NearEdge)} of the band edge at {edgeText}: {sides}. A small change in the measurement changes the advice.",
                Engine, Documents.Reading + "a kidney value within 3 of a band edge is flagged where the outcome changes across it");
        }
    }

    private static string FindingsChange(Evaluation above, Evaluation below)
    {
        var before = Outcome(above).Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var after = Outcome(below).Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parts = after.Except(before).Select(c => "adds " + Lower(FlagCatalog.Find(c)?.Meaning ?? c).TrimEnd('.'))
            .Concat(before.Except(after).Select(c => "drops " + Lower(FlagCatalog.Find(c)?.Meaning ?? c).TrimEnd('.')));
        return string.Join("; ", parts);
    }

    private static IEnumerable<Flag> DisagreementFlags(IDosingSource primary, Patient patient, Evaluation eval)
    {
        if (eval.Table is null || patient.Kidney.Dialysis)
        {
            yield break;
        }

        var readings = patient.Kidney.BandableReadings().ToList();
        if (readings.Count < 2)
        {
            yield break; // one measure cannot disagree with itself: no second evaluation
        }

        var outcomes = readings
            .Select(r => (Reading: r, Text: primary.Evaluate(patient with { Forced = r }).ToRecommendation().Text))
            .ToList();
        if (outcomes.Select(o => o.Text).Distinct().Count() < 2)
        {
            yield break;
        }

        var parts = outcomes.Select(o => $"{MeasureName(o.Reading.Measure)} ({MethodName(o.Reading.Method)}) {Formatting.Kidney(o.Reading.Value)} {o.Reading.Unit} gives {o.Text}");
        yield return new Flag(FlagCodes.KidneyMeasuresDisagree, Severity.Warning,
            $"The kidney measures fall in bands with different doses: {string.Join("; ", parts)}. {Cap(primary.ShortName)} is applied to {MeasureName(eval.Reading?.Measure)}.",
            Engine, Documents.Reading + "every kidney estimate is compared with the label's bands");
    }

    private static SourceOpinion Compare(IDosingSource source, Evaluation eval, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
    {
        var rec = eval.ToRecommendation();
        var notes = new List<string>();
        string? primarySays = null; // the sentence that restates the primary answer (left out of "why")
        Agreement agreement;
        if (rec.Status is RecommendationStatus.Silent or RecommendationStatus.NeedsInput)
        {
            agreement = Agreement.Silent;
            notes.AddRange(eval.Notes.Count > 0 ? eval.Notes : [$"{source.Info.Title} has no rule for this case."]);
        }
        else
        {
            var extra = ExtraDoses(rec, primaryRec).ToList();
            var outcomeDiffers = rec.Status != primaryRec.Status
                || (rec.Status == RecommendationStatus.Dose && (rec.DoseMg != primaryRec.DoseMg || rec.Frequency != primaryRec.Frequency));
            agreement = outcomeDiffers || extra.Count > 0 ? Agreement.Differs : Agreement.Agrees;
            if (outcomeDiffers && BothAdviseAgainst(rec.Status, primaryRec.Status))
            {
                notes.Add($"Both advise against use, for different reasons. {Says(source, rec, eval)} {Cap(Says(primary, primaryRec, primaryEval))}");
            }
            else if (outcomeDiffers)
            {
                notes.Add(Says(source, rec, eval));
                primarySays = Cap(Says(primary, primaryRec, primaryEval));
                notes.Add(primarySays);
            }

            notes.AddRange(extra.Select(a => $"{Cap(source.ShortName)} also allows {a.Text} ({a.When}), which {primary.ShortName} does not allow for this patient."));

            if (eval.Reading is { } r && primaryEval.Reading is { } pr && r.Measure != pr.Measure)
            {
                notes.Add($"It is applied to {MeasureName(r.Measure)} {Formatting.Kidney(r.Value)} {r.Unit}; {primary.ShortName} to {MeasureName(pr.Measure)} {Formatting.Kidney(pr.Value)} {pr.Unit}.");
            }

            notes.AddRange(eval.Flags.Where(f => f.Code is FlagCodes.EgfrUsedForCrcl or FlagCodes.CrclUsedForEgfr).Select(f => f.Message));
            notes.AddRange(eval.Notes);
        }

        var citation = rec.Citation.Length > 0 ? rec.Citation : source.Info.Title;
        var why = notes.Where(n => !ReferenceEquals(n, primarySays)).ToList();
        return new SourceOpinion(source.Info.Id, source.Info.Title, rec with { Citation = citation }, agreement,
            notes.Count > 0 ? string.Join(" ", notes) : null, eval.Reading?.Measure, citation)
        {
            Why = why.Count > 0 ? string.Join(" ", why) : null,
            MissingInput = eval.MissingInput,
        };
    }

    private static bool BothAdviseAgainst(RecommendationStatus a, RecommendationStatus b) =>
        a is RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved
        && b is RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved;

    private static IEnumerable<Alternative> ExtraDoses(Recommendation source, Recommendation primary)
    {
        if (source.Status != RecommendationStatus.Dose || primary.Status != RecommendationStatus.Dose)
        {
            return [];
        }

        var allowed = primary.Alternatives.Select(a => (a.DoseMg, a.Frequency)).Append((primary.DoseMg!.Value, primary.Frequency!.Value)).ToHashSet();
        return source.Alternatives.Where(a => !allowed.Contains((a.DoseMg, a.Frequency)));
    }

    /// <summary>"The EU SmPC gives 2 mg once daily (creatinine clearance 30–60 mL/min)." or, without a dose,
    /// "The EU SmPC says not approved: COVID-19 is not an authorised indication in the EU …".</summary>
    private static string Says(IDosingSource source, Recommendation rec, Evaluation e)
    {
        if (rec.Status == RecommendationStatus.Dose)
        {
            return $"{Cap(source.ShortName)} gives {rec.Text}{(e.Basis.Length > 0 ? $" ({Lower(e.Basis)})" : "")}.";
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

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Lower-cases the first letter of a phrase used mid-sentence, but not of an abbreviation (eGFR, RA, EU).</summary>
    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1])
        ? char.ToLowerInvariant(s[0]) + s[1..]
        : s;
}
