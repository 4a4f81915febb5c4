using System.Text.Json.Nodes;
using Baricitinib.Tests.Shared;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.CdsHooks.Tests;

/// <summary>The call itself: what is malformed (400), when required data cannot be had (412), and fetching what the
/// prefetch left out from the EHR's FHIR server within the time allowed.</summary>
public class CallTests
{
    private sealed class RecordingFhir(Func<string, JsonNode?> answer, TimeSpan delay = default) : IFhirFetcher
    {
        public List<(Uri Server, string Query, string Token)> Calls { get; } = [];

        public async Task<JsonNode?> GetAsync(Uri fhirServer, string query, string accessToken, CancellationToken cancel)
        {
            lock (Calls)
            {
                Calls.Add((fhirServer, query, accessToken));
            }

            try
            {
                await Task.Delay(delay, cancel);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            return answer(query);
        }
    }

    [Theory]
    [InlineData("patient-view")]
    [InlineData("medication-prescribe")]
    public async Task A_hook_other_than_order_sign_or_order_select_is_a_400(string hook)
    {
        var call = OrderSign();
        call["hook"] = hook;
        var outcome = await RunAsync(call);
        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains(hook, outcome.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hookInstance")]
    [InlineData("context.patientId")]
    [InlineData("context.draftOrders")]
    public async Task A_call_without_a_required_element_is_a_400_naming_it(string path)
    {
        var call = OrderSign();
        var parts = path.Split('.');
        (parts.Length == 1 ? call : call[parts[0]]!.AsObject()).Remove(parts[^1]);
        var outcome = await RunAsync(call);
        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains(parts[^1], outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_select_without_selections_and_fhirAuthorization_without_fhirServer_are_400s()
    {
        var select = OrderSign();
        select["hook"] = "order-select";
        Assert.Equal(400, (await RunAsync(select)).StatusCode);
        var call = OrderSign();
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "t" };
        Assert.Equal(400, (await RunAsync(call)).StatusCode);
    }

    [Fact]
    public async Task Without_prefetch_and_without_FHIR_access_the_answer_is_412()
    {
        var outcome = await RunAsync(OrderSign());
        Assert.Equal(412, outcome.StatusCode);
        Assert.Contains("patient", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefetch_keys_sent_as_null_mean_no_data_on_record_a_data_card_not_a_412()
    {
        var card = Assert.Single(await CardsAsync(Prefetch(OrderSign())));
        Assert.Equal(Indicator.Warning, card.Indicator);
        Assert.StartsWith("Baricitinib dose check: no usable kidney function result", card.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_missing_from_prefetch_are_fetched_from_the_FHIR_server_with_the_EHRs_token()
    {
        var fhir = new RecordingFhir(query => query.StartsWith("Patient/", StringComparison.Ordinal)
            ? new JsonObject { ["resourceType"] = "Patient", ["id"] = PatientId, ["birthDate"] = "1960-03-01", ["gender"] = "male" }
            : query.Contains("98979-8", StringComparison.Ordinal)
                ? new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray(new JsonObject { ["resource"] = Egfr(45).Item2 }) }
                : new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset" });
        var call = OrderSign();
        call["fhirServer"] = "https://ehr.example.org/fhir";
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "secret-token", ["token_type"] = "Bearer", ["subject"] = "cds" };
        var cards = await CardsAsync(call, Service(fetcher: fhir));
        Assert.Contains("egfr=45", cards[0].Links![0].Url, StringComparison.Ordinal);
        Assert.Equal(PrefetchKeys.All.Count + 2, fhir.Calls.Count); // and the active medications and conditions
        Assert.Contains(fhir.Calls, c => c.Query == "MedicationRequest?patient=1288992&status=active");
        Assert.Contains(fhir.Calls, c => c.Query == "Condition?patient=1288992&clinical-status=active");
        Assert.All(fhir.Calls, c => Assert.Equal("secret-token", c.Token));
        Assert.Contains(fhir.Calls, c => c.Query == "Patient/1288992");
        Assert.Contains(fhir.Calls, c => c.Query.StartsWith("Observation?patient=1288992&code=http://loinc.org|98979-8,", StringComparison.Ordinal) && c.Query.EndsWith("&_sort=-date&_count=1", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-token", cards[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FHIR_server_slower_than_the_time_allowed_gives_412_within_that_time()
    {
        var options = Options();
        options.FhirTimeoutMilliseconds = 200;
        var fhir = new RecordingFhir(_ => new JsonObject { ["resourceType"] = "Bundle" }, TimeSpan.FromSeconds(30));
        var call = OrderSign();
        call["fhirServer"] = "https://ehr.example.org/fhir";
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "t" };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await RunAsync(call, Service(options, fhir));
        Assert.Equal(412, outcome.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10)); // bounded: never the 30 s the server would take
    }

    [Theory]
    [InlineData("http://ehr.example.org/fhir", null)] // a server the host does not allow (here: plain http)
    [InlineData("https://ehr.example.org/fhir", "another-patient")] // a token for another patient
    public async Task FHIR_access_that_may_not_be_used_is_not_used(string server, string? tokenPatient)
    {
        var fhir = new RecordingFhir(_ => null);
        var call = OrderSign();
        call["fhirServer"] = server;
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "t" };
        if (tokenPatient is not null)
        {
            call["fhirAuthorization"]!["patient"] = tokenPatient;
        }

        Assert.Equal(412, (await RunAsync(call, Service(fetcher: fhir))).StatusCode);
        Assert.Empty(fhir.Calls);
    }

    [Fact]
    public void Discovery_lists_one_service_id_on_both_hooks_with_every_prefetch_template()
    {
        var discovery = CdsHooksService.Discovery(Options());
        Assert.Equal(["order-sign", "order-select"], discovery.Services.Select(s => s.Hook));
        Assert.All(discovery.Services, s => Assert.Equal("baricitinib-renal-dose", s.Id));
        Assert.Equal(["patient", "egfr", "creatinine", "crcl", "weight", "height", "lymphocytes", "neutrophils", "hemoglobin", "medications", "conditions"], discovery.Services[0].Prefetch.Keys);
        Assert.Equal("MedicationRequest?patient={{context.patientId}}&status=active", discovery.Services[0].Prefetch["medications"]);
        Assert.Equal("Condition?patient={{context.patientId}}&clinical-status=active", discovery.Services[0].Prefetch["conditions"]);
        Assert.Equal("Patient/{{context.patientId}}", discovery.Services[0].Prefetch["patient"]);
        Assert.Equal("Observation?patient={{context.patientId}}&code=http://loinc.org|29463-7&_sort=-date&_count=1", discovery.Services[0].Prefetch["weight"]);
    }

    [ConformanceFact]
    public void Feedback_needs_card_outcome_and_timestamp_and_drops_the_comment()
    {
        var (items, _) = Feedback.Read(Baricitinib.Tests.Shared.CdsSamples.Json("spec-feedback-overridden-with-reason.json"));
        var item = Assert.Single(items!);
        Assert.Equal(("9368d37b-283f-44a0-93ea-547cebab93ed", "overridden", "d7ecf885"), (item.Card, item.Outcome, item.OverrideReasonCode));
        Assert.DoesNotContain("comment", System.Text.Json.JsonSerializer.Serialize(item), StringComparison.OrdinalIgnoreCase);
        Assert.Null(Feedback.Read(JsonNode.Parse("""{"feedback":[{"card":"x","outcome":"maybe","outcomeTimestamp":"2020-01-01T00:00:00Z"}]}""")).Items);
    }
}
