namespace Baricitinib.Dosing.Model;

/// <summary>One flag code the engine can raise: its severities (per decisions.md, "Flag severities") and meaning.</summary>
/// <param name="Code">Stable code, e.g. <c>renal-dose-reduced</c>.</param>
/// <param name="Severities">The severities it can have in a result's flags (some differ by label or indication).</param>
/// <param name="Meaning">What it means, in words.</param>
/// <param name="IsDoseStep">True for a flag that describes how a dose was reached: never raised on a result without a dose.</param>
public sealed record FlagDefinition(string Code, IReadOnlyList<Severity> Severities, string Meaning, bool IsDoseStep = false);

/// <summary>
/// Every flag code a result can carry, in one place: the engine filters by it, <c>docs/api.md</c> lists it and the
/// tests check results against it.
/// </summary>
public static class FlagCatalog
{
    /// <summary>The ending of a flag's message whose rule is unverified (a page that shows one caution per card may leave it out).</summary>
    public const string UnverifiedCaution = " (Wording not confirmed: check the current label.)";

    private static readonly Severity[] StopOnly = [Severity.Stop];
    private static readonly Severity[] WarningOnly = [Severity.Warning];
    private static readonly Severity[] InfoOnly = [Severity.Info];

    /// <summary>Every flag definition.</summary>
    public static IReadOnlyList<FlagDefinition> All { get; } =
    [
        new(FlagCodes.RenalNotRecommended, StopOnly, "Kidney function below the lowest band with a dose: not recommended."),
        new(FlagCodes.KidneyFailureNotRecommended, StopOnly, "Dialysis, end-stage renal disease or acute kidney injury: not recommended."),
        new(FlagCodes.HepaticNotRecommended, StopOnly, "Severe hepatic impairment: not recommended."),
        new(FlagCodes.LymphocytesLow, [Severity.Stop, Severity.Warning], "Absolute lymphocyte count below the label's threshold."),
        new(FlagCodes.NeutrophilsLow, [Severity.Stop, Severity.Warning], "Absolute neutrophil count below the label's threshold."),
        new(FlagCodes.HemoglobinLow, [Severity.Stop, Severity.Warning], "Haemoglobin below the label's threshold."),
        new(FlagCodes.ActiveTuberculosis, StopOnly, "Active tuberculosis: should not be given."),
        new(FlagCodes.ConcomitantImmunosuppressant, [Severity.Stop, Severity.Info], "Another JAK inhibitor, biologic DMARD or potent immunosuppressant (not recommended, except with COVID-19)."),
        new(FlagCodes.Pregnancy, [Severity.Stop, Severity.Warning], "Pregnancy: contraindicated in the EU; a caution in the US."),
        new(FlagCodes.IndicationNotApproved, StopOnly, "The indication is not approved or authorised under this label."),
        new(FlagCodes.AgeOutsideAuthorisation, StopOnly, "The age is outside the approval or authorisation."),
        new(FlagCodes.RenalDoseReduced, WarningOnly, "The kidney band reduces the dose.", IsDoseStep: true),
        new(FlagCodes.Oat3DoseReduced, WarningOnly, "A strong OAT3 inhibitor (e.g. probenecid) reduces the dose.", IsDoseStep: true),
        new(FlagCodes.Oat3ConsiderStoppingInhibitor, WarningOnly, "A strong OAT3 inhibitor at the lowest dose: consider stopping the inhibitor.", IsDoseStep: true),
        new(FlagCodes.Oat3RenalCombinationUnclear, [Severity.Warning, Severity.Info], "Renal and OAT3 reductions both apply; the label does not say how they combine.", IsDoseStep: true),
        new(FlagCodes.KidneyMeasuresDisagree, WarningOnly, "Two kidney estimates fall in bands with different doses."),
        new(FlagCodes.CgWeightDecides, WarningOnly, "The Cockcroft–Gault clearances with actual, ideal and adjusted weight fall in bands with different doses: the weight chosen decides the dose."),
        new(FlagCodes.HepaticBenefitRisk, WarningOnly, "COVID-19 with severe hepatic impairment: only if the benefit outweighs the risk."),
        new(FlagCodes.Breastfeeding, WarningOnly, "Breastfeeding: not to be used while breastfeeding."),
        new(FlagCodes.UnverifiedRule, WarningOnly, "A rule that decided this result could not be confirmed against the current label."),
        new(FlagCodes.BelowLabelWeight, WarningOnly, "The EU label defines no dose below 10 kg."),
        new(FlagCodes.NearBandEdge, InfoOnly, "The kidney value is within 3 of a band edge where the outcome changes."),
        new(FlagCodes.EgfrUsedForCrcl, InfoOnly, "An eGFR stands in for the creatinine clearance the rule is written in."),
        new(FlagCodes.CrclUsedForEgfr, InfoOnly, "A creatinine clearance stands in for the eGFR the rule is written in."),
        new(FlagCodes.EmergencyUseAuthorization, InfoOnly, "Treated under an FDA emergency use authorization, not an approval."),
        new(FlagCodes.EuLowerDoseGroup, InfoOnly, "EU: 2 mg for age ≥65 or a higher-risk group.", IsDoseStep: true),
        new(FlagCodes.TreatmentDuration, InfoOnly, "COVID-19: treat for 14 days or until hospital discharge.", IsDoseStep: true),
        new(FlagCodes.RenalBandLimit, InfoOnly, "The kidney band gives the dose already reached; no higher dose.", IsDoseStep: true),
        new(FlagCodes.EuExtensiveHairLoss, InfoOnly, "Extensive scalp hair loss changes nothing under the EU label."),
        new(FlagCodes.EuOat3WordingUnclear, InfoOnly, "EU: a strong OAT3 inhibitor while the dose is already 2 mg; section 4.2 keeps 2 mg, copies of section 4.5 say halve.", IsDoseStep: true),
        new(FlagCodes.EuHigherRiskChild, InfoOnly, "The EU adult risk-group rule does not apply to children.", IsDoseStep: true),
    ];

    private static readonly Dictionary<string, FlagDefinition> ByCode = All.ToDictionary(f => f.Code, StringComparer.Ordinal);

    /// <summary>The definition of a code, or null for an unknown code.</summary>
    public static FlagDefinition? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>True for a flag that describes how a dose was reached (never shown without a dose).</summary>
    public static bool IsDoseStep(string code) => Find(code)?.IsDoseStep ?? false;
}
