using System.Text.Json.Nodes;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.CdsHooks.Tests;

/// <summary>
/// Calls shaped as EHRs send them (written here, not taken from the specification's samples): everything in the call
/// is used (decisions.md, "CDS Hooks cards", 2026-12-06).
/// </summary>
public class VendorCallTests
{
    private const string Icd10 = "http://hl7.org/fhir/sid/icd-10-cm";

    private static Dictionary<string, string> Fields(Card card)
    {
        var query = new Uri(card.Links![0].Url).Query.TrimStart('?');
        return query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }

    private static JsonObject DraftOrder(JsonObject call, JsonObject resource)
    {
        call["context"]!["draftOrders"]!["entry"]!.AsArray().Add(new JsonObject { ["resource"] = resource });
        return call;
    }

    private static JsonObject Probenecid(string id = "probenecid-1", bool coded = true) => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = coded ? "draft" : "active",
        ["intent"] = "order",
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
        ["medicationCodeableConcept"] = coded
            ? new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = "8698", ["display"] = "probenecid" }) }
            : new JsonObject { ["text"] = "Probenecid 500 mg tablet" },
    };

    private static JsonObject Bundle(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]),
    };

    // 1. Probenecid in the same call or in the medication list applies the OAT3 step.

    [Fact]
    public async Task Probenecid_ordered_in_the_same_call_halves_the_US_rheumatoid_arthritis_dose_to_1_mg()
    {
        var call = DraftOrder(Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]), Probenecid());
        var card = (await CardsAsync(call))[0];
        Assert.Equal("true", Fields(card)["strongOat3Inhibitor"]);
        Assert.StartsWith("Baricitinib: reduce to 1 mg once daily (eGFR 90 mL/min/1.73 m², US PI)", card.Summary, StringComparison.Ordinal);
        Assert.Contains("| Strong OAT3 inhibitor | probenecid, among the draft orders |", card.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("OAT3 inhibitors such as probenecid (", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probenecid_in_the_active_medication_list_by_name_only_halves_the_dose_too()
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]);
        call["prefetch"]!["medications"] = Bundle(Probenecid("home-med", coded: false));
        var card = (await CardsAsync(call))[0];
        Assert.Equal("true", Fields(card)["strongOat3Inhibitor"]);
        Assert.StartsWith("**Recommended: 1 mg once daily**", card.Detail, StringComparison.Ordinal);
        Assert.Contains("in the active medication list", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_probenecid_in_the_medication_list_changes_nothing_and_the_list_counts_as_checked()
    {
        var stopped = Probenecid("old", coded: true);
        stopped["status"] = "stopped";
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]);
        call["prefetch"]!["medications"] = Bundle(stopped);
        var card = (await CardsAsync(call))[0];
        Assert.False(Fields(card).ContainsKey("strongOat3Inhibitor"));
        Assert.DoesNotContain("OAT3 inhibitors such as probenecid", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_medication_list_the_card_says_OAT3_inhibitors_were_looked_for_among_the_draft_orders_only()
    {
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)])))[0];
        Assert.Contains("OAT3 inhibitors such as probenecid (among the draft orders only: the active medication list was not sent)", card.Detail, StringComparison.Ordinal);
    }

    // 2. A comparator is an interval.

    [Fact]
    public async Task An_eGFR_of_more_than_60_under_the_EU_label_is_the_above_60_band_4_mg_not_the_30_to_60_band()
    {
        var options = Options();
        options.Jurisdiction = Jurisdiction.Eu;
        var call = Prefetch(OrderSign(doseMg: 2), birthDate: "1980-03-01", observations: [("egfr", Observation("98979-8", 60, "mL/min/{1.73_m2}", comparator: ">"))]);
        var card = (await CardsAsync(call, Service(options)))[0];
        Assert.StartsWith("**Recommended: 4 mg once daily**", card.Detail, StringComparison.Ordinal);
        Assert.Contains("reported as >60: read as more than 60", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_US_label_the_EU_row_for_an_eGFR_of_more_than_60_is_4_mg_and_differs()
    {
        var call = Prefetch(OrderSign(doseMg: 4), birthDate: "1980-03-01", observations: [("egfr", Observation("98979-8", 60, "mL/min/{1.73_m2}", comparator: ">"))]);
        var card = (await CardsAsync(call))[0];
        Assert.Contains("EU summary of product characteristics (Olumiant): 4 mg once daily — **differs**", card.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">60")]
    [InlineData("> 60 mL/min/1.73m2")]
    public async Task An_eGFR_sent_as_valueString_is_read(string text)
    {
        var observation = Observation("98979-8", 1, "mL/min/{1.73_m2}");
        _ = observation.Remove("valueQuantity");
        observation["valueString"] = text;
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 2), observations: [("egfr", observation)])))[0];
        Assert.True(decimal.Parse(Fields(card)["egfr"], CultureInfo.InvariantCulture) is > 60 and < 60.001m);
        Assert.Equal("dose", Status(card));
    }

    private static string Status(Card card) => card.Detail!.StartsWith("**Recommended:", StringComparison.Ordinal) ? "dose" : "other";

    // 3. An indication the primary label does not approve: a warning naming it, never kidney function.

    [Theory]
    [InlineData("L20.9", "atopic dermatitis")]
    [InlineData("M08.00", "juvenile idiopathic arthritis")]
    public async Task An_indication_the_US_label_does_not_approve_is_a_warning_that_names_the_indication_and_the_label(string icd10, string name)
    {
        var options = Options();
        options.IndicationCodes.Add(new IndicationCode { System = Icd10, Code = "M08.*", Indication = Indication.JuvenileIdiopathicArthritis });
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]);
        MedicationRequest(call)["reasonCode"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Icd10, ["code"] = icd10 }) });
        var card = (await CardsAsync(call, Service(options)))[0];
        Assert.Equal(Indicator.Warning, card.Indicator);
        Assert.Equal($"Baricitinib is not approved for {name} under the US label", card.Summary);
        Assert.DoesNotContain("eGFR", card.Summary, StringComparison.Ordinal);
    }

    // 4. A medicationReference outside the bundle.

    [Fact]
    public async Task A_medicationReference_to_a_Medication_not_in_the_call_is_matched_by_its_display_text()
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        var order = MedicationRequest(call);
        order.Remove("medicationCodeableConcept");
        order["medicationReference"] = new JsonObject { ["reference"] = "Medication/med-7781", ["display"] = "OLUMIANT 2 MG TABLET" };
        var cards = await CardsAsync(call);
        Assert.StartsWith("**Recommended: 1 mg once daily**", cards[0].Detail, StringComparison.Ordinal);
        Assert.Contains("matched on the medication's name", cards[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_medicationReference_is_resolved_from_the_FHIR_server_when_the_call_does_not_hold_it()
    {
        var medication = new JsonObject
        {
            ["resourceType"] = "Medication",
            ["id"] = "med-7781",
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = "2047232" }) },
        };
        var fhir = new Fhir(query => query == "Medication/med-7781" ? medication : null);
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        call["fhirServer"] = "https://ehr.example.org/fhir/r4";
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "t", ["token_type"] = "Bearer" };
        var order = MedicationRequest(call);
        order.Remove("medicationCodeableConcept");
        order["medicationReference"] = new JsonObject { ["reference"] = "https://ehr.example.org/fhir/r4/Medication/med-7781" };
        var cards = await CardsAsync(call, Service(fetcher: fhir));
        Assert.StartsWith("**Recommended: 1 mg once daily**", cards[0].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("matched on the medication's name", cards[0].Detail, StringComparison.Ordinal);
    }

    // 5. The other shapes EHRs send.

    [Fact]
    public async Task An_absolute_subject_reference_to_the_same_patient_on_the_EHRs_FHIR_base_is_this_patient()
    {
        var egfr = Egfr(45).Item2;
        egfr["subject"] = new JsonObject { ["reference"] = "https://ehr.example.org/fhir/r4/Patient/" + PatientId };
        var call = Prefetch(OrderSign(doseMg: 2), observations: [("egfr", egfr)]);
        call["fhirServer"] = "https://ehr.example.org/fhir/r4";
        Assert.Equal("45", Fields((await CardsAsync(call))[0])["egfr"]);
    }

    [Fact]
    public async Task An_absolute_subject_reference_on_another_server_is_not_this_patient()
    {
        var egfr = Egfr(45).Item2;
        egfr["subject"] = new JsonObject { ["reference"] = "https://other.example.org/fhir/Patient/" + PatientId };
        var call = Prefetch(OrderSign(doseMg: 2), observations: [("egfr", egfr)]);
        call["fhirServer"] = "https://ehr.example.org/fhir/r4";
        var cards = await CardsAsync(call);
        Assert.Contains(cards, c => c.Detail!.Contains("a result for another patient", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MG")]
    [InlineData("Mg")]
    public async Task A_dose_unit_in_capitals_is_read(string unit)
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        var quantity = MedicationRequest(call)["dosageInstruction"]![0]!["doseAndRate"]![0]!["doseQuantity"]!.AsObject();
        quantity["unit"] = unit;
        quantity["code"] = unit;
        var card = (await CardsAsync(call))[0];
        Assert.Contains("| Ordered | 2 mg once daily — **differs from the recommendation** |", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_text_sent_as_the_code_is_read()
    {
        var egfr = Observation("98979-8", 45, "mL/min/1.73m2");
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 2), observations: [("egfr", egfr)])))[0];
        Assert.Equal("45", Fields(card)["egfr"]);
    }

    [Fact]
    public async Task The_indication_is_read_from_a_reasonReference_to_a_contained_Condition_coded_in_ICD_10_CM()
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]);
        var order = MedicationRequest(call);
        order.Remove("reasonCode");
        order["contained"] = new JsonArray(new JsonObject
        {
            ["resourceType"] = "Condition",
            ["id"] = "dx1",
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Icd10, ["code"] = "L63.9" }) },
        });
        order["reasonReference"] = new JsonArray(new JsonObject { ["reference"] = "#dx1" });
        var card = (await CardsAsync(call))[0];
        Assert.Equal("alopecia-areata", Fields(card)["indication"]);
        Assert.Contains("from the condition the order gives as its reason (ICD-10-CM L63.9)", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reasonReference_to_a_Condition_not_in_the_call_is_fetched_from_the_FHIR_server()
    {
        var condition = new JsonObject
        {
            ["resourceType"] = "Condition",
            ["id"] = "dx-88",
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Icd10, ["code"] = "L63.0" }) },
        };
        var fhir = new Fhir(query => query == "Condition/dx-88" ? condition : null);
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]);
        call["prefetch"]!["conditions"] = Bundle();
        call["prefetch"]!["medications"] = Bundle();
        call["fhirServer"] = "https://ehr.example.org/fhir/r4";
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "t", ["token_type"] = "Bearer" };
        var order = MedicationRequest(call);
        order.Remove("reasonCode");
        order["reasonReference"] = new JsonArray(new JsonObject { ["reference"] = "Condition/dx-88" });
        var card = (await CardsAsync(call, Service(fetcher: fhir)))[0];
        Assert.Equal("alopecia-areata", Fields(card)["indication"]);
    }

    [Fact]
    public async Task Without_a_reason_the_indication_comes_from_the_one_active_condition_that_names_one()
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]);
        MedicationRequest(call).Remove("reasonCode");
        call["prefetch"]!["conditions"] = Bundle(
            new JsonObject
            {
                ["resourceType"] = "Condition",
                ["id"] = "c1",
                ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["code"] = "active" }) },
                ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Icd10, ["code"] = "M05.79" }) },
                ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
            },
            new JsonObject
            {
                ["resourceType"] = "Condition",
                ["id"] = "c2",
                ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["code"] = "resolved" }) },
                ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Icd10, ["code"] = "U07.1" }) },
            });
        var card = (await CardsAsync(call))[0];
        Assert.Equal("rheumatoid-arthritis", Fields(card)["indication"]);
        Assert.Contains("from the patient's active conditions (ICD-10-CM M05.79)", card.Detail, StringComparison.Ordinal);
    }

    // 6. Quiet when right.

    [Fact]
    public async Task As_shipped_an_order_that_matches_the_primary_label_gets_no_card_at_all()
    {
        var outcome = await RunAsync(Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]), Service(QuietOptions()));
        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Response!.Cards);
    }

    [Fact]
    public async Task As_shipped_an_order_that_matches_the_reduced_dose_gets_no_card_and_one_that_does_not_still_does()
    {
        Assert.Empty((await RunAsync(Prefetch(OrderSign(doseMg: 1), observations: [Egfr(45)]), Service(QuietOptions()))).Response!.Cards);
        var cards = (await RunAsync(Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]), Service(QuietOptions()))).Response!.Cards;
        Assert.Equal(Indicator.Warning, Assert.Single(cards).Indicator);
    }

    [Fact]
    public async Task With_ConfirmMatchingOrders_a_matching_order_gets_an_info_card()
    {
        var card = Assert.Single((await RunAsync(Prefetch(OrderSign(doseMg: 2), observations: [Egfr(90)]), Service(Options()))).Response!.Cards);
        Assert.Equal(Indicator.Info, card.Indicator);
    }

    private sealed class Fhir(Func<string, JsonNode?> answer) : IFhirFetcher
    {
        public Task<JsonNode?> GetAsync(Uri fhirServer, string query, string accessToken, CancellationToken cancel) => Task.FromResult(answer(query));
    }
}
