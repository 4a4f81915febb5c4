using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Baricitinib.Web.Hosting;

/// <summary><c>Shutdown</c>: how a stopping instance leaves the load balancer.</summary>
public sealed class ShutdownSettings
{
    /// <summary>Seconds between the stop signal and closing the listeners, during which readiness answers 503 and
    /// requests are still served, so the load balancer stops sending new users first (default 5; 0 in Development).</summary>
    public int DrainSeconds { get; set; } = 5;
}

/// <summary>Whether this instance is on its way out.</summary>
public sealed class DrainState
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void Begin() => _draining = true;
}

/// <summary>
/// On SIGTERM: readiness fails at once (<see cref="DrainCheck"/>), the instance keeps serving for
/// <see cref="ShutdownSettings.DrainSeconds"/>, then Kestrel stops taking connections and finishes the open requests.
/// Open circuits end with the process; their pages reconnect through the balancer to another instance.
/// </summary>
public sealed partial class DrainOnShutdown(DrainState state, Microsoft.Extensions.Options.IOptions<ShutdownSettings> settings,
    ILogger<DrainOnShutdown> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.Begin();
        var drain = TimeSpan.FromSeconds(settings.Value.DrainSeconds);
        LogDraining(logger, settings.Value.DrainSeconds);
        if (drain > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(drain, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout ran out first: stop now.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1201, EventName = "Draining", Level = LogLevel.Information,
        Message = "Stopping: readiness now fails; serving {DrainSeconds} s more so the load balancer drains this instance")]
    private static partial void LogDraining(ILogger logger, int drainSeconds);
}

/// <summary>Readiness fails once shutdown has begun.</summary>
public sealed class DrainCheck(DrainState state) : IHealthCheck
{
    /// <summary>The check's name in readiness.</summary>
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDraining
            ? HealthCheckResult.Unhealthy("Shutting down: draining.")
            : HealthCheckResult.Healthy("Taking traffic."));
}
