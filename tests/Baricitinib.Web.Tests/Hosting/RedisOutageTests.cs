using System.Net;
using System.Text.Json;
using Baricitinib.Web.Cds;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Baricitinib.Web.Tests.Logging;

namespace Baricitinib.Web.Tests.Hosting;

/// <summary>Redis is not on the path of a calculation: while it is down readiness is degraded (not failing) and
/// answers within its bound, and the CDS Hooks replay check falls back to this instance's memory, saying so once.</summary>
public class RedisOutageTests
{
    private static readonly HealthCheckContext Context = new()
    {
        Registration = new HealthCheckRegistration("redis", _ => null!, HealthStatus.Degraded, null),
    };

    [Fact]
    public async Task A_Redis_that_hangs_makes_readiness_degraded_within_the_bound_not_unhealthy()
    {
        var time = new FakeTimeProvider();
        var hung = new TaskCompletionSource<TimeSpan>();
        var check = new RedisCheck(_ => hung.Task, time);

        var checking = check.CheckHealthAsync(Context);
        Assert.False(checking.IsCompleted);
        time.Advance(RedisCheck.Bound);
        var result = await checking.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("key ring already loaded", result.Description, StringComparison.Ordinal);
        Assert.True(RedisCheck.Bound <= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_Redis_that_refuses_makes_readiness_degraded_and_the_answer_is_reused_for_two_seconds()
    {
        var time = new FakeTimeProvider();
        var pings = 0;
        var up = false;
        var check = new RedisCheck(_ =>
        {
            pings++;
            return up ? Task.FromResult(TimeSpan.FromMilliseconds(1))
                : Task.FromException<TimeSpan>(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down"));
        }, time);

        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(Context)).Status);
        up = true;
        time.Advance(RedisCheck.CacheFor - TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(Context)).Status); // reused
        Assert.Equal(1, pings);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context)).Status);
        Assert.Equal(2, pings);
    }

    private sealed class DegradedFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddHealthChecks().AddCheck("redis",
                () => HealthCheckResult.Degraded("Redis does not answer."), tags: [HealthTags.Ready]));
        }
    }

    [Fact]
    public async Task While_a_readiness_check_is_degraded_readiness_answers_200_and_names_it_and_the_API_serves()
    {
        using var factory = new DegradedFactory();
        var client = factory.CreateClient();
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Contains(report.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetString() == "redis: Redis does not answer.");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57&egfr=43.7")).StatusCode);
    }

    private sealed class SwitchableCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));

        public bool Down { get; set; }

        private void Fail()
        {
            if (Down)
            {
                throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "No connection is active/available to service this operation");
            }
        }

        public byte[]? Get(string key) => throw new NotSupportedException();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            Fail();
            return _inner.GetAsync(key, token);
        }

        public void Refresh(string key) => throw new NotSupportedException();

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new NotSupportedException();

        public void Remove(string key) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new NotSupportedException();

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Fail();
            return _inner.SetAsync(key, value, options, token);
        }
    }

    [Fact]
    public async Task While_the_shared_cache_is_down_a_replayed_token_is_still_refused_by_the_instance_that_saw_it_and_one_warning_says_so()
    {
        var cache = new SwitchableCache { Down = true };
        var log = new ListLogger<ReplayGuard>();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow); // the memory cache standing in for Redis reads the real clock
        var guard = new ReplayGuard(cache, time, log);
        var expires = time.GetUtcNow().AddMinutes(5);

        Assert.True(await guard.FirstUseAsync("cds-jti:a", expires));
        Assert.False(await guard.FirstUseAsync("cds-jti:a", expires));
        Assert.True(await guard.FirstUseAsync("cds-jti:b", expires));
        Assert.True(guard.SharedDown);
        var warning = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("this instance's memory only", warning.Text, StringComparison.Ordinal);

        cache.Down = false;
        Assert.True(await guard.FirstUseAsync("cds-jti:c", expires));
        Assert.False(guard.SharedDown);
        Assert.Equal(LogLevel.Information, log.Lines[^1].Level);
        Assert.Equal(2, log.Lines.Count);
        // Back in the shared cache: another instance (a second guard on the same cache) refuses the replay.
        Assert.False(await new ReplayGuard(cache, time, new ListLogger<ReplayGuard>()).FirstUseAsync("cds-jti:c", expires));
    }

    [Fact]
    public async Task A_token_is_forgotten_by_this_instance_once_it_has_expired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var guard = new ReplayGuard(new SwitchableCache { Down = true }, time, new ListLogger<ReplayGuard>());
        Assert.True(await guard.FirstUseAsync("cds-jti:a", time.GetUtcNow().AddMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await guard.FirstUseAsync("cds-jti:a", time.GetUtcNow().AddMinutes(1)));
    }
}
