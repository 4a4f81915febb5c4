using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Baricitinib.Web.Infrastructure;

/// <summary><c>Redis</c>: the shared store of a deployment with more than one instance.</summary>
public sealed class RedisSettings
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>). Empty (the default):
    /// one instance, key ring and cache in this process.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key this app writes (default <c>baricitinib:</c>).</summary>
    public string KeyPrefix { get; set; } = "baricitinib:";
}

/// <summary>
/// What instances share. With <c>Redis:Configuration</c> set: the Data Protection key ring (antiforgery tokens,
/// prerendered component state, persisted circuits) and <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>
/// live in Redis under one fixed application name, and readiness pings Redis. An instance that cannot reach Redis at
/// start does not start: a private key ring would break failover silently. Without it: one instance, nothing shared.
/// </summary>
public static class ScaleOut
{
    /// <summary>The Data Protection application name: the same on every instance whatever its content root.</summary>
    public const string ApplicationName = "baricitinib-calculator";

    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ServerSettings.Read<RedisSettings>(configuration, "Redis");
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (string.IsNullOrWhiteSpace(settings.Configuration))
        {
            services.AddDistributedMemoryCache();
            return services;
        }

        var redis = Connect(settings.Configuration);
        services.AddSingleton<IConnectionMultiplexer>(redis);
        dataProtection.PersistKeysToStackExchangeRedis(redis, settings.KeyPrefix + "dataprotection-keys");
        services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
            cache.InstanceName = settings.KeyPrefix + "cache:";
        });
        services.AddHealthChecks().AddCheck<RedisCheck>("redis", tags: [HealthTags.Ready]);
        return services;
    }

    private static ConnectionMultiplexer Connect(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException("Redis", typeof(RedisSettings), [$"Redis:Configuration is not a valid Redis configuration string: {ex.Message}"]);
        }

        options.AbortOnConnectFail = true;
        options.ClientName ??= ApplicationName;
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException ex)
        {
            throw new OptionsValidationException("Redis", typeof(RedisSettings),
                [$"Redis:Configuration names a Redis server this instance cannot reach ({string.Join(", ", options.EndPoints)}); it does not start without the shared key ring. {ex.Message}"]);
        }
    }
}

/// <summary>Readiness fails while Redis does not answer a ping (the key ring and the shared cache live there).</summary>
public sealed class RedisCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:0} ms).");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.");
        }
    }
}
