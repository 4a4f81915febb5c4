using System.Text.Json.Serialization;

namespace Baricitinib.Dosing.Model;

/// <summary>The condition being treated.</summary>
public enum Indication
{
    /// <summary>Rheumatoid arthritis (adults).</summary>
    [JsonStringEnumMemberName("rheumatoid-arthritis")] RheumatoidArthritis,
    /// <summary>Severe alopecia areata (adults).</summary>
    [JsonStringEnumMemberName("alopecia-areata")] AlopeciaAreata,
    /// <summary>Hospitalised COVID-19 needing oxygen or ventilation.</summary>
    [JsonStringEnumMemberName("covid-19")] Covid19,
    /// <summary>Atopic dermatitis.</summary>
    [JsonStringEnumMemberName("atopic-dermatitis")] AtopicDermatitis,
    /// <summary>Juvenile idiopathic arthritis.</summary>
    [JsonStringEnumMemberName("juvenile-idiopathic-arthritis")] JuvenileIdiopathicArthritis,
}

/// <summary>Which regulatory label gives the primary recommendation.</summary>
public enum Jurisdiction
{
    /// <summary>US FDA.</summary>
    [JsonStringEnumMemberName("us")] Us,
    /// <summary>EU EMA.</summary>
    [JsonStringEnumMemberName("eu")] Eu,
}

/// <summary>Sex, as the kidney equations need it.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    [JsonStringEnumMemberName("female")] Female,
    /// <summary>Male.</summary>
    [JsonStringEnumMemberName("male")] Male,
}

/// <summary>Unit of a serum creatinine value.</summary>
public enum CreatinineUnit
{
    /// <summary>Milligrams per decilitre.</summary>
    [JsonStringEnumMemberName("mg/dL")] MgPerDl,
    /// <summary>Micromoles per litre (shown as µmol/L, written umol/L).</summary>
    [JsonStringEnumMemberName("umol/L")] UmolPerL,
}

/// <summary>The weight Cockcroft–Gault uses.</summary>
public enum CockcroftGaultWeight
{
    /// <summary>Actual body weight (the default).</summary>
    [JsonStringEnumMemberName("actual")] Actual,
    /// <summary>Ideal body weight (Devine): 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch over 5 feet.</summary>
    [JsonStringEnumMemberName("ideal")] Ideal,
    /// <summary>Adjusted body weight: IBW + 0.4 × (actual − IBW).</summary>
    [JsonStringEnumMemberName("adjusted")] Adjusted,
}

/// <summary>Grade of hepatic impairment.</summary>
public enum HepaticImpairment
{
    /// <summary>None.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>Mild (Child–Pugh A).</summary>
    [JsonStringEnumMemberName("mild")] Mild,
    /// <summary>Moderate (Child–Pugh B).</summary>
    [JsonStringEnumMemberName("moderate")] Moderate,
    /// <summary>Severe (Child–Pugh C).</summary>
    [JsonStringEnumMemberName("severe")] Severe,
}

/// <summary>What a source says for a patient.</summary>
public enum RecommendationStatus
{
    /// <summary>A dose.</summary>
    [JsonStringEnumMemberName("dose")] Dose,
    /// <summary>A label says not to use it for this patient.</summary>
    [JsonStringEnumMemberName("not-recommended")] NotRecommended,
    /// <summary>No approval or authorisation for this indication or age.</summary>
    [JsonStringEnumMemberName("not-approved")] NotApproved,
    /// <summary>The label defines no dose for this combination.</summary>
    [JsonStringEnumMemberName("no-label-dose")] NoLabelDose,
    /// <summary>The source has no rule for this case.</summary>
    [JsonStringEnumMemberName("silent")] Silent,
    /// <summary>The source needs an input the user has not given.</summary>
    [JsonStringEnumMemberName("needs-input")] NeedsInput,
}

/// <summary>How often a dose is taken.</summary>
public enum Frequency
{
    /// <summary>Once daily.</summary>
    [JsonStringEnumMemberName("once-daily")] OnceDaily,
    /// <summary>Every other day (only ever reported from the seed article).</summary>
    [JsonStringEnumMemberName("every-other-day")] EveryOtherDay,
}

/// <summary>How serious a flag is.</summary>
public enum Severity
{
    /// <summary>Do not start or continue.</summary>
    [JsonStringEnumMemberName("stop")] Stop,
    /// <summary>Dose changed, or a caution.</summary>
    [JsonStringEnumMemberName("warning")] Warning,
    /// <summary>Information.</summary>
    [JsonStringEnumMemberName("info")] Info,
}

/// <summary>How a source compares with the primary recommendation.</summary>
public enum Agreement
{
    /// <summary>Same status, dose and frequency, and no dose the primary does not allow.</summary>
    [JsonStringEnumMemberName("agrees")] Agrees,
    /// <summary>Status, dose or frequency differ, or the source allows a dose the primary does not.</summary>
    [JsonStringEnumMemberName("differs")] Differs,
    /// <summary>The source has no rule for this case.</summary>
    [JsonStringEnumMemberName("silent")] Silent,
}

/// <summary>A kidney-function measure.</summary>
public enum KidneyMeasure
{
    /// <summary>eGFR in mL/min/1.73 m².</summary>
    [JsonStringEnumMemberName("egfr")] Egfr,
    /// <summary>Creatinine clearance in mL/min.</summary>
    [JsonStringEnumMemberName("crcl")] Crcl,
    /// <summary>eGFR de-indexed to mL/min (information only).</summary>
    [JsonStringEnumMemberName("egfr-absolute")] EgfrAbsolute,
    /// <summary>Body surface area in m² (information only).</summary>
    [JsonStringEnumMemberName("bsa")] Bsa,
}

/// <summary>How a kidney estimate was obtained.</summary>
public enum EstimateMethod
{
    /// <summary>Entered by the user.</summary>
    [JsonStringEnumMemberName("reported")] Reported,
    /// <summary>CKD-EPI 2021 race-free creatinine equation (adults).</summary>
    [JsonStringEnumMemberName("ckd-epi-2021")] CkdEpi2021,
    /// <summary>Bedside Schwartz 2009 (children).</summary>
    [JsonStringEnumMemberName("bedside-schwartz")] BedsideSchwartz,
    /// <summary>Cockcroft–Gault with actual body weight.</summary>
    [JsonStringEnumMemberName("cockcroft-gault")] CockcroftGault,
    /// <summary>eGFR × BSA / 1.73.</summary>
    [JsonStringEnumMemberName("de-indexed")] DeIndexed,
    /// <summary>Mosteller body surface area.</summary>
    [JsonStringEnumMemberName("mosteller")] Mosteller,
}
