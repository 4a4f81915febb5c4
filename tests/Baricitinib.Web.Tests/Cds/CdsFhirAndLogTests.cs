using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Baricitinib.CdsHooks;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Baricitinib.Web.Tests.Logging;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.Web.Tests.Cds;

/// <summary>What the prefetch lacks is fetched from the EHR's FHIR server over HTTP with its token; neither the token
/// nor the record's values reach the logs at the default level.</summary>
[Collection(nameof(LoggingTests))]
public class CdsFhirAndLogTests
{
    private sealed class FakeFhirServer : HttpMessageHandler
    {
        public List<(string Url, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.RequestUri!.ToString(), request.Headers.Authorization?.ToString()));
            }

            var path = request.RequestUri!.PathAndQuery;
            JsonNode body = path.Contains("/Patient/", StringComparison.Ordinal)
                ? new JsonObject { ["resourceType"] = "Patient", ["id"] = PatientId, ["birthDate"] = "1961-05-05", ["gender"] = "female" }
                : new JsonObject
                {
                    ["resourceType"] = "Bundle",
                    ["type"] = "searchset",
                    ["entry"] = path.Contains("98979-8", StringComparison.Ordinal)
                        ? new JsonArray(new JsonObject { ["resource"] = Observation("98979-8", 43.7m, "mL/min/{1.73_m2}", DaysAgo(1)) })
                        : new JsonArray(),
                };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/fhir+json") });
        }
    }


    private sealed class FhirFactory(FakeFhirServer fhir, LogCapture capture) : CdsFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ILogEventSink>(capture);
                services.AddHttpClient<IFhirFetcher, HttpFhirFetcher>().ConfigurePrimaryHttpMessageHandler(() => fhir);
            });
        }
    }

    [Fact]
    public async Task Missing_prefetch_is_fetched_with_the_EHRs_token_and_neither_token_nor_values_are_logged()
    {
        var fhir = new FakeFhirServer();
        var capture = new LogCapture();
        using var factory = new FhirFactory(fhir, capture);
        var call = OrderSign(doseMg: 2);
        call["fhirServer"] = "https://ehr.test/fhir";
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "very-secret-fhir-token", ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "cds" };

        var (status, body) = await CdsHooksEndpointTests.PostAsync(factory.CreateClient(), "/cds-services/baricitinib-renal-dose", call.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("egfr=43.7", body!["cards"]![0]!["links"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(11, fhir.Requests.Count); // the nine observation and patient keys, the active medications and conditions
        Assert.All(fhir.Requests, r => Assert.Equal("Bearer very-secret-fhir-token", r.Authorization));
        Assert.Contains(fhir.Requests, r => r.Url == "https://ehr.test/fhir/Patient/1288992");

        var logged = string.Join("\n", capture.Snapshot().Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Select(p => p.Value.ToString()))));

        Assert.Contains("CDS card", logged, StringComparison.Ordinal); // the audit events are there
        Assert.DoesNotContain("very-secret-fhir-token", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("43.7", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("1961-05-05", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("98979-8", logged, StringComparison.Ordinal); // no FHIR query line either
    }

    [Theory]
    [InlineData("https://ehr.test/fhirish")] // not below the configured address
    [InlineData("https://internal.test/fhir")] // another host: never queried with the EHR's token
    [InlineData("http://ehr.test/fhir")] // plain http
    public async Task A_FHIR_server_not_configured_for_the_calling_EHR_is_never_queried_and_the_answer_is_412(string server)
    {
        var fhir = new FakeFhirServer();
        using var factory = new FhirFactory(fhir, new LogCapture());
        var call = OrderSign(doseMg: 2);
        call["fhirServer"] = server;
        call["fhirAuthorization"] = new JsonObject { ["access_token"] = "token", ["token_type"] = "Bearer", ["subject"] = "cds" };
        var (status, _) = await CdsHooksEndpointTests.PostAsync(factory.CreateClient(), "/cds-services/baricitinib-renal-dose", call.ToJsonString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Empty(fhir.Requests);
    }
}
