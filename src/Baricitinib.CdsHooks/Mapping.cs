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
internal sealed class Mapping(CdsHooksOptions options, DateTimeOffset now)
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private readonly List<string> _used = [];
    private readonly List<string> _problems = [];
    private readonly List<string> _missing = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _notChecked = [];

    public MappedRequest Map(string patientId, BaricitinibOrder order, IReadOnlyDictionary<string, KeyData> data)
    {
        Add("jurisdiction", WireNames.Of(options.Jurisdiction));
        var indication = MapIndication(order);
        var age = MapPatient(patientId, data[PrefetchKeys.Patient.Key]);
        var child = age is < 18m;
        var kidneyDays = indication == Indication.Covid19 ? options.MaxAgeDaysCovid19 : options.MaxAgeDays;
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

    private Indication? MapIndication(BaricitinibOrder order)
    {
        var codings = order.Reason.SelectMany(r => r.Codings()).ToList();
        var coded = codings
            .Select(c => options.IndicationCodes.FirstOrDefault(i => i.System == c.System && i.Code == c.Code))
            .FirstOrDefault(i => i is not null);
        Indication? indication = coded?.Indication;
        var how = coded is not null ? $"from the order's reason ({(coded.System == Fhir.Snomed ? "SNOMED CT" : coded.System)} {coded.Code})" : null;
        if (indication is null)
        {
            var texts = order.Reason.Select(r => r.Str("text")).Concat(codings.Select(c => c.Display)).OfType<string>();
            indication = texts.Select(FromText).FirstOrDefault(i => i is not null);
            how = indication is not null ? "from the order's reason (text)" : null;
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
        if (subject is not null && subject != "Patient/" + patientId)
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

        var quantity = observation.Obj("valueQuantity");
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

        var unit = unitCode ?? Normalise(unitText);
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
            // Only ">60"-style eGFR/CrCl reports are read: every label's top kidney band starts at 60.
            if (key.Field is not ("egfr" or "creatinineClearance") || value < 60)
            {
                _problems.Add($"{label}: reported as {comparator}{Format(value)}, not an exact value: not used.");
                return null;
            }

            notes.Add($"reported as {comparator}{Format(value)}: treated as {Format(value)} or more");
        }

        if (status == "preliminary")
        {
            notes.Add("preliminary result");
        }

        return new Reading(key, code, value * target.Factor, target.Unit, Fhir.When(observation), notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private static string? Normalise(string? unitText) => unitText switch
    {
        null => null,
        "mL/min/1.73m2" or "mL/min/1.73 m2" or "mL/min/1.73m²" or "mL/min/1.73 m²" => "mL/min/{1.73_m2}",
        "µmol/L" or "umol/l" or "μmol/L" => "umol/L",
        _ => unitText, // the unit text as written; the table decides
    };

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

/// <summary>Names shown on cards.</summary>
internal static class Names
{
    public static string Indication(Indication indication) => indication switch
    {
        Dosing.Model.Indication.RheumatoidArthritis => "rheumatoid arthritis",
        Dosing.Model.Indication.AlopeciaAreata => "alopecia areata",
        Dosing.Model.Indication.Covid19 => "COVID-19",
        Dosing.Model.Indication.AtopicDermatitis => "atopic dermatitis",
        Dosing.Model.Indication.JuvenileIdiopathicArthritis => "juvenile idiopathic arthritis",
    };
}
