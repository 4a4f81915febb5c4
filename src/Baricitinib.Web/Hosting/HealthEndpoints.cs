using Baricitinib.Dosing.Engine;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Baricitinib.Web.Hosting;

/// <summary>Health check tags.</summary>
public static class HealthTags
{
    /// <summary>Checks that must pass before the instance takes traffic.</summary>
    public const string Ready = "ready";

    /// <summary>Checks whose failure is a state the app expects and reports elsewhere (draining at shutdown; a label
    /// revision, logged once by the label watch), not an error: their changes are logged at Information.</summary>
    public const string ExpectedState = "expected-state";
}

/// <summary>
/// <c>/healthz</c> and <c>/healthz/ready</c> run every readiness check (rule set, static files);
/// <c>/healthz/live</c> only says the process answers. GET and HEAD only.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = (context, report) =>
            {
                context.RequestServices.GetRequiredService<HealthTransitions>().Observe(report);
                return context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    ruleSetVersion = RuleSet.Version,
                    problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}").ToArray(),
                });
            },
        };
        app.MapHealthChecks("/healthz", ready).GetAndHeadOnly();
        app.MapHealthChecks("/healthz/ready", ready).GetAndHeadOnly();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() }),
        }).GetAndHeadOnly();
        return app;
    }

    private static IEndpointConventionBuilder GetAndHeadOnly(this IEndpointConventionBuilder builder) =>
        builder.WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));

    /// <summary>Every GET endpoint of the builder answers HEAD too (headers, no body: Kestrel drops the body).</summary>
    public static TBuilder AllowHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods;
            if (methods is not null && methods.Contains(HttpMethods.Get) && !methods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods, HttpMethods.Head]));
            }
        });
        return builder;
    }
}

/// <summary>
/// Readiness fails when the app's own static files are missing or empty (a publish without <c>wwwroot</c>): the
/// page would never become interactive.
/// </summary>
public sealed partial class StaticFilesCheck(IWebHostEnvironment environment, ILogger<StaticFilesCheck> logger) : IHealthCheck
{
    private static readonly string[] Required = ["app.css", "app.js"];

    /// <summary>The required files that are missing or empty.</summary>
    public IReadOnlyList<string> Missing() =>
        [.. Required.Where(f => environment.WebRootFileProvider.GetFileInfo(f) is not { Exists: true, Length: > 0 })];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = Missing();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("Static files present.")
            : HealthCheckResult.Unhealthy($"Static files missing or empty in wwwroot: {string.Join(", ", missing)}."));
    }

    /// <summary>Logs once at start what is missing, so the operator sees it without polling the probe.</summary>
    public void LogWhenMissing()
    {
        if (Missing() is { Count: > 0 } missing)
        {
            LogMissing(logger, string.Join(", ", missing), environment.WebRootPath ?? "(none)");
        }
    }

    [LoggerMessage(EventId = 1102, EventName = "StaticFilesMissing", Level = LogLevel.Error,
        Message = "Static files missing or empty: {Files} under {WebRoot}. The page cannot become interactive; readiness fails until they are published.")]
    private static partial void LogMissing(ILogger logger, string files, string webRoot);
}

/// <summary>Readiness fails when the rule set or its conflict matrix does not load.</summary>
public sealed class RuleSetCheck(SourceRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.Sources.Count > 0 && registry.Matrix.Count > 0
            ? HealthCheckResult.Healthy($"Rule set {RuleSet.Version}")
            : HealthCheckResult.Unhealthy("The rule set did not load."));
}

/// <summary>
/// One log line per change of a readiness check's status, instead of one per probe (HAProxy probes every second;
/// the framework's per-probe lines are turned off in appsettings.json): back to healthy, and any change of a check
/// tagged <see cref="HealthTags.ExpectedState"/> (draining, a label revision), at Information; degraded at Warning;
/// any other failure at Error.
/// </summary>
public sealed partial class HealthTransitions(ILogger<HealthTransitions> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HealthStatus> _last = new(StringComparer.Ordinal);

    public void Observe(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (name, entry) in report.Entries)
        {
            var before = _last.GetValueOrDefault(name, HealthStatus.Healthy);
            if (before == entry.Status)
            {
                continue;
            }

            _last[name] = entry.Status;
            var level = entry.Status switch
            {
                HealthStatus.Healthy => LogLevel.Information,
                HealthStatus.Degraded or HealthStatus.Unhealthy when entry.Tags.Contains(HealthTags.ExpectedState) => LogLevel.Information,
                HealthStatus.Degraded => LogLevel.Warning,
                HealthStatus.Unhealthy => LogLevel.Error,
            };
            LogChanged(logger, level, name, entry.Status, entry.Description ?? "");
        }
    }

    [LoggerMessage(EventId = 1103, EventName = "HealthChanged", Message = "Readiness check {Check} is now {Status}: {Description}")]
    private static partial void LogChanged(ILogger logger, LogLevel level, string check, HealthStatus status, string description);
}
