using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Baricitinib.Web.Hosting;

/// <summary><c>Redis</c>: the shared store of a deployment with more than one instance.</summary>
public sealed class RedisSettings
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>). Empty (the default):
    /// one instance, key ring and cache in this process.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key this app writes (default <c>baricitinib:</c>).</summary>
    public string KeyPrefix { get; set; } = "baricitinib:";

    /// <summary>How often each instance reads the key ring again from Redis (default 5 minutes), so a key another
    /// instance added is known everywhere within that time.</summary>
    public TimeSpan KeyRingReload { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// What instances share. With <c>Redis:Configuration</c> set: the Data Protection key ring (antiforgery tokens,
/// prerendered component state, persisted circuits) and <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>
/// live in Redis under one fixed application name, the key ring is read again every <see cref="RedisSettings.KeyRingReload"/>,
/// and readiness pings Redis (degraded, never unhealthy: nothing on the path of a calculation needs it). An instance
/// that cannot reach Redis at start does not start: a private key ring would break failover silently. While Redis is
/// down later, commands fail at once (no backlog) and the instance serves with the key ring it has loaded. Without
/// Redis: one instance, nothing shared.
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
        services.TryAddSingleton(TimeProvider.System);
        KeyRingReload.Add(services, settings.KeyRingReload);
        services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
            cache.InstanceName = settings.KeyPrefix + "cache:";
        });
        services.AddSingleton<RedisCheck>();
        services.AddHealthChecks().AddCheck<RedisCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [HealthTags.Ready]);
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
        // While Redis is down a command fails at once instead of waiting in a backlog for the reconnect: the replay
        // check falls back to memory and readiness answers within its bound.
        options.BacklogPolicy = BacklogPolicy.FailFast;
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

/// <summary>
/// Redis in readiness: healthy when it answers a ping, <em>degraded</em> (never unhealthy) when it does not, so the
/// instance stays behind the balancer. The answer comes within <see cref="Bound"/> whatever Redis does (a stopped
/// server, a hung one) and is kept <see cref="CacheFor"/>, so HAProxy's checks every second cost one ping at most.
/// </summary>
public sealed class RedisCheck : IHealthCheck
{
    /// <summary>The longest a ping is waited for.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(400);

    /// <summary>How long one answer is reused.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly Func<CancellationToken, Task<TimeSpan>> _ping;
    private readonly TimeProvider _time;
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public RedisCheck(IConnectionMultiplexer redis, TimeProvider time)
        : this(_ => redis.GetDatabase().PingAsync(), time)
    {
    }

    /// <summary>With any ping (tests).</summary>
    internal RedisCheck(Func<CancellationToken, Task<TimeSpan>> ping, TimeProvider time)
    {
        _ping = ping;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_last is { } last && now - last.At < CacheFor)
        {
            return last.Result;
        }

        HealthCheckResult result;
        try
        {
            var latency = await _ping(cancellationToken).WaitAsync(Bound, _time, cancellationToken);
            result = HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:0} ms).");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            result = HealthCheckResult.Degraded(
                "Redis does not answer: serving with the key ring already loaded; CDS Hooks replay checks are per instance.");
        }

        _last = (result, now);
        return result;
    }
}

/// <summary>
/// Reads the key ring again on a schedule. Data Protection keeps the ring it loaded until a key of its own changes or
/// a day passes, so a key written by another instance (after a Redis restart without persistence, or a rotation)
/// would stay unknown here and its cookies unreadable. This key manager is the framework's own with one change: its
/// cache-expiration token also expires every <c>Redis:KeyRingReload</c>. A reload that fails while Redis is down keeps
/// the ring already loaded (the framework's behaviour) and is tried again.
/// </summary>
internal sealed class KeyRingReload(IKeyManager inner, TimeSpan every, TimeProvider time) : IKeyManager, IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _current;
    private CancellationTokenRegistration _link;
    private CancellationToken _innerToken;

    public static void Add(IServiceCollection services, TimeSpan every)
    {
        services.AddSingleton<IKeyManager>(provider => new KeyRingReload(
            ActivatorUtilities.CreateInstance<XmlKeyManager>(provider), every, provider.GetRequiredService<TimeProvider>()));
    }

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => inner.CreateNewKey(activationDate, expirationDate);

    public IReadOnlyCollection<IKey> GetAllKeys() => inner.GetAllKeys();

    /// <summary>Expires when the framework's token does (a key of this instance changed) or <c>every</c> after it was
    /// handed out, whichever comes first.</summary>
    public CancellationToken GetCacheExpirationToken()
    {
        var innerToken = inner.GetCacheExpirationToken();
        lock (_gate)
        {
            if (_current is { IsCancellationRequested: false } current && innerToken == _innerToken)
            {
                return current.Token;
            }

            _link.Dispose();
            _current?.Dispose();
            _current = new CancellationTokenSource(every, time);
            _innerToken = innerToken;
            _link = innerToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _current);
            return _current.Token;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _link.Dispose();
            _current?.Dispose();
        }
    }

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => inner.RevokeAllKeys(revocationDate, reason);

    public void RevokeKey(Guid keyId, string? reason = null) => inner.RevokeKey(keyId, reason);
}
