using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Input;

/// <summary>The kind of value a request field takes.</summary>
public enum FieldKind
{
    /// <summary>A number ('.' decimal separator on the API; ',' also accepted on the page).</summary>
    Number,
    /// <summary>One of the contract's lower-case kebab-case words.</summary>
    Choice,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>One request field: its API name, its label, its kind and, for choices, the allowed words.</summary>
/// <param name="Name">The API and query-string name (camelCase).</param>
/// <param name="Label">The page's label, also used in messages.</param>
/// <param name="Kind">Number, choice or boolean.</param>
/// <param name="Choices">Allowed words for a choice.</param>
public sealed record FieldSpec(string Name, string Label, FieldKind Kind, IReadOnlyList<string> Choices);

/// <summary>Every request field, in the contract's order, with the page's stable labels (ui.md).</summary>
public static class Fields
{
#pragma warning disable CS1591 // the names are the contract's field names
    public const string Indication = "indication";
    public const string Jurisdiction = "jurisdiction";
    public const string AgeYears = "ageYears";
    public const string Sex = "sex";
    public const string WeightKg = "weightKg";
    public const string HeightCm = "heightCm";
    public const string Egfr = "egfr";
    public const string CreatinineClearance = "creatinineClearance";
    public const string SerumCreatinine = "serumCreatinine";
    public const string CreatinineUnit = "creatinineUnit";
    public const string DialysisOrAki = "dialysisOrAki";
    public const string StrongOat3Inhibitor = "strongOat3Inhibitor";
    public const string HepaticImpairment = "hepaticImpairment";
    public const string AbsoluteLymphocyteCount = "absoluteLymphocyteCount";
    public const string AbsoluteNeutrophilCount = "absoluteNeutrophilCount";
    public const string Hemoglobin = "hemoglobin";
    public const string Pregnant = "pregnant";
    public const string Breastfeeding = "breastfeeding";
    public const string ActiveTuberculosis = "activeTuberculosis";
    public const string ConcomitantImmunosuppressant = "concomitantImmunosuppressant";
    public const string HigherRisk = "higherRisk";
    public const string ExtensiveScalpHairLoss = "extensiveScalpHairLoss";
#pragma warning restore CS1591

    /// <summary>Every field in order.</summary>
    public static IReadOnlyList<FieldSpec> All { get; } =
    [
        Choice<Model.Indication>(Indication, "Indication"),
        Choice<Model.Jurisdiction>(Jurisdiction, "Regulatory label"),
        Number(AgeYears, "Age (years)"),
        Choice<Model.Sex>(Sex, "Sex"),
        Number(WeightKg, "Weight (kg)"),
        Number(HeightCm, "Height (cm)"),
        Number(Egfr, "eGFR (mL/min/1.73 m²)"),
        Number(CreatinineClearance, "Creatinine clearance (mL/min)"),
        Number(SerumCreatinine, "Serum creatinine"),
        Choice<Model.CreatinineUnit>(CreatinineUnit, "Creatinine unit"),
        Bool(DialysisOrAki, "Dialysis, end-stage renal disease or acute kidney injury"),
        Bool(StrongOat3Inhibitor, "Strong OAT3 inhibitor (e.g. probenecid)"),
        Choice<Model.HepaticImpairment>(HepaticImpairment, "Hepatic impairment"),
        Number(AbsoluteLymphocyteCount, "Absolute lymphocyte count (cells/mm³)"),
        Number(AbsoluteNeutrophilCount, "Absolute neutrophil count (cells/mm³)"),
        Number(Hemoglobin, "Haemoglobin (g/dL)"),
        Bool(Pregnant, "Pregnant"),
        Bool(Breastfeeding, "Breastfeeding"),
        Bool(ActiveTuberculosis, "Active tuberculosis"),
        Bool(ConcomitantImmunosuppressant, "Concomitant JAK inhibitor, biologic or potent immunosuppressant"),
        Bool(HigherRisk, "EU higher-risk group (VTE, MACE, malignancy or chronic infections)"),
        Bool(ExtensiveScalpHairLoss, "Extensive scalp hair loss (or inadequate response to 2 mg)"),
    ];

    /// <summary>Looks a field up by its exact API name.</summary>
    public static FieldSpec? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The label of a field, for messages.</summary>
    public static string LabelOf(string name) => Find(name)?.Label ?? name;

    private static FieldSpec Number(string name, string label) => new(name, label, FieldKind.Number, []);

    private static FieldSpec Bool(string name, string label) => new(name, label, FieldKind.Boolean, ["true", "false"]);

    private static FieldSpec Choice<TEnum>(string name, string label) where TEnum : struct, Enum =>
        new(name, label, FieldKind.Choice, WireNames.All<TEnum>());
}
