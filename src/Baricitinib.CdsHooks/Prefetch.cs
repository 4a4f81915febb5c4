namespace Baricitinib.CdsHooks;

/// <summary>What a prefetch key holds: a measurement kind, its LOINC codes, the request field it fills and the units
/// accepted with their factors (a fixed table: values in any other unit are ignored and the card says so).</summary>
/// <param name="Key">The prefetch key.</param>
/// <param name="Label">How cards name it.</param>
/// <param name="Codes">LOINC codes, in order of preference.</param>
/// <param name="Field">The request field it fills (null for the patient).</param>
/// <param name="Units">Accepted UCUM codes: the unit the request takes and the factor to it.</param>
/// <param name="Required">Whether the check cannot run without it (patient and kidney function).</param>
public sealed record PrefetchKey(string Key, string Label, IReadOnlyList<string> Codes, string? Field,
    IReadOnlyDictionary<string, (string Unit, decimal Factor)> Units, bool Required = false)
{
    /// <summary>The FHIR query (relative to the FHIR server) that fetches it.</summary>
    public string Template => Field is null
        ? "Patient/{{context.patientId}}"
        : "Observation?patient={{context.patientId}}&code=" + string.Join(",", Codes.Select(c => Fhir.Loinc + "|" + c)) + "&_sort=-date&_count=1";

    /// <summary>The query for one patient (the id is escaped: it comes from the EHR).</summary>
    public string QueryFor(string patientId) => Template.Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal);
}

/// <summary>The prefetch keys the service asks for (discovery) and reads (calls).</summary>
public static class PrefetchKeys
{
    private static Dictionary<string, (string, decimal)> Same(params string[] units) => units.ToDictionary(u => u, u => (u, 1m));

    public static PrefetchKey Patient { get; } = new("patient", "patient (age, sex)", [], null, new Dictionary<string, (string, decimal)>(), Required: true);

    /// <summary>eGFR, creatinine-based CKD-EPI 2021 first; older equations are used only without a usable creatinine.</summary>
    public static PrefetchKey Egfr { get; } = new("egfr", "eGFR",
        ["98979-8", "98980-6", "62238-1", "33914-3", "77147-7", "76633-7", "69405-9", "48642-3", "48643-1", "50044-7", "88293-6", "88294-4", "50210-4", "50384-7"],
        "egfr", Same("mL/min/{1.73_m2}"), Required: true);

    public static PrefetchKey Creatinine { get; } = new("creatinine", "serum creatinine", ["2160-0", "14682-9", "38483-4"], "serumCreatinine",
        new Dictionary<string, (string, decimal)>
        {
            ["mg/dL"] = ("mg/dL", 1m),
            ["mg/L"] = ("mg/dL", 0.1m),
            ["umol/L"] = ("umol/L", 1m),
            ["mmol/L"] = ("umol/L", 1000m),
        }, Required: true);

    public static PrefetchKey Crcl { get; } = new("crcl", "creatinine clearance", ["2164-2", "35591-7"], "creatinineClearance", Same("mL/min"), Required: true);

    public static PrefetchKey Weight { get; } = new("weight", "weight", ["29463-7"], "weightKg",
        new Dictionary<string, (string, decimal)> { ["kg"] = ("kg", 1m), ["g"] = ("kg", 0.001m), ["[lb_av]"] = ("kg", 0.45359237m) });

    public static PrefetchKey Height { get; } = new("height", "height", ["8302-2"], "heightCm",
        new Dictionary<string, (string, decimal)> { ["cm"] = ("cm", 1m), ["m"] = ("cm", 100m), ["[in_i]"] = ("cm", 2.54m) });

    private static Dictionary<string, (string, decimal)> Counts() => new()
    {
        ["10*3/uL"] = ("/mm3", 1000m),
        ["10*3/mm3"] = ("/mm3", 1000m),
        ["10*9/L"] = ("/mm3", 1000m),
        ["/uL"] = ("/mm3", 1m),
        ["/mm3"] = ("/mm3", 1m),
    };

    public static PrefetchKey Lymphocytes { get; } = new("lymphocytes", "lymphocyte count", ["731-0"], "absoluteLymphocyteCount", Counts());

    public static PrefetchKey Neutrophils { get; } = new("neutrophils", "neutrophil count", ["751-8"], "absoluteNeutrophilCount", Counts());

    public static PrefetchKey Hemoglobin { get; } = new("hemoglobin", "haemoglobin", ["718-7"], "hemoglobin",
        new Dictionary<string, (string, decimal)> { ["g/dL"] = ("g/dL", 1m), ["g/L"] = ("g/dL", 0.1m) });

    /// <summary>The active medication list (strong OAT3 inhibitors such as probenecid).</summary>
    public const string Medications = "medications";

    /// <summary>The active conditions (the indication, when the order gives none).</summary>
    public const string Conditions = "conditions";

    public const string MedicationsTemplate = "MedicationRequest?patient={{context.patientId}}&status=active";

    public const string ConditionsTemplate = "Condition?patient={{context.patientId}}&clinical-status=active";

    /// <summary>A template's query for one patient (the id is escaped: it comes from the EHR).</summary>
    public static string QueryFor(string template, string patientId) =>
        template.Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal);

    /// <summary>Every key, in the order the discovery document lists them.</summary>
    public static IReadOnlyList<PrefetchKey> All { get; } = [Patient, Egfr, Creatinine, Crcl, Weight, Height, Lymphocytes, Neutrophils, Hemoglobin];

    /// <summary>The older eGFR equations (MDRD, CKD-EPI 2009, race-specific, unspecified): used only without a usable creatinine.</summary>
    public static IReadOnlySet<string> OlderEgfrCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "62238-1", "33914-3", "77147-7", "76633-7", "69405-9", "48642-3", "48643-1", "50044-7", "88293-6", "88294-4", "50210-4", "50384-7",
    };

    /// <summary>Race-specific eGFR components: the non-black value is taken, with a note.</summary>
    public const string EgfrNonBlack = "48642-3";
    public const string EgfrBlack = "48643-1";
    public const string EgfrCkdEpiNonBlack = "88294-4";
}
