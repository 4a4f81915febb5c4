using System.Diagnostics;
using System.Diagnostics.Metrics;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Baricitinib.Web.Application;

namespace Baricitinib.Web.Hosting;

/// <summary><c>Telemetry</c>: OpenTelemetry traces and metrics.</summary>
public sealed class TelemetrySettings
{
    /// <summary>Collect traces and metrics even with no OTLP endpoint (tests, a local collector added in code). Setting
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns collection and the OTLP exporter on.</summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// OpenTelemetry, off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>Telemetry:Enabled</c>) is set: ASP.NET Core,
/// HttpClient and runtime instrumentation plus this app's calculations (<see cref="DoseMetrics"/>). Health probes are
/// not traced. Query strings carry clinical values (<c>GET /api/v1/dose?egfr=…</c>) and FHIR ids, so they never reach
/// a span.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "baricitinib-calculator";

    /// <summary>The meter and activity source of this app.</summary>
    public const string SourceName = "Baricitinib.Web";

    public static readonly ActivitySource Activities = new(SourceName, RuleSet.Version);

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DoseMetrics>();
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var settings = ServerSettings.Read<TelemetrySettings>(configuration, "Telemetry");
        if (string.IsNullOrWhiteSpace(otlp) && !settings.Enabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            // Our defaults first, then the standard variables (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES), which win.
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: RuleSet.Version).AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet =>
                {
                    aspNet.Filter = context => !context.Request.Path.StartsWithSegments("/healthz");
                    aspNet.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    aspNet.RecordException = false;
                })
                .AddHttpClientInstrumentation(http =>
                {
                    http.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri)
                        {
                            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                        }
                    };
                    http.RecordException = false;
                })
                .AddSource(SourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourceName));
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.UseOtlpExporter();
            services.AddHostedService<OtlpReachability>();
        }

        return services;
    }
}

/// <summary>Calculations by channel and status, the engine's time per calculation, and the calculator page's render
/// passes and calculations (one of each per input change: benchmarks/Baricitinib.PageLatency reads them).</summary>
public sealed class DoseMetrics
{
    private readonly Counter<long> _calculations;
    private readonly Histogram<double> _engineTime;
    private readonly Counter<long> _pageRenders;
    private readonly Counter<long> _pageCalculations;

    public DoseMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Telemetry.SourceName, RuleSet.Version);
        _calculations = meter.CreateCounter<long>("baricitinib.calculations", "{calculation}",
            "Dose calculations by channel (api, page, cds-hooks) and outcome status");
        _engineTime = meter.CreateHistogram<double>("baricitinib.engine.duration", "s",
            "Time the rules engine took for one calculation (validation included, parsing not)");
        _pageRenders = meter.CreateCounter<long>("baricitinib.page.renders", "{render}",
            "Render passes of the calculator page");
        _pageCalculations = meter.CreateCounter<long>("baricitinib.page.calculations", "{calculation}",
            "Parse, validate and calculate passes of the calculator page (logged or not)");
    }

    /// <summary>One render pass of the calculator page.</summary>
    public void PageRendered() => _pageRenders.Add(1);

    /// <summary>One parse, validate and calculate pass of the calculator page.</summary>
    public void PageCalculated() => _pageCalculations.Add(1);

    /// <summary>Whether anyone listens: callers skip the clock when not.</summary>
    public bool Enabled => _calculations.Enabled || _engineTime.Enabled;

    public void Record(string channel, OutcomeStatus status, TimeSpan engineTime)
    {
        var channelTag = new KeyValuePair<string, object?>("channel", channel);
        var statusTag = new KeyValuePair<string, object?>("status", WireNames.Of(status));
        _calculations.Add(1, channelTag, statusTag);
        _engineTime.Record(engineTime.TotalSeconds, channelTag, statusTag);
    }
}

/// <summary>At start, says once (Warning) when nothing answers at the OTLP endpoint: the app runs, and its telemetry is
/// dropped until a collector listens there. Only the host and port are logged.</summary>
public sealed partial class OtlpReachability(IConfiguration configuration, ILogger<OtlpReachability> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var endpoint))
        {
            return; // refused at start (StartChecks)
        }

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            LogUnreachable(logger, endpoint.Host, endpoint.Port);
        }
    }

    [LoggerMessage(EventId = 1401, EventName = "OtlpUnreachable", Level = LogLevel.Warning,
        Message = "Nothing answers at the OTLP endpoint ({Host}:{Port}, OTEL_EXPORTER_OTLP_ENDPOINT): telemetry is dropped until a collector listens there")]
    private static partial void LogUnreachable(ILogger logger, string host, int port);
}
