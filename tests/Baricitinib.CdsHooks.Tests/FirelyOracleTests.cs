using System.Text.Json;
using System.Text.Json.Nodes;
using Baricitinib.Tests.Shared;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.CdsHooks.Tests;

/// <summary>
/// Firely's Hl7.Fhir.R4 as an oracle. It shows why the service reads FHIR with System.Text.Json (docs/cds-hooks.md):
/// its strict parser rejects the specification's own order-sign draft orders, which the service must still answer.
/// And it checks what the service writes: every update suggestion is valid R4.
/// </summary>
public class FirelyOracleTests
{
    private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [ConformanceTheory]
    [InlineData("fhir-r4-observation-f205-egfr-mdrd.json")]
    [InlineData("fhir-r4-observation-f204-creatinine-local-code.json")]
    [InlineData("uscore-observation-serum-creatinine.json")]
    [InlineData("uscore-observation-weight.json")]
    [InlineData("uscore-observation-height.json")]
    public void The_FHIR_observation_samples_are_valid_R4(string file)
    {
        var observation = JsonSerializer.Deserialize<Observation>(CdsSamples.Text(file), Strict)!;
        Assert.NotNull(observation.Code);
    }

    [ConformanceFact]
    public void The_US_Core_patient_is_valid_R4_and_carries_sex_only_in_extensions()
    {
        var patient = JsonSerializer.Deserialize<Patient>(CdsSamples.Text("uscore-patient-example-no-gender.json"), Strict)!;
        Assert.Null(patient.Gender);
        Assert.Contains(patient.Extension, e => e.Url == "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex");
    }

    [Fact]
    public void The_projects_own_example_draft_orders_are_valid_R4()
    {
        var draftOrders = OrderSign()["context"]!["draftOrders"]!.ToJsonString();
        var bundle = JsonSerializer.Deserialize<Bundle>(draftOrders, Strict)!;
        Assert.Equal(2, bundle.Entry.Count);
    }

    [ConformanceFact]
    public void The_strict_parser_rejects_the_specifications_order_sign_draft_orders()
    {
        var draftOrders = CdsSamples.Json("hook-order-sign-context-r4.json")["context"]!["draftOrders"]!.ToJsonString();
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<Bundle>(draftOrders, Strict));
    }

    [Fact]
    public async System.Threading.Tasks.Task Every_update_suggestion_is_a_valid_R4_MedicationRequest_even_for_the_specifications_older_dose_shape()
    {
        // The specification's example keeps its dose in dosageInstruction[].doseQuantity (STU3); the update writes R4.
        var call = Prefetch(OrderSign(doseMg: 2), observations: [Egfr(45)]);
        var order = MedicationRequest(call);
        var dosage = order["dosageInstruction"]![0]!.AsObject();
        dosage.Remove("doseAndRate");
        dosage["doseQuantity"] = new JsonObject { ["value"] = 2, ["unit"] = "mg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg" };

        var card = (await CardsAsync(call))[0];
        var resource = Assert.Single(Assert.Single(card.Suggestions!).Actions).Resource!.ToJsonString();
        var parsed = JsonSerializer.Deserialize<MedicationRequest>(resource, Strict)!;
        Assert.Equal(1m, Assert.IsType<Quantity>(parsed.DosageInstruction[0].DoseAndRate[0].Dose).Value);
        Assert.Equal(OrderId, parsed.Id);
    }
}
