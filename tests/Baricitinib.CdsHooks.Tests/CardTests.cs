using System.Text.Json.Nodes;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.CdsHooks.Tests;

/// <summary>One primary card per baricitinib order (info, warning or critical by the rules of docs/cds-hooks.md), its
/// suggestion, source and link; orders that are not baricitinib give no card at all.</summary>
public class CardTests
{
    [Fact]
    public async Task The_specifications_own_order_sign_example_amoxicillin_gives_no_cards()
    {
        var outcome = await RunAsync(OrderSign(baricitinib: false));
        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Response!.Cards);
    }

    [Fact]
    public async Task The_order_select_example_gives_cards_only_for_a_selected_baricitinib_order()
    {
        var call = OrderSign();
        call["hook"] = "order-select";
        call["context"]!["selections"] = new JsonArray("NutritionOrder/diet-soft");
        Assert.Empty((await RunAsync(Prefetch(call, observations: [Egfr(45)]))).Response!.Cards);

        call["context"]!["selections"] = new JsonArray("MedicationRequest/" + OrderId);
        var cards = await CardsAsync(Prefetch(call, observations: [Egfr(45)]));
        Assert.Equal(Indicator.Warning, cards[0].Indicator);
    }

    [Fact]
    public async Task A_reduced_dose_ordered_at_the_usual_dose_is_a_warning_with_an_update_to_the_recommended_dose()
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        var card = (await CardsAsync(call))[0];
        Assert.Equal(Indicator.Warning, card.Indicator);
        Assert.Equal("Baricitinib: reduce to 1 mg once daily (eGFR 45 mL/min/1.73 m², US PI); labels differ", card.Summary);
        var suggestion = Assert.Single(card.Suggestions!);
        Assert.Equal("at-most-one", card.SelectionBehavior);
        var action = Assert.Single(suggestion.Actions);
        Assert.Equal("update", action.Type);
        var updated = action.Resource!.AsObject();
        var original = MedicationRequest(call);
        Assert.Equal(original["id"]!.GetValue<string>(), updated["id"]!.GetValue<string>());
        Assert.Equal(original["subject"]!.ToJsonString(), updated["subject"]!.ToJsonString());
        Assert.Equal(original["reasonCode"]!.ToJsonString(), updated["reasonCode"]!.ToJsonString());
        Assert.Equal(original["dispenseRequest"]!.ToJsonString(), updated["dispenseRequest"]!.ToJsonString());
        var dose = updated["dosageInstruction"]![0]!["doseAndRate"]![0]!["doseQuantity"]!;
        Assert.Equal(1, dose["value"]!.GetValue<int>());
        Assert.Equal("mg", dose["code"]!.GetValue<string>());
        Assert.Null(updated["text"]); // the EHR's narrative described the old order
    }

    [Fact]
    public async Task The_reduced_dose_already_ordered_is_confirmed_without_a_suggestion()
    {
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 1), observations: [Egfr(45)])))[0];
        Assert.Equal(Indicator.Info, card.Indicator);
        Assert.Equal("Baricitinib 1 mg once daily matches the US PI (eGFR 45 mL/min/1.73 m²); labels differ", card.Summary);
        Assert.Null(card.Suggestions);
        Assert.Null(card.SelectionBehavior);
    }

    [Theory]
    [InlineData(29.9)]
    [InlineData(20)]
    [InlineData(14.9)]
    public async Task Below_30_the_card_is_critical_shows_no_dose_and_offers_to_remove_the_order(double egfr)
    {
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 2), observations: [Egfr((decimal)egfr)])))[0];
        Assert.Equal(Indicator.Critical, card.Indicator);
        Assert.StartsWith("Baricitinib not recommended for this patient: US PI (eGFR", card.Summary, StringComparison.Ordinal);
        Assert.StartsWith("**Not recommended**", card.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Recommended:", card.Detail, StringComparison.Ordinal);
        var action = Assert.Single(Assert.Single(card.Suggestions!).Actions);
        Assert.Equal("delete", action.Type);
        Assert.Equal("MedicationRequest/" + OrderId, action.ResourceId);
        Assert.Null(action.Resource);
    }

    [Fact]
    public async Task At_exactly_30_the_card_gives_the_reduced_dose()
    {
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 2), observations: [Egfr(30)])))[0];
        Assert.Equal(Indicator.Warning, card.Indicator);
        Assert.StartsWith("**Recommended: 1 mg once daily**", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_usual_dose_where_both_labels_agree_is_an_info_card()
    {
        // EU label, rheumatoid arthritis at 66: the EU SmPC gives 2 mg from 65 on, as the US label does for everyone.
        var options = Options();
        options.Jurisdiction = Jurisdiction.Eu;
        var call = Prefetch(OrderSign(doseMg: 2), observations: [("crcl", Observation("35591-7", 75, "mL/min"))]);
        var card = (await CardsAsync(call, Service(options)))[0];
        Assert.Equal(Indicator.Info, card.Indicator);
        Assert.Equal("Baricitinib 2 mg once daily matches the EU SmPC (CrCl 75 mL/min)", card.Summary);
        Assert.Null(card.OverrideReasons);
        Assert.Null(card.Suggestions);
    }

    [Fact]
    public async Task COVID_19_under_the_US_label_at_the_labels_dose_is_no_warning_although_the_EU_label_does_not_approve_it()
    {
        var card = (await CardsAsync(Prefetch(OrderSign(doseMg: 4, reason: "840539006"), observations: [Egfr(75, "2026-11-24")])))[0];
        Assert.Equal(Indicator.Info, card.Indicator);
        Assert.Equal("Baricitinib 4 mg once daily matches the US PI (eGFR 75 mL/min/1.73 m²); labels differ", card.Summary);
        Assert.Contains("EU summary of product characteristics (Olumiant): Not approved — **differs**", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_coded_as_a_product_of_unknown_strength_gets_no_update_and_the_card_says_change_it_by_hand()
    {
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        MedicationRequest(call)["medicationCodeableConcept"]!["coding"]![0]!["code"] = "2047241";
        var card = (await CardsAsync(call))[0];
        Assert.Null(card.Suggestions);
        Assert.Contains("change the order by hand", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_code_of_the_target_strength_when_configured_is_swapped_in_with_the_dose()
    {
        var options = Options();
        options.MedicationCodes.Add(new MedicationCode { System = RxNorm, Code = "9000002", StrengthMg = 2 });
        options.MedicationCodes.Add(new MedicationCode { System = RxNorm, Code = "9000001", StrengthMg = 1, Display = "baricitinib 1 MG Oral Tablet" });
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        MedicationRequest(call)["medicationCodeableConcept"]!["coding"]![0]!["code"] = "9000002";
        var card = (await CardsAsync(call, Service(options)))[0];
        var updated = Assert.Single(Assert.Single(card.Suggestions!).Actions).Resource!;
        Assert.Equal("9000001", updated["medicationCodeableConcept"]!["coding"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tablets_are_read_as_tablets_times_the_configured_strength()
    {
        var options = Options();
        options.MedicationCodes.Add(new MedicationCode { System = RxNorm, Code = "9000002", StrengthMg = 2 });
        var call = Prefetch(OrderSign(), observations: [Egfr(75)]);
        var order = MedicationRequest(call);
        order["medicationCodeableConcept"]!["coding"]![0]!["code"] = "9000002";
        order["dosageInstruction"]![0]!["doseAndRate"]![0]!["doseQuantity"] = new JsonObject { ["value"] = 2, ["unit"] = "tablet", ["system"] = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm", ["code"] = "TAB" };
        var card = (await CardsAsync(call, Service(options)))[0];
        Assert.Contains("| Ordered | 4 mg once daily — **differs from the recommendation** |", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_older_doseQuantity_of_the_specifications_example_is_read()
    {
        var call = Prefetch(OrderSign(), observations: [Egfr(75)]);
        var dosage = MedicationRequest(call)["dosageInstruction"]![0]!.AsObject();
        dosage.Remove("doseAndRate");
        dosage["doseQuantity"] = new JsonObject { ["value"] = 2, ["unit"] = "mg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg" };
        var card = (await CardsAsync(call))[0];
        Assert.Contains("| Ordered | 2 mg once daily |", card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_named_Olumiant_in_a_contained_Medication_is_found_and_the_card_says_the_code_was_not_recognised()
    {
        var call = Prefetch(OrderSign(), observations: [Egfr(75)]);
        var order = MedicationRequest(call);
        order.Remove("medicationCodeableConcept");
        order["contained"] = new JsonArray(new JsonObject { ["resourceType"] = "Medication", ["id"] = "m1", ["code"] = new JsonObject { ["text"] = "Olumiant 2 mg tablets" } });
        order["medicationReference"] = new JsonObject { ["reference"] = "#m1" };
        var card = (await CardsAsync(call))[0];
        Assert.Contains("The product code was not recognised", card.Detail, StringComparison.Ordinal);
        Assert.Null(card.Suggestions);
    }

    [Fact]
    public async Task The_card_cites_the_label_links_to_the_calculator_without_identifiers_and_keeps_its_summary_short()
    {
        var card = (await CardsAsync(Prefetch(OrderSign(), observations: [Egfr(45)])))[0];
        Assert.Equal("OLUMIANT (baricitinib) tablets: US Prescribing Information", card.Source.Label);
        Assert.Equal("https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=866e9f35-9035-4581-a4b1-75a621ab55cf", card.Source.Url);
        var link = Assert.Single(card.Links!);
        Assert.Equal("absolute", link.Type);
        Assert.StartsWith("https://calc.example.org/?jurisdiction=us&indication=rheumatoid-arthritis&ageYears=66.73&sex=female&egfr=45", link.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(PatientId, link.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("smart-MedicationRequest", link.Url, StringComparison.Ordinal);
        Assert.True(card.Summary.Length < 140);
    }

    [Fact]
    public async Task Under_the_EU_label_the_card_cites_the_SmPC()
    {
        var options = Options();
        options.Jurisdiction = Jurisdiction.Eu;
        var call = Prefetch(OrderSign(doseMg: 4), observations: [("crcl", Observation("35591-7", 50, "mL/min"))]);
        var card = (await CardsAsync(call, Service(options)))[0];
        Assert.Equal("Olumiant: Summary of Product Characteristics (EPAR product information)", card.Source.Label);
        Assert.Contains("EU SmPC", card.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_the_EHR_sent_is_shown_as_code_and_never_becomes_a_link()
    {
        var (key, observation) = Egfr(45);
        observation["subject"] = new JsonObject { ["reference"] = "Patient/x](https://evil.example) **bold**" };
        var cards = await CardsAsync(Prefetch(OrderSign(), observations: [(key, observation)]));
        var detail = string.Join("\n", cards.Select(c => c.Detail));
        Assert.Contains("`Patient/x](https://evil.example) **bold**`", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_indication_on_the_order_or_in_configuration_a_card_asks_for_it()
    {
        var call = Prefetch(OrderSign(), observations: [Egfr(45)]);
        MedicationRequest(call).Remove("reasonCode");
        var card = Assert.Single(await CardsAsync(call));
        Assert.Equal("Baricitinib dose check: the order has no indication this service recognises; the dose depends on it", card.Summary);
        Assert.Contains("indication (not coded on the order)", card.Detail, StringComparison.Ordinal);

        var options = Options();
        options.DefaultIndication = Indication.RheumatoidArthritis;
        Assert.Contains("configured default", (await CardsAsync(call, Service(options)))[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rheumatoid arthritis, seropositive", "rheumatoid-arthritis")]
    [InlineData("Juvenile rheumatoid arthritis", "juvenile-idiopathic-arthritis")]
    [InlineData("COVID-19 pneumonia", "covid-19")]
    [InlineData("Severe alopecia areata", "alopecia-areata")]
    public async Task An_indication_written_in_the_reason_text_is_read(string text, string expected)
    {
        var call = Prefetch(OrderSign(), observations: [Egfr(75, "2026-11-24")]);
        MedicationRequest(call)["reasonCode"] = new JsonArray(new JsonObject { ["text"] = text });
        var cards = await CardsAsync(call);
        Assert.Contains("indication=" + expected, cards[0].Links![0].Url, StringComparison.Ordinal);
    }
}
