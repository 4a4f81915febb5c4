using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baricitinib.Web.LabelCurrency;
using Baricitinib.Web.Tests.Api;
using Baricitinib.Web.Tests.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog.Events;

namespace Baricitinib.Web.Tests.LabelCurrency;

/// <summary>
/// The watch of the US prescribing information on DailyMed, against a loopback stub: a newer revision shows one line on
/// the card, in the chart note, in the API's <c>currency</c>, on <c>/sources</c> and in health (Degraded), with one
/// Warning; a failure of any kind leaves the status unknown with one Information line and changes nothing else.
/// </summary>
[Collection(nameof(LabelWatchTests))]
public class LabelWatchTests : IAsyncLifetime
{
    private const string Patient = "indication=rheumatoid-arthritis&ageYears=57&egfr=43.7";
    private DailyMedStub _stub = null!;

    public async Task InitializeAsync() => _stub = await DailyMedStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private sealed class WatchFactory(Uri baseUrl, bool enabled = true, IDistributedCache? shared = null) : ApiFactory
    {
        public LogCapture Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.UseSetting("LabelWatch:Enabled", enabled ? "true" : "false");
            builder.UseSetting("LabelWatch:DailyMedBaseUrl", baseUrl.ToString());
            builder.UseSetting("LabelWatch:TimeoutSeconds", "1");
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<Serilog.Core.ILogEventSink>(Log);
                if (shared is not null)
                {
                    services.RemoveAll<IDistributedCache>();
                    services.AddSingleton(shared);
                }
            });
        }

        public LabelWatch Watch => Services.GetRequiredService<LabelWatch>();

        /// <summary>One check, finished (the hosted service's own check at start may run beside it).</summary>
        public Task CheckAsync() => Watch.CheckAsync(CancellationToken.None);

        public List<LogEvent> Events(string name) =>
            [.. Log.Snapshot().Where(e => e.Properties.TryGetValue("EventId", out var id) && id.ToString().Contains($"\"{name}\"", StringComparison.Ordinal))];
    }

    private static async Task<JsonNode> JsonAsync(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)))!;

    [Fact]
    public async Task A_newer_revision_shows_on_the_card_the_API_the_sources_page_and_health_with_one_warning()
    {
        using var factory = new WatchFactory(_stub.Base("newer"));
        var client = factory.CreateClient();
        await factory.CheckAsync();
        await factory.CheckAsync(); // seen again: no second warning

        const string line = "The US prescribing information was revised on 3 Dec 2026, after this calculator's rules were checked (rev. 18 Sep 2026): check the current label.";
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/?" + Patient, UriKind.Relative)));
        Assert.Contains($"data-testid=\"label-currency\" data-status=\"newer-available\" role=\"note\">{line}</p>", page, StringComparison.Ordinal);
        Assert.Contains(line, page[page.IndexOf("class=\"print-only chart-summary\"", StringComparison.Ordinal)..], StringComparison.Ordinal); // the print view's note

        var result = await JsonAsync(client, "/api/v1/dose?" + Patient);
        var currency = result["documents"]!["fda-pi"]!["currency"]!;
        Assert.Equal("newer-available", currency["status"]!.GetValue<string>());
        Assert.Equal("18 Sep 2026", currency["checkedRevision"]!.GetValue<string>());
        Assert.Equal("3 Dec 2026, version 21", currency["latestRevision"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - currency["lastChecked"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
        Assert.Equal("not-watched", result["documents"]!["eu-smpc"]!["currency"]!["status"]!.GetValue<string>());

        var sources = await JsonAsync(client, "/api/v1/sources");
        var fda = sources["sources"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "fda-pi")!;
        Assert.Equal("newer-available", fda["document"]!["currency"]!["status"]!.GetValue<string>());
        var sourcesPage = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/sources", UriKind.Relative)));
        Assert.Contains("data-testid=\"label-currency-status\" data-status=\"newer-available\"", sourcesPage, StringComparison.Ordinal);
        Assert.Contains("a newer revision was published (3 Dec 2026, version 21)", sourcesPage, StringComparison.Ordinal);

        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Contains(report.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("label-currency: The US prescribing information has a newer revision", StringComparison.Ordinal));

        var warning = Assert.Single(factory.Events("LabelRevised"));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
    }

    private sealed class CdsWatchFactory(Uri baseUrl) : Cds.CdsFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("LabelWatch:Enabled", "true");
            builder.UseSetting("LabelWatch:DailyMedBaseUrl", baseUrl.ToString());
        }
    }

    [Theory]
    [InlineData("newer", true)]
    [InlineData("current", false)]
    public async Task A_CDS_Hooks_card_adds_the_line_to_its_detail_only_when_the_primary_label_is_newer(string behaviour, bool expected)
    {
        using var factory = new CdsWatchFactory(_stub.Base(behaviour));
        var client = factory.CreateClient();
        await factory.Services.GetRequiredService<LabelWatch>().CheckAsync(CancellationToken.None);
        var call = Baricitinib.Tests.Shared.CdsCalls.Prefetch(Baricitinib.Tests.Shared.CdsCalls.OrderSign(doseMg: 4), "1958-06-15", "female",
            Baricitinib.Tests.Shared.CdsCalls.Egfr(45, Baricitinib.Tests.Shared.CdsCalls.DaysAgo(2)));

        var (status, body) = await Cds.CdsHooksEndpointTests.PostAsync(client, "/cds-services/baricitinib-renal-dose", call.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var cards = body!["cards"]!.AsArray();
        Assert.NotEmpty(cards);
        const string line = "The US prescribing information was revised on 3 Dec 2026, after this calculator's rules were checked (rev. 18 Sep 2026): check the current label.";
        Assert.All(cards, c => Assert.Equal(expected, c!["detail"]!.GetValue<string>().EndsWith("\n\n" + line, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_current_revision_shows_no_line_and_reports_current()
    {
        using var factory = new WatchFactory(_stub.Base("current"));
        var client = factory.CreateClient();
        await factory.CheckAsync();

        Assert.DoesNotContain("data-testid=\"label-currency\"", await client.GetStringAsync(new Uri("/?" + Patient, UriKind.Relative)), StringComparison.Ordinal);
        var currency = (await JsonAsync(client, "/api/v1/dose?" + Patient))["documents"]!["fda-pi"]!["currency"]!;
        Assert.Equal("current", currency["status"]!.GetValue<string>());
        Assert.Equal("18 Sep 2026, version 20", currency["latestRevision"]!.GetValue<string>());
        Assert.Equal("Healthy", (await JsonAsync(client, "/healthz"))["status"]!.GetValue<string>());
        Assert.Empty(factory.Events("LabelRevised"));
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("huge")]
    [InlineData("slow")]
    [InlineData("error")]
    [InlineData("nowhere")]
    public async Task A_bad_slow_huge_failing_or_missing_answer_leaves_the_status_unknown_with_one_information_line(string behaviour)
    {
        using var factory = new WatchFactory(behaviour == "nowhere" ? DailyMedStub.Nowhere() : _stub.Base(behaviour));
        var client = factory.CreateClient();
        await factory.CheckAsync();
        await factory.CheckAsync();

        var currency = (await JsonAsync(client, "/api/v1/dose?" + Patient))["documents"]!["fda-pi"]!["currency"]!;
        Assert.Equal("unknown", currency["status"]!.GetValue<string>());
        Assert.Equal("18 Sep 2026", currency["checkedRevision"]!.GetValue<string>());
        Assert.Null(currency["latestRevision"]);
        Assert.DoesNotContain("data-testid=\"label-currency\"", await client.GetStringAsync(new Uri("/?" + Patient, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal("Healthy", (await JsonAsync(client, "/healthz"))["status"]!.GetValue<string>());
        var line = Assert.Single(factory.Events("LabelWatchUnavailable"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.DoesNotContain(factory.Log.Snapshot(), e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task With_the_watch_off_nothing_is_asked_and_every_document_is_not_watched()
    {
        using var factory = new WatchFactory(_stub.Base("newer"), enabled: false);
        var client = factory.CreateClient();
        var result = await JsonAsync(client, "/api/v1/dose?" + Patient);
        Assert.All(result["documents"]!.AsObject(), d => Assert.Equal("not-watched", d.Value!["currency"]!["status"]!.GetValue<string>()));
        await Task.Delay(300);
        Assert.Equal(0, _stub.Requests);
    }

    [Fact]
    public async Task Instances_sharing_a_cache_agree_one_that_cannot_reach_DailyMed_adopts_the_result_another_stored()
    {
        var shared = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        using var first = new WatchFactory(_stub.Base("newer"), shared: shared);
        using var second = new WatchFactory(DailyMedStub.Nowhere(), shared: shared);
        _ = first.CreateClient();
        await first.CheckAsync();
        _ = second.CreateClient();
        await second.CheckAsync();

        var document = Baricitinib.Dosing.Rules.Documents.FdaPi;
        Assert.Equal(CurrencyStatus.NewerAvailable, second.Watch.CurrencyOf(document).Status);
        Assert.Equal(first.Watch.CurrencyOf(document), second.Watch.CurrencyOf(document));
        Assert.Empty(second.Events("LabelWatchUnavailable")); // it never needed DailyMed
    }
}

[CollectionDefinition(nameof(LabelWatchTests), DisableParallelization = true)]
public sealed class LabelWatchGroup;
