using System.Globalization;
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

/// <summary>The fieldset a field is drawn in on the page.</summary>
public enum FieldGroup
{
    /// <summary>Indication, label, age, sex, weight, height.</summary>
    Patient,
    /// <summary>eGFR, creatinine clearance, serum creatinine, dialysis.</summary>
    KidneyFunction,
    /// <summary>OAT3 inhibitor, hepatic impairment, risk groups, tuberculosis, pregnancy, breastfeeding.</summary>
    Modifiers,
    /// <summary>Lymphocytes, neutrophils, haemoglobin.</summary>
    BloodCounts,
}

/// <summary>A unit the page accepts for a number field, and how many of the field's own unit one of it is.</summary>
/// <param name="Name">The unit as shown and kept in the page's address (e.g. <c>lb</c>).</param>
/// <param name="InFieldUnit">Its size in the field's unit (1 lb = 0.45359237 kg).</param>
public sealed record FieldUnit(string Name, double InFieldUnit);

/// <summary>One word a choice field accepts, and the text people read for it.</summary>
/// <param name="Value">The API word.</param>
/// <param name="Text">The page's option text.</param>
public sealed record FieldOption(string Value, string Text);

/// <summary>
/// One request field: everything the parser, the validators, the API document and the page need, in one place.
/// The value is read and written through this field's own accessors, never through a default branch.
/// </summary>
/// <param name="Name">The API and query-string name (camelCase).</param>
/// <param name="Label">The page's label, also used in messages.</param>
/// <param name="Kind">Number, choice or boolean.</param>
/// <param name="Choices">Allowed words for a choice (<c>true</c>/<c>false</c> for a boolean).</param>
public sealed record FieldSpec(string Name, string Label, FieldKind Kind, IReadOnlyList<string> Choices)
{
    /// <summary>The fieldset it is drawn in.</summary>
    public FieldGroup Group { get; init; }

    /// <summary>Option texts for a choice, in the page's order.</summary>
    public IReadOnlyList<FieldOption> Options { get; init; } = [];

    /// <summary>The empty option's text for an optional choice (null: the choice has no empty option).</summary>
    public string? Placeholder { get; init; }

    /// <summary>The field drawn beside it on the same line (the creatinine unit beside the creatinine).</summary>
    public string? PairedWith { get; init; }

    /// <summary>Drawn only for this indication (null: always).</summary>
    public Indication? OnlyFor { get; init; }

    /// <summary>Units the page offers beside the box, the field's own unit first (the API takes the field's unit only).</summary>
    public IReadOnlyList<FieldUnit> PageUnits { get; init; } = [];

    /// <summary>The page's address parameter that keeps the chosen unit (e.g. <c>weightUnit</c>).</summary>
    public string? UnitParameter { get; init; }

    /// <summary>Drawn only once these fields have values (the ideal-weight choice needs height and sex).</summary>
    public IReadOnlyList<string> ShownWhenGiven { get; init; } = [];

    internal Func<DosingRequest, string?> Format { get; init; } = _ => null;

    internal Func<DosingRequest, double, DosingRequest>? SetNumber { get; init; }

    internal Func<DosingRequest, bool, DosingRequest>? SetBoolean { get; init; }

    internal Func<DosingRequest, string, DosingRequest?>? SetChoice { get; init; }
}

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
    public const string CockcroftGaultWeight = "cockcroftGaultWeight";
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

    /// <summary>Every field in the contract's order.</summary>
    public static IReadOnlyList<FieldSpec> All { get; } =
    [
        Choice(Indication, "Indication", FieldGroup.Patient, r => r.Indication, (r, v) => r with { Indication = v }, IndicationText, "Choose an indication"),
        Choice(Jurisdiction, "Regulatory label", FieldGroup.Patient, r => r.Jurisdiction, (r, v) => r with { Jurisdiction = v }, JurisdictionText),
        Number(AgeYears, "Age (years)", FieldGroup.Patient, r => r.AgeYears, (r, v) => r with { AgeYears = v }),
        Choice(Sex, "Sex", FieldGroup.Patient, r => r.Sex, (r, v) => r with { Sex = v }, SexText, "Not given"),
        Number(WeightKg, "Weight (kg)", FieldGroup.Patient, r => r.WeightKg, (r, v) => r with { WeightKg = v })
            with { PageUnits = [new("kg", 1), new("lb", 0.45359237)], UnitParameter = "weightUnit" },
        Number(HeightCm, "Height (cm)", FieldGroup.Patient, r => r.HeightCm, (r, v) => r with { HeightCm = v })
            with { PageUnits = [new("cm", 1), new("in", 2.54)], UnitParameter = "heightUnit" },
        Number(Egfr, "eGFR (mL/min/1.73 m²)", FieldGroup.KidneyFunction, r => r.Egfr, (r, v) => r with { Egfr = v }),
        Number(CreatinineClearance, "Creatinine clearance (mL/min)", FieldGroup.KidneyFunction, r => r.CreatinineClearance, (r, v) => r with { CreatinineClearance = v }),
        Number(SerumCreatinine, "Serum creatinine", FieldGroup.KidneyFunction, r => r.SerumCreatinine, (r, v) => r with { SerumCreatinine = v }) with { PairedWith = CreatinineUnit },
        Choice(CreatinineUnit, "Creatinine unit", FieldGroup.KidneyFunction, r => r.CreatinineUnit, (r, v) => r with { CreatinineUnit = v }, UnitText),
        Choice(CockcroftGaultWeight, "Weight for Cockcroft–Gault", FieldGroup.KidneyFunction, r => r.CockcroftGaultWeight, (r, v) => r with { CockcroftGaultWeight = v }, WeightText)
            with { ShownWhenGiven = [HeightCm, Sex] },
        Bool(DialysisOrAki, "Dialysis, end-stage renal disease or acute kidney injury", FieldGroup.KidneyFunction, r => r.DialysisOrAki, (r, v) => r with { DialysisOrAki = v }),
        Bool(StrongOat3Inhibitor, "Strong OAT3 inhibitor (e.g. probenecid)", FieldGroup.Modifiers, r => r.StrongOat3Inhibitor, (r, v) => r with { StrongOat3Inhibitor = v }),
        Choice(HepaticImpairment, "Hepatic impairment", FieldGroup.Modifiers, r => r.HepaticImpairment, (r, v) => r with { HepaticImpairment = v }, HepaticText),
        Number(AbsoluteLymphocyteCount, "Absolute lymphocyte count (cells/mm³)", FieldGroup.BloodCounts, r => r.AbsoluteLymphocyteCount, (r, v) => r with { AbsoluteLymphocyteCount = v }),
        Number(AbsoluteNeutrophilCount, "Absolute neutrophil count (cells/mm³)", FieldGroup.BloodCounts, r => r.AbsoluteNeutrophilCount, (r, v) => r with { AbsoluteNeutrophilCount = v }),
        Number(Hemoglobin, "Haemoglobin (g/dL)", FieldGroup.BloodCounts, r => r.Hemoglobin, (r, v) => r with { Hemoglobin = v }),
        Bool(Pregnant, "Pregnant", FieldGroup.Modifiers, r => r.Pregnant, (r, v) => r with { Pregnant = v }),
        Bool(Breastfeeding, "Breastfeeding", FieldGroup.Modifiers, r => r.Breastfeeding, (r, v) => r with { Breastfeeding = v }),
        Bool(ActiveTuberculosis, "Active tuberculosis", FieldGroup.Modifiers, r => r.ActiveTuberculosis, (r, v) => r with { ActiveTuberculosis = v }),
        Bool(ConcomitantImmunosuppressant, "Concomitant JAK inhibitor, biologic or potent immunosuppressant", FieldGroup.Modifiers, r => r.ConcomitantImmunosuppressant, (r, v) => r with { ConcomitantImmunosuppressant = v }),
        Bool(HigherRisk, "EU higher-risk group (VTE, MACE, malignancy or chronic infections)", FieldGroup.Modifiers, r => r.HigherRisk, (r, v) => r with { HigherRisk = v }),
        Bool(ExtensiveScalpHairLoss, "Extensive scalp hair loss (or inadequate response to 2 mg)", FieldGroup.Modifiers, r => r.ExtensiveScalpHairLoss, (r, v) => r with { ExtensiveScalpHairLoss = v }) with { OnlyFor = Model.Indication.AlopeciaAreata },
    ];

    /// <summary>The fields in the order the page draws them (ui.md): within a group, as listed here.</summary>
    public static IReadOnlyList<string> PageOrder { get; } =
    [
        Indication, Jurisdiction, AgeYears, Sex, WeightKg, HeightCm,
        Egfr, CreatinineClearance, SerumCreatinine, CreatinineUnit, CockcroftGaultWeight, DialysisOrAki,
        StrongOat3Inhibitor, HepaticImpairment, ExtensiveScalpHairLoss, HigherRisk, ConcomitantImmunosuppressant, ActiveTuberculosis, Pregnant, Breastfeeding,
        AbsoluteLymphocyteCount, AbsoluteNeutrophilCount, Hemoglobin,
    ];

    private static readonly Dictionary<string, FieldSpec> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Looks a field up by its exact API name.</summary>
    public static FieldSpec? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The label of a field, for messages.</summary>
    public static string LabelOf(string name) => Find(name)?.Label ?? name;

    /// <summary>The fields of one page group, in the page's order.</summary>
    public static IEnumerable<FieldSpec> InGroup(FieldGroup group) => PageOrder.Select(n => ByName[n]).Where(f => f.Group == group);

    /// <summary>The request as text, one value per field that is set (booleans only when true).</summary>
    public static string? Format(FieldSpec spec, DosingRequest request)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Format(request);
    }

    private static string IndicationText(Model.Indication i) => IndicationNames.Of(i).Choice;

    private static string JurisdictionText(Model.Jurisdiction j) => j switch
    {
        Model.Jurisdiction.Us => "US (FDA)",
        Model.Jurisdiction.Eu => "EU (EMA)",
    };

    private static string SexText(Model.Sex s) => s switch
    {
        Model.Sex.Female => "Female",
        Model.Sex.Male => "Male",
    };

    private static string UnitText(Model.CreatinineUnit u) => u switch
    {
        Model.CreatinineUnit.MgPerDl => "mg/dL",
        Model.CreatinineUnit.UmolPerL => "µmol/L",
    };

    private static string WeightText(Model.CockcroftGaultWeight w) => w switch
    {
        Model.CockcroftGaultWeight.Actual => "Actual body weight",
        Model.CockcroftGaultWeight.Ideal => "Ideal body weight (Devine)",
        Model.CockcroftGaultWeight.Adjusted => "Adjusted body weight",
    };

    private static string HepaticText(Model.HepaticImpairment h) => h switch
    {
        Model.HepaticImpairment.None => "None",
        Model.HepaticImpairment.Mild => "Mild",
        Model.HepaticImpairment.Moderate => "Moderate",
        Model.HepaticImpairment.Severe => "Severe",
    };

    private static FieldSpec Number(string name, string label, FieldGroup group, Func<DosingRequest, double?> get, Func<DosingRequest, double, DosingRequest> set) =>
        new(name, label, FieldKind.Number, [])
        {
            Group = group,
            Format = r => get(r)?.ToString("R", CultureInfo.InvariantCulture),
            SetNumber = set,
        };

    private static FieldSpec Bool(string name, string label, FieldGroup group, Func<DosingRequest, bool> get, Func<DosingRequest, bool, DosingRequest> set) =>
        new(name, label, FieldKind.Boolean, ["true", "false"])
        {
            Group = group,
            Format = r => get(r) ? "true" : null,
            SetBoolean = set,
        };

    private static FieldSpec Choice<TEnum>(string name, string label, FieldGroup group, Func<DosingRequest, TEnum?> get,
        Func<DosingRequest, TEnum, DosingRequest> set, Func<TEnum, string> text, string? placeholder = null) where TEnum : struct, Enum =>
        new(name, label, FieldKind.Choice, WireNames.All<TEnum>())
        {
            Group = group,
            Options = [.. Enum.GetValues<TEnum>().Select(v => new FieldOption(WireNames.Of(v), text(v)))],
            Placeholder = placeholder,
            Format = r => get(r) is { } v ? WireNames.Of(v) : null,
            SetChoice = (r, word) => WireNames.TryParse<TEnum>(word, out var v) ? set(r, v) : null,
        };
}
