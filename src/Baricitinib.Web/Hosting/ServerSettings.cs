using System.Net;
using Microsoft.Extensions.Options;

namespace Baricitinib.Web.Hosting;

/// <summary><c>RateLimiting</c>: API requests per client address.</summary>
public sealed class RateLimitingSettings
{
    /// <summary>API requests a minute from one client address (default 600).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>False turns the limit off (for measuring its cost; default true).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary><c>Circuits</c>: live connections of the calculator page.</summary>
public sealed class CircuitSettings
{
    /// <summary>Live circuits one client address may hold (default 200); beyond it the page says the server is busy.</summary>
    public int MaxPerClient { get; set; } = 200;
}

/// <summary><c>ForwardedHeaders</c>: proxies (the load balancer) whose X-Forwarded-For/-Proto are believed.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>IP addresses of trusted proxies (none by default: the TCP peer is the client).</summary>
    public IList<string> KnownProxies { get; } = [];
}

/// <summary><c>Hsts</c>: Strict-Transport-Security under HTTPS outside Development.</summary>
public sealed class HstsSettings
{
    /// <summary>max-age in days (default 365).</summary>
    public int MaxAgeDays { get; set; } = 365;

    /// <summary>includeSubDomains (default true).</summary>
    public bool IncludeSubDomains { get; set; } = true;
}

/// <summary>Binds and validates every setting at start: a bad value stops the app with a message naming the key.</summary>
public static class ServerSettings
{
    public static IServiceCollection AddServerSettings(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingSettings>().BindConfiguration("RateLimiting")
            .Validate(s => s.PermitsPerMinute is >= 1 and <= 1_000_000, "RateLimiting:PermitsPerMinute must be a whole number from 1 to 1000000.")
            .ValidateOnStart();
        services.AddOptions<CircuitSettings>().BindConfiguration("Circuits")
            .Validate(s => s.MaxPerClient is >= 1 and <= 100_000, "Circuits:MaxPerClient must be a whole number from 1 to 100000.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration("ForwardedHeaders")
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must list IP addresses only.")
            .ValidateOnStart();
        services.AddOptions<HstsSettings>().BindConfiguration("Hsts")
            .Validate(s => s.MaxAgeDays is >= 0 and <= 3650, "Hsts:MaxAgeDays must be a whole number from 0 to 3650.")
            .ValidateOnStart();
        services.AddOptions<ShutdownSettings>().BindConfiguration("Shutdown")
            .Validate(s => s.DrainSeconds is >= 0 and <= 300, "Shutdown:DrainSeconds must be a whole number from 0 to 300.")
            .ValidateOnStart();
        services.AddOptions<TelemetrySettings>().BindConfiguration("Telemetry").ValidateOnStart();
        services.AddOptions<RedisSettings>().BindConfiguration("Redis")
            .Validate(s => !string.IsNullOrWhiteSpace(s.KeyPrefix), "Redis:KeyPrefix must not be empty.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Reads a section for use while the app is being built (validated again at start by the options above).</summary>
    public static T Read<T>(IConfiguration configuration, string section) where T : new()
    {
        var settings = new T();
        try
        {
            configuration.GetSection(section).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(section, typeof(T), [$"{section}: {ex.Message}"]);
        }

        return settings;
    }
}
