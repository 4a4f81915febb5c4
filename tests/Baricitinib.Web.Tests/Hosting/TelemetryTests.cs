using System.Diagnostics;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Application;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Baricitinib.Web.Tests.Hosting;

/// <summary>OpenTelemetry when switched on: server spans without the query string (clinical values), a calculation span
/// and counter by status, health probes not traced; off by default. Alone (listeners are process-wide: another test's
/// app would be seen too).</summary>
[Collection(nameof(TelemetryTests))]
public class TelemetryTests
{
    private sealed class TelemetryFactory(params (string Key, string Value)[] settings) : ApiFactory
    {
        public List<Activity> Spans { get; } = [];

        public List<Metric> Metrics { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telemetry:Enabled", "true");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics)));
        }
    }

    [Fact]
    public async Task Spans_carry_the_route_and_the_outcome_but_never_the_clinical_values_of_the_query_string()
    {
        using var factory = new TelemetryFactory();
        var client = factory.CreateClient();
        (await client.GetAsync("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57&egfr=43.7&jurisdiction=us")).EnsureSuccessStatusCode();
        (await client.GetAsync("/healthz/ready")).EnsureSuccessStatusCode();
        await WaitForAsync(() => factory.Spans.Any(s => s.Kind == ActivityKind.Server));

        var server = Assert.Single(factory.Spans, s => s.Kind == ActivityKind.Server);
        Assert.All(factory.Spans, s => Assert.Equal(server.TraceId, s.TraceId));
        Assert.Equal("/api/v1/dose", server.GetTagItem("url.path"));
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        var calculation = Assert.Single(factory.Spans, s => s.OperationName == "baricitinib.calculate");
        Assert.Equal("dose", calculation.GetTagItem("baricitinib.status"));
        Assert.Equal("api", calculation.GetTagItem("baricitinib.channel"));
        var everything = string.Join(" ", factory.Spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")).Append(server.DisplayName));
        Assert.DoesNotContain("43.7", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("egfr", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("57", everything.Replace(server.TraceId.ToString(), "", StringComparison.Ordinal)
            .Replace(server.SpanId.ToString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Spans, s => (s.GetTagItem("url.path") as string)?.StartsWith("/healthz", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Calculations_are_counted_by_channel_and_status_and_the_engine_time_is_recorded()
    {
        using var factory = new TelemetryFactory();
        var client = factory.CreateClient();
        (await client.GetAsync("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57&egfr=43.7")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57&egfr=20")).EnsureSuccessStatusCode();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var counted = Assert.Single(factory.Metrics, m => m.Name == "baricitinib.calculations");
        var byStatus = new Dictionary<string, long>();
        foreach (ref readonly var point in counted.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            Assert.Equal("api", tags["channel"]);
            byStatus[(string)tags["status"]!] = point.GetSumLong();
        }

        Assert.Equal(1, byStatus["dose"]);
        Assert.Equal(1, byStatus["not-recommended"]);
        Assert.Contains(factory.Metrics, m => m.Name == "baricitinib.engine.duration" && m.Unit == "s");
        Assert.Contains(factory.Metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public void Without_an_OTLP_endpoint_or_the_setting_nothing_is_collected()
    {
        using var factory = new ApiFactory();
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
        Assert.False(factory.Services.GetRequiredService<DoseMetrics>().Enabled);
    }

    /// <summary>The calculator page in bUnit, calculating with the app's own service (its meter and spans).</summary>
    private sealed class PageContext : WebTestContext
    {
        public PageContext(IServiceProvider app)
            : base(services => services.AddSingleton(app.GetRequiredService<DoseService>()))
        {
        }

        public void Open(string query)
        {
            Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/" + query);
            Render<Baricitinib.Web.Components.Calculator.CalculatorPage>();
        }
    }

    [Fact]
    public async Task A_calculation_on_the_page_is_traced_and_counted_with_the_page_channel_once_the_inputs_settle()
    {
        using var factory = new TelemetryFactory();
        using var page = new PageContext(factory.Services);
        page.Open("?indication=rheumatoid-arthritis&ageYears=57&egfr=43.7");
        await WaitForAsync(() => factory.Spans.Any(s => s.OperationName == "baricitinib.calculate"), seconds: 10);

        var span = Assert.Single(factory.Spans, s => s.OperationName == "baricitinib.calculate");
        Assert.Equal("page", span.GetTagItem("baricitinib.channel"));
        Assert.Equal("dose", span.GetTagItem("baricitinib.status"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("43.7", StringComparison.Ordinal) == true);
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var counted = Assert.Single(factory.Metrics, m => m.Name == "baricitinib.calculations");
        var pageCount = 0L;
        foreach (ref readonly var point in counted.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag is { Key: "channel", Value: "page" })
                {
                    pageCount += point.GetSumLong();
                }
            }
        }

        Assert.Equal(1, pageCount);
        Assert.Contains(factory.Metrics, m => m.Name == "baricitinib.engine.duration");
    }

    [Fact]
    public void The_standard_variables_name_the_service_and_add_resource_attributes()
    {
        using var factory = new TelemetryFactory(("OTEL_SERVICE_NAME", "calculator-ward-7"), ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test,site=north"));
        var resource = factory.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("calculator-ward-7", resource["service.name"]);
        Assert.Equal("test", resource["deployment.environment"]);
        Assert.Equal("north", resource["site"]);
        Assert.Equal(Baricitinib.Dosing.Engine.RuleSet.Version, resource["service.version"]);
    }

    [Fact]
    public void Without_the_standard_variables_the_service_has_its_own_name()
    {
        using var factory = new TelemetryFactory();
        var resource = factory.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(Telemetry.ServiceName, resource["service.name"]);
    }

    private static async Task WaitForAsync(Func<bool> condition, int seconds = 2)
    {
        for (var i = 0; i < seconds * 50 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryGroup;
