using Baricitinib.Dosing.Input;
using System.Globalization;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>Steps that several sources apply the same way; each source passes its own rules (and so its citations).</summary>
internal static class LabelSteps
{
    public const string DialysisBand = "dialysis/ESRD/AKI";

    private static readonly Rule MeasureFallback = new("calculator.measure-fallback", "All", "Measure fallback", "Other measure used",
        Documents.Reading + "when the measure a rule is written in cannot be had, the other one stands in, flagged", "decisions.md, Kidney function");

    /// <summary>Applies a renal band table. Returns true while the outcome is still a dose.</summary>
    public static bool ApplyRenal(Evaluation e, Patient p, BandTable table, KidneyReading? reading, Rule dialysisRule, string fallbackCode)
    {
        e.Table = table;
        e.Reading = reading;
        if (p.Kidney.Dialysis && p.Forced is null)
        {
            e.BandLabel = DialysisBand;
            if (table.DialysisReadsAs is { } readAs)
            {
                e.Row = readAs;
                e.Note($"It has no dialysis rule; dialysis is read as its {readAs.Band.Label} band.");
                return ApplyStep(e, readAs, new Subject(table, null, readAs));
            }

            e.Stop(FlagCodes.KidneyFailureNotRecommended,
                "On dialysis, with end-stage renal disease or with acute kidney injury: not recommended.", dialysisRule);
            return false;
        }

        if (reading is null)
        {
            e.NeedsInput(Fields.Egfr, $"Needs a kidney function ({table.MeasureName}, or a serum creatinine with what its equation needs).");
            return false;
        }

        if (reading.Fallback)
        {
            e.Flag(fallbackCode, Severity.Info, e.Wants(fallbackCode, Severity.Info) ? FallbackMessage(fallbackCode, reading.Value) : "", MeasureFallback);
        }

        var row = table.Find(reading.Value);
        if (row is null)
        {
            e.BandLabel = null;
            e.End(RecommendationStatus.Silent, table.NoBandRule,
                $"No band covers {table.MeasureName} {Formatting.Kidney(reading.Value)}: its bands are {table.BandList}.");
            return false;
        }

        e.BandLabel = row.Band.Label;
        e.Row = row;
        return ApplyStep(e, row, new Subject(table, reading, row));
    }

    /// <summary>What a measure-fallback flag says: which measure stood in for the one the rule is written in.</summary>
    public static string FallbackMessage(string code, double value) => code == FlagCodes.CrclUsedForEgfr
        ? $"No eGFR could be had: creatinine clearance {Formatting.Kidney(value)} mL/min stands in for the eGFR this rule is written in."
        : $"No creatinine clearance could be had: eGFR {Formatting.Kidney(value)} mL/min/1.73 m² stands in for the creatinine clearance this rule is written in (not de-indexed).";

    /// <summary>Applies one band row's step to the dose. Returns true while the outcome is still a dose.</summary>
    private static bool ApplyStep(Evaluation e, BandRow row, Subject what)
    {
        switch (row.Step.Kind)
        {
            case StepKind.Keep:
                return e.IsDose;
            case StepKind.Halve when e.Dose is { } dose:
                var halved = Halve(dose);
                e.SetDose(halved, row.Rule);
                e.HalveAlternatives();
                e.Flag(FlagCodes.RenalDoseReduced, Severity.Warning, $"{what}: dose halved to {halved.Text}.", row.Rule);
                return true;
            case StepKind.Fixed when e.Dose is { } dose:
                if (dose.Mg > row.Step.Mg)
                {
                    e.SetDose(DoseLine.Daily(row.Step.Mg), row.Rule);
                    e.KeepAlternativesUpTo(row.Step.Mg);
                    e.Flag(FlagCodes.RenalDoseReduced, Severity.Warning, $"{what}: dose reduced to {e.Dose!.Text}.", row.Rule);
                }
                else
                {
                    e.KeepAlternativesUpTo(row.Step.Mg);
                    e.Flag(FlagCodes.RenalBandLimit, Severity.Info, $"{what}: this band also gives {dose.Text}; no higher dose.", row.Rule);
                }

                return true;
            case StepKind.FixedEveryOtherDay:
                e.SetDose(new DoseLine(row.Step.Mg, Frequency.EveryOtherDay), row.Rule);
                e.ClearAlternatives();
                return true;
            case StepKind.NotRecommended:
                e.Stop(FlagCodes.RenalNotRecommended, $"{what}: not recommended.", row.Rule);
                return false;
            case StepKind.Silent:
                e.End(RecommendationStatus.Silent, row.Rule, $"No rule for {what}.");
                return false;
            case StepKind.Halve or StepKind.Fixed:
                // A dose step with no dose to change (the source already ended): the band is recorded, nothing else.
                return false;
        }

        throw new System.Diagnostics.UnreachableException($"Step kind {row.Step.Kind} has no case.");
    }

    /// <summary>
    /// The US strong-OAT3 step after the renal step: halve, never below 1 mg once daily; at 1 mg the dose stays
    /// and the label's "consider discontinuing probenecid" applies (with the combination flagged as unclear).
    /// </summary>
    public static void ApplyOat3Halving(Evaluation e, Patient p, Rule halveRule, Rule considerStoppingRule, Rule combinationRule, bool renalReduced)
    {
        if (!p.Request.StrongOat3Inhibitor || e.Dose is not { } dose || e.Status != RecommendationStatus.Dose)
        {
            return;
        }

        if (dose.Mg >= 2)
        {
            var halved = Halve(dose);
            e.SetDose(halved, halveRule);
            e.HalveAlternatives();
            e.Flag(FlagCodes.Oat3DoseReduced, Severity.Warning, $"Strong OAT3 inhibitor (e.g. probenecid): dose halved to {halved.Text}.", halveRule);
            if (renalReduced)
            {
                e.Flag(FlagCodes.Oat3RenalCombinationUnclear, Severity.Warning,
                    "The label does not say whether the OAT3 reduction applies on top of the renal reduction; the renal step was applied first, then the OAT3 step.",
                    combinationRule);
            }

            return;
        }

        e.HalveAlternatives();
        e.Flag(FlagCodes.Oat3ConsiderStoppingInhibitor, Severity.Warning,
            "Strong OAT3 inhibitor while already at 1 mg once daily: there is no lower dose; consider discontinuing the inhibitor (e.g. probenecid).",
            considerStoppingRule);
        if (renalReduced)
        {
            e.Flag(FlagCodes.Oat3RenalCombinationUnclear, Severity.Warning,
                "The label does not say whether the OAT3 reduction applies on top of the renal reduction; the renal step was applied first and the dose was kept at 1 mg once daily (no 0.5 mg dose exists).",
                combinationRule);
        }
    }

    /// <summary>
    /// Blood-count thresholds; below one, the source stops (or warns), naming each count. A count below
    /// <paramref name="stoppedBelow"/> was stopped on already and is not warned about again. When counts stop a dose,
    /// the dose that applies once they recover is offered (the result shows it only when the counts are the only
    /// reason there is no dose).
    /// </summary>
    public static void ApplyBloodCounts(Evaluation e, Patient p, BloodThresholds t, Rule rule, bool stop, BloodThresholds? stoppedBelow = null)
    {
        List<string>? recovery = null;
        var before = e.IsDose ? e.Dose : null; // the dose once the counts recover, said with each stop
        Check(p.Request.AbsoluteLymphocyteCount, t.Alc, stoppedBelow?.Alc, FlagCodes.LymphocytesLow, "Absolute lymphocyte count", "ALC", "cells/mm³");
        Check(p.Request.AbsoluteNeutrophilCount, t.Anc, stoppedBelow?.Anc, FlagCodes.NeutrophilsLow, "Absolute neutrophil count", "ANC", "cells/mm³");
        Check(p.Request.Hemoglobin, t.Hb, stoppedBelow?.Hb, FlagCodes.HemoglobinLow, "Haemoglobin", "Hb", "g/dL");
        if (before is not null && recovery is { Count: > 0 })
        {
            e.OfferOnRecovery(before, "once " + string.Join(" and ", recovery));
        }

        void Check(double? value, double? threshold, double? stopped, string code, string name, string shortName, string unit)
        {
            if (value is not { } v || threshold is not { } limit || v >= limit || v < stopped)
            {
                return;
            }

            var limitText = limit.ToString("#,0", CultureInfo.InvariantCulture);
            if (stop)
            {
                e.Stop(code, before is null
                    ? $"{name} {Formatting.Number(v)} {unit} is below {limitText} {unit}: do not start, or interrupt until it is at least {limitText}."
                    : $"{name} {Formatting.Number(v)} {unit} is below {limitText} {unit}: do not start, or interrupt until it is at least {limitText}; then {before.Text}, the dose this label gives this patient otherwise.", rule);
                (recovery ??= []).Add($"{shortName} ≥ {limitText} {unit}");
            }
            else
            {
                e.Flag(code, Severity.Warning, $"{name} {Formatting.Number(v)} {unit} is below {limitText} {unit}: limited information in children; the dose is unchanged.", rule);
            }
        }
    }

    public static DoseLine Halve(DoseLine dose) => dose.Frequency == Frequency.OnceDaily
        ? DoseLine.Daily(Math.Max(1, dose.Mg / 2))
        : dose with { Mg = Math.Max(1, dose.Mg / 2) };

    /// <summary>What a band step is about, in words ("eGFR 45 (30 to &lt;60)", or "dialysis, read as eGFR &lt;30"),
    /// written only when a message that names it is.</summary>
    private readonly record struct Subject(BandTable Table, KidneyReading? Reading, BandRow Row) : ISpanFormattable
    {
        public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

        public string ToString(string? format, IFormatProvider? formatProvider) => Reading is { } r
            ? $"{Table.MeasureName} {Formatting.Kidney(r.Value)} ({Row.Band.Label})"
            : $"dialysis, read as {Table.MeasureName} {Row.Band.Label}";

        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
            Reading is { } r
                ? destination.TryWrite(CultureInfo.InvariantCulture, $"{Table.MeasureName} {Formatting.Kidney(r.Value)} ({Row.Band.Label})", out charsWritten)
                : destination.TryWrite(CultureInfo.InvariantCulture, $"dialysis, read as {Table.MeasureName} {Row.Band.Label}", out charsWritten);
    }
}

/// <summary>Blood-count thresholds below which a source stops or warns (cells/mm³, g/dL).</summary>
internal sealed record BloodThresholds(double? Alc, double? Anc, double? Hb)
{
    /// <summary>ALC 500, ANC 1000 cells/mm³, Hb 8 g/dL (the labels' chronic-indication thresholds).</summary>
    public static readonly BloodThresholds Chronic = new(500, 1000, 8);
}
