using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;
using Baricitinib.Dosing.Sources;

namespace Baricitinib.Dosing.Engine;

/// <summary>The engine's own kidney checks across the primary label's bands: a value near a band edge, kidney
/// measures that disagree, Cockcroft–Gault weights that decide.</summary>
public sealed partial class DosingCalculator
{
    private static KidneyReading? DefaultReading(Patient patient, IDosingSource primary) =>
        primary is EuSmpc && patient.Adult
            ? patient.ForCrclRule
            : patient.ForEgfrRule;

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
        var sides = belowText != aboveText
            ? $"{aboveText} {(edgeInUpper ? "at" : "above")} {edgeText}{(edgeInUpper ? " and above" : "")}; {belowText}"
            : $"{aboveText} on both sides, but the warnings change";
        var below = $"{(edgeInUpper ? "below" : "at")} {edgeText}{(edgeInUpper ? "" : " and below")}";
        var change = belowText == aboveText ? ": " + FindingsChange(aboveEval, belowEval) : "";
        return $"{MeasureName(reading.Measure)} {Formatting.Kidney(reading.Value)} is within {Formatting.Number(NearEdge)} of the band edge at {edgeText}: {sides} {below}{change}. A small change in the measurement changes the advice.";
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

        var each = string.Join("; ", readings.Select((r, i) => $"{MeasureName(r.Measure)} ({MethodName(r.Method)}) {Formatting.Kidney(r.Value)} {r.Unit} gives {texts[i]}"));
        var text = $"The kidney measures fall in bands with different doses: {each}. {Cap(primary.ShortName)} is applied to {MeasureName(eval.Reading?.Measure)}.";
        return new Flag(FlagCodes.KidneyMeasuresDisagree, Severity.Warning, text,
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
}
