namespace Baricitinib.Dosing.Model;

/// <summary>
/// A dosing request: the fields of the API (docs/api.md). Everything optional is nullable so that "not given" is
/// never confused with zero. Validate before calculating (the calculator does).
/// </summary>
public sealed record DosingRequest
{
    /// <summary>The condition being treated (required).</summary>
    public Indication? Indication { get; init; }

    /// <summary>Which label gives the primary recommendation; US when not given.</summary>
    public Jurisdiction? Jurisdiction { get; init; }

    /// <summary>Age in years, decimals allowed (required).</summary>
    public double? AgeYears { get; init; }

    /// <summary>Sex (CKD-EPI 2021 and Cockcroft–Gault need it).</summary>
    public Sex? Sex { get; init; }

    /// <summary>Actual body weight in kg (Cockcroft–Gault, EU children's bands).</summary>
    public double? WeightKg { get; init; }

    /// <summary>Height in cm (bedside Schwartz, body surface area).</summary>
    public double? HeightCm { get; init; }

    /// <summary>Reported eGFR in mL/min/1.73 m².</summary>
    public double? Egfr { get; init; }

    /// <summary>Reported creatinine clearance in mL/min.</summary>
    public double? CreatinineClearance { get; init; }

    /// <summary>Serum creatinine, in the unit given as creatinineUnit (mg/dL when not given).</summary>
    public double? SerumCreatinine { get; init; }

    /// <summary>Unit of serumCreatinine; mg/dL when not given.</summary>
    public CreatinineUnit? CreatinineUnit { get; init; }

    /// <summary>The weight Cockcroft–Gault uses: actual (default), ideal (Devine) or adjusted; the last two need height and sex.</summary>
    public CockcroftGaultWeight? CockcroftGaultWeight { get; init; }

    /// <summary>On dialysis, end-stage renal disease, or acute kidney injury.</summary>
    public bool DialysisOrAki { get; init; }

    /// <summary>Taking a strong OAT3 inhibitor such as probenecid.</summary>
    public bool StrongOat3Inhibitor { get; init; }

    /// <summary>Hepatic impairment grade; none when not given.</summary>
    public HepaticImpairment? HepaticImpairment { get; init; }

    /// <summary>Absolute lymphocyte count, cells/mm³.</summary>
    public double? AbsoluteLymphocyteCount { get; init; }

    /// <summary>Absolute neutrophil count, cells/mm³.</summary>
    public double? AbsoluteNeutrophilCount { get; init; }

    /// <summary>Haemoglobin, g/dL.</summary>
    public double? Hemoglobin { get; init; }

    /// <summary>Pregnant.</summary>
    public bool Pregnant { get; init; }

    /// <summary>Breastfeeding.</summary>
    public bool Breastfeeding { get; init; }

    /// <summary>Active tuberculosis.</summary>
    public bool ActiveTuberculosis { get; init; }

    /// <summary>Another JAK inhibitor, a biologic DMARD or immunomodulator, or a potent immunosuppressant.</summary>
    public bool ConcomitantImmunosuppressant { get; init; }

    /// <summary>Increased risk of VTE, MACE or malignancy, or chronic/recurrent infections (the EU 2 mg groups).</summary>
    public bool HigherRisk { get; init; }

    /// <summary>Alopecia areata: nearly complete or complete scalp hair loss, or inadequate response to 2 mg.</summary>
    public bool ExtensiveScalpHairLoss { get; init; }
}
