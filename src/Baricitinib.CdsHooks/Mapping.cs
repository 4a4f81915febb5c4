using System.Globalization;
using System.Text.Json.Nodes;
using Baricitinib.Dosing.Model;

namespace Baricitinib.CdsHooks;

/// <summary>What a prefetch key gave: resources, "no data on record" (the EHR sent <c>null</c>), or nothing at all
/// (absent and not fetched).</summary>
public sealed record KeyData(IReadOnlyList<JsonObject> Resources, bool NoData, bool Unavailable)
{
    /// <summary>A prefetch value: <c>null</c> is "no data on record"; nothing but OperationOutcomes counts as not sent.</summary>
    public static KeyData Of(JsonNode? value)
    {
        if (value is null)
        {
            return new([], NoData: true, Unavailable: false);
        }

        var all = Fhir.Resources(value).ToList();
        var resources = all.Where(r => r.ResourceType() != "OperationOutcome").ToList();
        return new(resources, NoData: false, Unavailable: all.Count > 0 && resources.Count == 0);
    }

    public static KeyData Missing { get; } = new([], NoData: false, Unavailable: true);
}

/// <summary>The request the service built from the record, and what it could not use.</summary>
/// <param name="Pairs">Request fields by wire name, as <c>GET /api/v1/dose</c> takes them.</param>
/// <param name="Used">One line per value used, with its code, date and age.</param>
/// <param name="Problems">Values found but not used, and why (stale, unit, other patient…).</param>
/// <param name="Missing">What the check needs and did not get (indication, age, kidney function).</param>
/// <param name="Notes">Readings the card should repeat (a comparator, an older equation, a preliminary result).</param>
/// <param name="NotChecked">Optional results the record did not give (blood counts, weight…), and why.</param>
public sealed record MappedRequest(
    IReadOnlyList<KeyValuePair<string, string>> Pairs,
    IReadOnlyList<string> Used,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> NotChecked)
{
    public string? this[string field] => Pairs.FirstOrDefault(p => p.Key == field).Value;

    public bool HasKidneyFunction => this["egfr"] is not null || this["serumCreatinine"] is not null || this["creatinineClearance"] is not null;
}

/// <summary>From FHIR resources to the product's request fields, by the fixed rules of docs/cds-hooks.md: only LOINC
/// codes of the key, only units of the fixed table, only this patient's final results, never stale ones.</summary>
internal sealed partial class Mapping(CdsHooksOptions options, DateTimeOffset now, RecordIndex index)
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private readonly List<string> _used = [];
    private readonly List<string> _problems = [];
    private readonly List<string> _missing = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _notChecked = [];

    public MappedRequest Map(string patientId, BaricitinibOrder order, IReadOnlyDictionary<string, KeyData> data, CallRecord record)
    {
        Add("jurisdiction", WireNames.Of(options.Jurisdiction));
        var indication = MapIndication(patientId, order, record.Conditions);
        MapOat3(record);
        var age = MapPatient(patientId, data[PrefetchKeys.Patient.Key]);
        var child = age is < 18m;
        var kidneyDays = indication switch
        {
            Indication.Covid19 => options.MaxAgeDaysCovid19, // an acute illness: only recent kidney values
            Indication.RheumatoidArthritis or Indication.AlopeciaAreata or Indication.AtopicDermatitis or Indication.JuvenileIdiopathicArthritis
                or null => options.MaxAgeDays,
        };
        MapKidney(patientId, data, kidneyDays);
        MapSimple(patientId, PrefetchKeys.Weight, data, child ? options.WeightMaxAgeDaysChild : options.WeightMaxAgeDaysAdult);
        MapSimple(patientId, PrefetchKeys.Height, data, child ? options.HeightMaxAgeDaysChild : null);
        foreach (var key in new[] { PrefetchKeys.Lymphocytes, PrefetchKeys.Neutrophils, PrefetchKeys.Hemoglobin })
        {
            MapSimple(patientId, key, data, kidneyDays);
        }

        return new MappedRequest(_pairs, _used, _problems, _missing, _notes, _notChecked);
    }

    private void Add(string field, string value) => _pairs.Add(new(field, value));

    private static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>The configured indication of the first coding that has one (SNOMED CT or ICD-10-CM), with its words.</summary>
    private (Indication Indication, string How)? Coded(IEnumerable<(string? System, string? Code, string? Display)> codings)
    {
        foreach (var (system, code, _) in codings)
        {
            if (options.IndicationCodes.FirstOrDefault(i => i.Matches(system, code)) is { } match)
            {
                var name = system == Fhir.Snomed ? "SNOMED CT" : system == IndicationCode.Icd10Cm ? "ICD-10-CM" : system;
                return (match.Indication, $"{name} {code}");
            }
        }

        return null;
    }

    /// <summary>
    /// The indication: the order's reasonCode, else the Condition its reasonReference points to, else (by text) the
    /// reason's words, else the patient's active Conditions (the <c>conditions</c> prefetch) when they name exactly one
    /// indication, else the configured default. The card says where it came from.
    /// </summary>
    private Indication? MapIndication(string patientId, BaricitinibOrder order, IReadOnlyList<JsonObject> conditions)
    {
        var codings = order.Reason.SelectMany(r => r.Codings()).ToList();
        var referenced = order.Resource.Arr("reasonReference")
            .Select(r => index.Resolve(order.Resource, r.Str("reference"), "Condition")).OfType<JsonObject>().ToList();
        Indication? indication = null;
        string? how = null;
        if (Coded(codings) is { } fromCode)
        {
            (indication, how) = (fromCode.Indication, $"from the order's reason ({fromCode.How})");
        }
        else if (Coded(referenced.SelectMany(c => c.Obj("code").Codings())) is { } fromReference)
        {
            (indication, how) = (fromReference.Indication, $"from the condition the order gives as its reason ({fromReference.How})");
        }

        if (indication is null)
        {
            var texts = order.Reason.Select(r => r.Str("text")).Concat(codings.Select(c => c.Display))
                .Concat(referenced.Select(c => c.Obj("code").Str("text")))
                .Concat(order.Resource.Arr("reasonReference").Select(r => r.Str("display"))).OfType<string>();
            indication = texts.Select(FromText).FirstOrDefault(i => i is not null);
            how = indication is not null ? "from the order's reason (text)" : null;
        }

        if (indication is null)
        {
            var active = conditions.Where(c => c.ResourceType() == "Condition" && IsActive(c)
                    && (c.Obj("subject").Str("reference") is not { } subject || index.IsPatient(subject, patientId)))
                .Select(c => Coded(c.Obj("code").Codings())).OfType<(Indication Indication, string How)>()
                .DistinctBy(c => c.Indication).ToList();
            if (active.Count == 1)
            {
                (indication, how) = (active[0].Indication, $"from the patient's active conditions ({active[0].How})");
            }
            else if (active.Count > 1)
            {
                _problems.Add($"The active conditions name several indications ({string.Join(", ", active.Select(a => Names.Indication(a.Indication)))}): the order must say which.");
            }
        }

        if (indication is null && options.DefaultIndication is { } configured)
        {
            indication = configured;
            how = "this service's configured default (the order gives none)";
        }

        if (indication is null)
        {
            _missing.Add("indication (not coded on the order)");
            return null;
        }

        Add("indication", WireNames.Of(indication.Value));
        _used.Add($"Indication: {Names.Indication(indication.Value)}, {how}");
        return indication;
    }

    private static bool IsActive(JsonObject condition) =>
        condition.Obj("clinicalStatus").Codings().Select(c => c.Code).FirstOrDefault() is null or "active" or "recurrence" or "relapse";

    /// <summary>A strong OAT3 inhibitor among the draft orders or the active medications applies the OAT3 step.</summary>
    private void MapOat3(CallRecord record)
    {
        if (record.Oat3 is [var first, ..])
        {
            Add("strongOat3Inhibitor", "true");
            _used.Add($"Strong OAT3 inhibitor: {first.Name}, {first.Where}");
        }
    }

    /// <summary>The indication named in free text (the reason's text or display).</summary>
    internal static Indication? FromText(string text)
    {
        bool Has(string words) => text.Contains(words, StringComparison.OrdinalIgnoreCase);
        if (Has("juvenile") && Has("arthritis"))
        {
            return Indication.JuvenileIdiopathicArthritis;
        }

        return Has("rheumatoid arthritis") ? Indication.RheumatoidArthritis
            : Has("alopecia areata") ? Indication.AlopeciaAreata
            : Has("covid") || Has("sars-cov-2") ? Indication.Covid19
            : Has("atopic dermatitis") ? Indication.AtopicDermatitis
            : null;
    }

    private decimal? MapPatient(string patientId, KeyData data)
    {
        var patient = data.Resources.FirstOrDefault(r => r.ResourceType() == "Patient");
        if (patient is null)
        {
            _missing.Add("age (no Patient resource)");
            return null;
        }

        if (patient.Str("id") is { } id && id != patientId)
        {
            _problems.Add("The Patient resource is for another patient: not used.");
            _missing.Add("age");
            return null;
        }

        decimal? age = null;
        var birth = patient.Str("birthDate");
        if (birth is { Length: 10 } && Fhir.Date(birth) is { } born)
        {
            age = AgeYears(DateOnly.FromDateTime(born.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime));
            Add("ageYears", Format(age.Value));
            _used.Add($"Age: {Format(age.Value)} years, from the birth date");
        }
        else
        {
            _missing.Add(birth is null ? "age (no birth date)" : "age (the birth date is partial)");
        }

        var sex = Sex(patient);
        if (sex is not null)
        {
            Add("sex", WireNames.Of(sex.Value.Sex));
            _used.Add($"Sex: {WireNames.Of(sex.Value.Sex)}, from {sex.Value.From}");
        }

        return age;
    }

    /// <summary>Age in years at <paramref name="today"/>, rounded down to 0.01 (never older than the patient is).</summary>
    internal static decimal AgeYears(DateOnly born, DateOnly today)
    {
        var years = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
        if (years < 0)
        {
            return 0;
        }

        var last = born.AddYears(years);
        var next = born.AddYears(years + 1);
        var fraction = (decimal)(today.DayNumber - last.DayNumber) / (next.DayNumber - last.DayNumber);
        return Math.Floor((years + fraction) * 100) / 100;
    }

    private const string UsCoreSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
    private const string UsCoreBirthSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";

    /// <summary>Sex from <c>gender</c>, else the US Core sex extension (SNOMED CT), else US Core birth sex.</summary>
    private static (Sex Sex, string From)? Sex(JsonObject patient)
    {
        var values = new (string? Value, string From)[]
        {
            (patient.Str("gender"), "Patient.gender"),
            (Extension(patient, UsCoreSex), "the US Core sex extension"),
            (Extension(patient, UsCoreBirthSex), "the US Core birth sex extension"),
        };
        foreach (var (value, from) in values)
        {
            switch (value)
            {
                case "female" or "248152002" or "F":
                    return (Dosing.Model.Sex.Female, from);
                case "male" or "248153007" or "M":
                    return (Dosing.Model.Sex.Male, from);
                default:
                    continue; // other, unknown, absent: the next source
            }
        }

        return null;
    }

    private static string? Extension(JsonObject patient, string url) =>
        patient.Arr("extension").Where(e => e.Str("url") == url).Select(e => e.Str("valueCode") ?? e.Obj("valueCoding").Str("code")).FirstOrDefault();

    /// <summary>A value read from an Observation, in the request's unit.</summary>
    private sealed record Reading(PrefetchKey Key, string Code, decimal Value, string Unit, DateTimeOffset? When, string? Note);

    /// <summary>The latest usable reading of a key, or null with the reasons in <see cref="_problems"/>.</summary>
    private Reading? Latest(string patientId, PrefetchKey key, KeyData data, int? maxAgeDays)
    {
        var observations = data.Resources.Where(r => r.ResourceType() == "Observation")
            .OrderByDescending(o => Fhir.When(o) ?? DateTimeOffset.MinValue).ToList();
        foreach (var observation in observations)
        {
            var reading = Read(patientId, key, observation);
            if (reading is null)
            {
                continue;
            }

            if (maxAgeDays is { } days && (reading.When is null || (now - reading.When.Value).TotalDays > days))
            {
                _problems.Add(reading.When is null
                    ? $"{Capital(key.Label)}: the result has no date, so it may be stale: not used."
                    : $"{Capital(key.Label)} {Format(reading.Value)} {reading.Unit} from {reading.When:yyyy-MM-dd} is {DaysOld(reading.When.Value)} days old (more than {days}): stale, not used.");
                return null;
            }

            return reading;
        }

        return null;
    }

    private Reading? Read(string patientId, PrefetchKey key, JsonObject observation)
    {
        var label = Capital(key.Label);
        var subject = observation.Obj("subject").Str("reference");
        if (subject is not null && !index.IsPatient(subject, patientId))
        {
            _problems.Add($"{label}: a result for another patient ({Md.Code(subject)}) was ignored.");
            return null;
        }

        var status = observation.Str("status");
        if (status is not ("final" or "amended" or "corrected" or "preliminary"))
        {
            _problems.Add($"{label}: a result with status {Md.Code(status ?? "(none)")} was ignored.");
            return null;
        }

        if (observation.Obj("dataAbsentReason") is not null)
        {
            _problems.Add($"{label}: the result has no value (dataAbsentReason).");
            return null;
        }

        var code = observation.Obj("code").Codings().FirstOrDefault(c => c.System == Fhir.Loinc && c.Code is { } k && key.Codes.Contains(k)).Code;
        if (code is null)
        {
            _problems.Add($"{label}: a result without one of the expected LOINC codes was ignored (local codes are never guessed).");
            return null;
        }

        var quantity = observation.Obj("valueQuantity") ?? FromString(observation.Str("valueString"), key);
        var notes = new List<string>();
        if (quantity is null && key == PrefetchKeys.Egfr)
        {
            // Race-specific MDRD/CKD-EPI results carry their values in components: the non-black value is taken.
            var component = observation.Arr("component").FirstOrDefault(c =>
                c.Obj("code").Codings().Any(k => k.System == Fhir.Loinc && k.Code is PrefetchKeys.EgfrNonBlack or PrefetchKeys.EgfrCkdEpiNonBlack));
            quantity = component.Obj("valueQuantity");
            if (quantity is not null)
            {
                notes.Add("race-specific result: the non-black component was used");
            }
        }

        if (quantity?.Num("value") is not { } value)
        {
            _problems.Add($"{label}: the result has no numeric value: not used.");
            return null;
        }

        var unitCode = quantity.Str("code");
        var system = quantity.Str("system");
        var unitText = quantity.Str("unit");
        (string Unit, decimal Factor) target;
        if (unitCode is not null && system is not null && system != Fhir.Ucum)
        {
            _problems.Add($"{label} {Format(value)} {Md.Code(unitText ?? unitCode)}: the unit is not a UCUM unit: ignored, not guessed.");
            return null;
        }

        // The UCUM code; else an unambiguous unit text, whether sent as the unit or (wrongly) as the code.
        var unit = unitCode is not null && key.Units.ContainsKey(unitCode) ? unitCode : Normalise(unitCode) ?? Normalise(unitText);
        if (unit is null || !key.Units.TryGetValue(unit, out target))
        {
            _problems.Add($"{label} {Format(value)} {Md.Code(unitText ?? unitCode ?? "(no unit)")}: unit not in the table: ignored, not guessed.");
            return null;
        }

        if (key == PrefetchKeys.Creatinine && (code == "14682-9") != (target.Unit == "umol/L"))
        {
            _problems.Add($"{label}: LOINC {code} with unit {Md.Code(unit)} do not match (mass or molar): check the units; not used.");
            return null;
        }

        var comparator = quantity.Str("comparator");
        if (comparator is "<" or "<=")
        {
            _problems.Add($"{label}: reported as {comparator}{Format(value)}, not an exact value: not used.");
            return null;
        }

        if (comparator is ">" or ">=")
        {
            // A comparator is an interval: ">60" is every value above 60. Only an eGFR or creatinine clearance at or
            // above 60 is read, where every source's bands have one band for the whole interval ("≥60", ">60", ">50"):
            // ">60" is passed on as a value just above 60 (the US ≥60 and the EU >60 band), ">=60" as 60 itself (the
            // lowest value of the interval, which under the EU 30–60 band gives the lower dose).
            if (key.Field is not ("egfr" or "creatinineClearance") || value < 60)
            {
                _problems.Add($"{label}: reported as {comparator}{Format(value)}, not an exact value: not used.");
                return null;
            }

            notes.Add(comparator == ">"
                ? $"reported as >{Format(value)}: read as more than {Format(value)}"
                : $"reported as ≥{Format(value)}: read as {Format(value)}, the lowest value it allows");
            if (comparator == ">")
            {
                value += AboveEdge;
            }
        }

        if (status == "preliminary")
        {
            notes.Add("preliminary result");
        }

        return new Reading(key, code, value * target.Factor, target.Unit, Fhir.When(observation), notes.Count == 0 ? null : string.Join("; ", notes));
    }

    /// <summary>How far above the edge a "&gt;60" report is placed: far below any rounding shown, never on the edge.</summary>
    internal const decimal AboveEdge = 0.000001m;

    /// <summary>A unit text as EHRs write it, without regard to case or spaces, as the table's UCUM code.</summary>
    private static string? Normalise(string? unitText) => unitText?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        null => null,
        "ml/min/1.73m2" or "ml/min/1.73m²" or "ml/min/{1.73_m2}" or "ml/min/1.73sqm" => "mL/min/{1.73_m2}",
        "ml/min" => "mL/min",
        "µmol/l" or "umol/l" or "μmol/l" => "umol/L",
        "mg/dl" => "mg/dL",
        "g/dl" => "g/dL",
        _ => unitText, // the unit text as written; the table decides
    };

    /// <summary>A <c>valueString</c> such as "&gt;60", "45" or "&gt;60 mL/min/1.73m2", read as a quantity: with no unit,
    /// only an eGFR or creatinine clearance is read, in the unit the key takes.</summary>
    private static JsonObject? FromString(string? text, PrefetchKey key)
    {
        if (text is null || ValueString().Match(text) is not { Success: true } m)
        {
            return null;
        }

        var unit = m.Groups["unit"].Value.Trim();
        if (unit.Length == 0 && key.Field is not ("egfr" or "creatinineClearance"))
        {
            return null;
        }

        var quantity = new JsonObject
        {
            ["value"] = decimal.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            ["unit"] = unit.Length > 0 ? unit : key.Units.Keys.First(),
        };
        if (m.Groups["comparator"].Value is { Length: > 0 } comparator)
        {
            quantity["comparator"] = comparator;
        }

        return quantity;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?<comparator><=|>=|<|>)?\s*(?<value>\d{1,6}(?:\.\d{1,6})?)\s*(?<unit>[^\d\s][^\r\n]{0,40})?\s*$")]
    private static partial System.Text.RegularExpressions.Regex ValueString();

    private void Use(Reading reading)
    {
        var unit = reading.Key.Field switch
        {
            "serumCreatinine" => reading.Unit,
            "egfr" => "mL/min/1.73 m²",
            "absoluteLymphocyteCount" or "absoluteNeutrophilCount" => "cells/mm³",
            _ => reading.Unit,
        };
        Add(reading.Key.Field!, Format(reading.Value));
        if (reading.Key == PrefetchKeys.Creatinine)
        {
            Add("creatinineUnit", reading.Unit);
        }

        var when = reading.When is { } w ? $", {w:yyyy-MM-dd}, {DaysOld(w)} days old" : "";
        var note = reading.Note is null ? "" : $" ({reading.Note})";
        _used.Add($"{Capital(reading.Key.Label)}: {Format(reading.Value)} {unit} (LOINC {reading.Code}){when}{note}");
        if (reading.Note is not null)
        {
            _notes.Add($"{Capital(reading.Key.Label)} {reading.Note}.");
        }
    }

    private void MapSimple(string patientId, PrefetchKey key, IReadOnlyDictionary<string, KeyData> data, int? maxAgeDays)
    {
        var keyData = data[key.Key];
        if (Latest(patientId, key, keyData, maxAgeDays) is { } reading)
        {
            Use(reading);
        }
        else if (keyData.Unavailable)
        {
            _notChecked.Add($"{key.Label} (not sent, and no FHIR access to fetch it)");
        }
        else if (keyData.Resources.Count == 0)
        {
            _notChecked.Add($"{key.Label} (none on record)");
        }
    }

    private void MapKidney(string patientId, IReadOnlyDictionary<string, KeyData> data, int maxAgeDays)
    {
        var egfr = Latest(patientId, PrefetchKeys.Egfr, data[PrefetchKeys.Egfr.Key], maxAgeDays);
        var creatinine = Latest(patientId, PrefetchKeys.Creatinine, data[PrefetchKeys.Creatinine.Key], maxAgeDays);
        var crcl = Latest(patientId, PrefetchKeys.Crcl, data[PrefetchKeys.Crcl.Key], maxAgeDays);
        if (egfr is not null && creatinine is not null && PrefetchKeys.OlderEgfrCodes.Contains(egfr.Code))
        {
            _notes.Add($"The lab's eGFR (LOINC {egfr.Code}) uses an older equation: the creatinine was used instead (CKD-EPI 2021).");
            egfr = null;
        }

        var readings = new[] { egfr, creatinine, crcl }.OfType<Reading>().ToList();
        if (readings.Count == 0)
        {
            _missing.Add($"kidney function (no usable eGFR, creatinine or creatinine clearance from the last {maxAgeDays} days)");
            return;
        }

        // Several kinds: only those within 48 h of the latest (the engine compares them); older kinds are left out.
        var latest = readings.Max(r => r.When ?? DateTimeOffset.MinValue);
        foreach (var reading in readings)
        {
            if (reading.When is { } when && (latest - when).TotalHours > 48)
            {
                _problems.Add($"{Capital(reading.Key.Label)} from {when:yyyy-MM-dd} is more than 48 h older than the latest kidney result: not used.");
                continue;
            }

            if (PrefetchKeys.OlderEgfrCodes.Contains(reading.Code) && reading.Key == PrefetchKeys.Egfr)
            {
                _notes.Add($"The eGFR (LOINC {reading.Code}) uses an older equation than CKD-EPI 2021; no creatinine was available to recalculate it.");
            }

            Use(reading);
        }
    }

    private int DaysOld(DateTimeOffset when) => (int)Math.Floor((now - when).TotalDays);

    /// <summary>Sentence case for a label ("serum creatinine" → "Serum creatinine"; "eGFR" stays as written).</summary>
    private static string Capital(string text) => text.StartsWith("eGFR", StringComparison.Ordinal) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>Markdown escaping for card text: anything the EHR sent is shown literally.</summary>
internal static class Md
{
    /// <summary>EHR-supplied text as inline code (backticks removed), so it can never become a link or markup.</summary>
    public static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "`";

    /// <summary>Our own text in a table cell.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

/// <summary>Names shown on cards (from the library's one table of indication names).</summary>
internal static class Names
{
    public static string Indication(Indication indication) => IndicationNames.Of(indication).InSentence;
}
