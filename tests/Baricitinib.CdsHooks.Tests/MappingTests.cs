using System.Text.Json.Nodes;
using Baricitinib.Tests.Shared;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.CdsHooks.Tests;

/// <summary>From the record to the request fields: the FHIR samples of the specification, FHIR R4 and US Core, the
/// fixed unit table, comparators, staleness and the patient's age and sex.</summary>
public class MappingTests
{
    private static Dictionary<string, string> Fields(IReadOnlyList<Card> cards)
    {
        var link = cards[0].Links![0].Url;
        var query = new Uri(link).Query.TrimStart('?');
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
    }

    private static string AllText(IReadOnlyList<Card> cards) => string.Join("\n", cards.Select(c => c.Summary + "\n" + c.Detail));

    [ConformanceFact]
    public async Task The_FHIR_R4_MDRD_example_without_a_top_level_value_gives_its_non_black_component_with_a_note()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("egfr", Sample("fhir-r4-observation-f205-egfr-mdrd.json", "2026-11-20"))]));
        var fields = Fields(cards);
        Assert.Equal("60", fields["egfr"]); // 48642-3 (non-black) = 60; the black component ">60" is not used
        Assert.Contains("race-specific result: the non-black component was used", AllText(cards), StringComparison.Ordinal);
        Assert.Contains("older equation", AllText(cards), StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task The_FHIR_R4_MDRD_example_as_published_is_from_2013_and_so_stale_and_not_used()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("egfr", Sample("fhir-r4-observation-f205-egfr-mdrd.json"))]));
        Assert.False(Fields(cards).ContainsKey("egfr"));
        var data = Assert.Single(cards);
        Assert.Equal(Indicator.Warning, data.Indicator);
        Assert.StartsWith("Baricitinib dose check: no usable kidney function result from the last 90 days", data.Summary, StringComparison.Ordinal);
        Assert.Contains("from 2013-04-04 is", data.Detail, StringComparison.Ordinal);
        Assert.Contains("stale, not used", data.Detail, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task A_creatinine_with_a_local_code_and_a_SNOMED_unit_is_ignored_and_said_so_never_guessed()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("creatinine", Sample("fhir-r4-observation-f204-creatinine-local-code.json", "2026-11-20"))]));
        Assert.False(Fields(cards).ContainsKey("serumCreatinine"));
        Assert.Contains("local codes are never guessed", AllText(cards), StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task The_US_Core_creatinine_with_its_unit_only_in_unit_is_read_as_mg_per_dL()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("creatinine", Sample("uscore-observation-serum-creatinine.json", "2026-11-20"))]));
        var fields = Fields(cards);
        Assert.Equal("1", fields["serumCreatinine"]);
        Assert.Equal("mg/dL", fields["creatinineUnit"]);
        Assert.Equal(Indicator.Info, cards[0].Indicator); // the order matches: confirmed (the EU difference is no reason for a warning)
        Assert.Contains("| Serum creatinine | 1 mg/dL (LOINC 2160-0), 2026-11-20, 5 days old |", cards[0].Detail, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task US_Core_weight_and_height_from_1999_are_used_for_an_adult_height_but_the_weight_is_stale()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations:
        [
            Egfr(75),
            ("weight", Sample("uscore-observation-weight.json")),
            ("height", Sample("uscore-observation-height.json")),
        ]));
        var fields = Fields(cards);
        Assert.False(fields.ContainsKey("weightKg"));
        Assert.True(fields.ContainsKey("heightCm")); // an adult's height does not expire
        Assert.Contains(cards, c => c.Detail!.Contains("Weight 20.09414 kg from 1999-07-02", StringComparison.Ordinal));
    }

    [ConformanceFact]
    public async Task The_US_Core_patient_without_gender_is_female_from_the_US_Core_sex_extension()
    {
        var call = Prefetch(OrderSign(), observations: [("creatinine", Observation("2160-0", 0.9m, "mg/dL"))]);
        var patient = CdsSamples.Json("uscore-patient-example-no-gender.json").AsObject();
        patient["id"] = PatientId;
        call["prefetch"]!["patient"] = patient;
        var cards = await CardsAsync(call);
        Assert.Equal("female", Fields(cards)["sex"]);
        Assert.Contains("female, from the US Core sex extension", cards[0].Detail, StringComparison.Ordinal);
        Assert.Equal("39.76", Fields(cards)["ageYears"]); // born 1987-02-20; 2026-11-25
    }

    [Theory]
    [InlineData("2.0", "mg/dL", "2160-0", "serumCreatinine", "2", "mg/dL")]
    [InlineData("20", "mg/L", "2160-0", "serumCreatinine", "2", "mg/dL")]
    [InlineData("0.1", "mmol/L", "14682-9", "serumCreatinine", "100", "umol/L")]
    [InlineData("88.4", "umol/L", "14682-9", "serumCreatinine", "88.4", "umol/L")]
    public async Task Creatinine_units_of_the_table_are_converted_exactly(string value, string unit, string loinc, string field, string expected, string expectedUnit)
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("creatinine", Observation(loinc, decimal.Parse(value, CultureInfo.InvariantCulture), unit))]));
        Assert.Equal(expected, Fields(cards)[field]);
        Assert.Equal(expectedUnit, Fields(cards)["creatinineUnit"]);
    }

    [Theory]
    [InlineData("weight", "29463-7", "180", "[lb_av]", "weightKg", "81.6466266")]
    [InlineData("weight", "29463-7", "72500", "g", "weightKg", "72.5")]
    [InlineData("height", "8302-2", "1.75", "m", "heightCm", "175")]
    [InlineData("height", "8302-2", "69", "[in_i]", "heightCm", "175.26")]
    [InlineData("lymphocytes", "731-0", "0.45", "10*3/uL", "absoluteLymphocyteCount", "450")]
    [InlineData("neutrophils", "751-8", "0.9", "10*9/L", "absoluteNeutrophilCount", "900")]
    [InlineData("neutrophils", "751-8", "900", "/uL", "absoluteNeutrophilCount", "900")]
    [InlineData("hemoglobin", "718-7", "75", "g/L", "hemoglobin", "7.5")]
    public async Task Other_units_of_the_table_are_converted_exactly(string key, string loinc, string value, string unit, string field, string expected)
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [Egfr(75), (key, Observation(loinc, decimal.Parse(value, CultureInfo.InvariantCulture), unit))]));
        Assert.Equal(expected, Fields(cards)[field]);
    }

    [Theory]
    [InlineData("creatinine", "2160-0", "mg/mL")]
    [InlineData("creatinine", "2160-0", "umol/L")] // a mass code with a molar unit: check the units
    [InlineData("creatinine", "14682-9", "mg/dL")]
    [InlineData("egfr", "98979-8", "mL/min")] // not indexed: not an eGFR
    [InlineData("hemoglobin", "718-7", "mmol/L")]
    public async Task A_unit_outside_the_table_or_not_matching_the_code_is_ignored_and_said_so(string key, string loinc, string unit)
    {
        (string, JsonObject)[] observations = key == "egfr" ? [(key, Observation(loinc, 45m, unit))] : [Egfr(75), (key, Observation(loinc, 1.5m, unit))];
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: observations));
        var text = AllText(cards);
        Assert.True(text.Contains("unit not in the table", StringComparison.Ordinal) || text.Contains("check the units", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task An_eGFR_reported_as_more_than_60_is_read_as_above_60_and_the_card_says_so()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("egfr", Observation("98979-8", 60, "mL/min/{1.73_m2}", comparator: ">"))]));
        Assert.True(decimal.Parse(Fields(cards)["egfr"], CultureInfo.InvariantCulture) is > 60 and < 60.001m);
        Assert.Contains("reported as >60: read as more than 60", cards[0].Detail, StringComparison.Ordinal);
        Assert.Contains("2 mg once daily", cards[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<", 30)]
    [InlineData("<=", 15)]
    [InlineData(">", 45)] // >45 may be 45 to <60 or 60 or more: two bands
    public async Task An_eGFR_that_is_not_an_exact_value_in_one_band_is_not_used(string comparator, int value)
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [("egfr", Observation("98979-8", value, "mL/min/{1.73_m2}", comparator: comparator))]));
        Assert.False(Fields(cards).ContainsKey("egfr"));
        Assert.Contains($"reported as {comparator}{value}, not an exact value: not used", AllText(cards), StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_COVID_19_kidney_function_older_than_3_days_is_stale()
    {
        var fresh = await CardsAsync(Prefetch(OrderSign(doseMg: 4, reason: "840539006"), observations: [Egfr(45, "2026-11-23")]));
        Assert.Equal("45", Fields(fresh)["egfr"]);
        var stale = await CardsAsync(Prefetch(OrderSign(doseMg: 4, reason: "840539006"), observations: [Egfr(45, "2026-11-21")]));
        Assert.False(Fields(stale).ContainsKey("egfr"));
        Assert.StartsWith("Baricitinib dose check: no usable kidney function result from the last 3 days", stale[0].Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("entered-in-error")]
    [InlineData("cancelled")]
    [InlineData("registered")]
    public async Task Results_that_are_not_final_amended_corrected_or_preliminary_are_ignored(string status)
    {
        var (key, observation) = Egfr(45);
        observation["status"] = status;
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [(key, observation)]));
        Assert.False(Fields(cards).ContainsKey("egfr"));
    }

    [Fact]
    public async Task A_result_for_another_patient_is_never_used()
    {
        var (key, observation) = Egfr(45);
        observation["subject"] = new JsonObject { ["reference"] = "Patient/someone-else" };
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [(key, observation)]));
        Assert.False(Fields(cards).ContainsKey("egfr"));
        Assert.Contains("a result for another patient", AllText(cards), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_equation_eGFR_gives_way_to_a_creatinine_of_the_same_time()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations:
            [("egfr", Observation("33914-3", 55, "mL/min/{1.73_m2}")), ("creatinine", Observation("2160-0", 1.1m, "mg/dL"))]));
        var fields = Fields(cards);
        Assert.False(fields.ContainsKey("egfr"));
        Assert.Equal("1.1", fields["serumCreatinine"]);
    }

    [Fact]
    public async Task Of_two_kidney_results_more_than_48_hours_apart_only_the_latest_is_used()
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), observations:
            [Egfr(45, "2026-11-24"), ("creatinine", Observation("2160-0", 1.1m, "mg/dL", "2026-11-20"))]));
        var fields = Fields(cards);
        Assert.Equal("45", fields["egfr"]);
        Assert.False(fields.ContainsKey("serumCreatinine"));
    }

    [Theory]
    [InlineData("2016-11-25", "10")]
    [InlineData("2016-11-26", "9.99")]
    [InlineData("2008-11-25", "18")]
    [InlineData("2008-11-26", "17.99")]
    [InlineData("2024-02-29", "2.73")]
    public void Age_is_counted_to_the_day_and_rounded_down(string born, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Mapping.AgeYears(DateOnly.Parse(born, CultureInfo.InvariantCulture), new DateOnly(2026, 11, 25)));

    [Theory]
    [InlineData("1960")]
    [InlineData("1960-03")]
    public async Task A_partial_birth_date_gives_no_age_and_the_card_asks_for_it(string born)
    {
        var cards = await CardsAsync(Prefetch(OrderSign(), birthDate: born, observations: [Egfr(45)]));
        var data = Assert.Single(cards);
        Assert.Contains("age (the birth date is partial)", data.Detail, StringComparison.Ordinal);
    }
}
