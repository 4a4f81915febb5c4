using System.Net;
using System.Text.Json;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace Baricitinib.Web.Tests.Hosting;

/// <summary>One instance without Redis: nothing shared, one fixed application name; readiness fails once shutdown begins.</summary>
public class ScaleOutTests
{
    [Fact]
    public void Without_Redis_the_cache_is_in_memory_and_the_key_ring_has_the_fixed_application_name()
    {
        using var factory = new ApiFactory();
        var services = factory.Services;
        Assert.IsType<Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache>(services.GetRequiredService<IDistributedCache>());
        Assert.Equal(ScaleOut.ApplicationName, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        Assert.Null(services.GetService<StackExchange.Redis.IConnectionMultiplexer>());
    }

    [Fact]
    public async Task Once_shutdown_begins_readiness_answers_503_naming_it_and_liveness_still_answers_200()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        factory.Services.GetRequiredService<DrainState>().Begin();

        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Contains(report.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetString() == "shutdown: Shutting down: draining.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sources")).StatusCode); // still serving while draining
    }

    [Fact]
    public async Task Stopping_waits_the_drain_period_with_readiness_failing()
    {
        var state = new DrainState();
        var settings = Microsoft.Extensions.Options.Options.Create(new ShutdownSettings { DrainSeconds = 1 });
        var drain = new DrainOnShutdown(state, settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<DrainOnShutdown>.Instance);
        var stopping = drain.StoppingAsync(CancellationToken.None);
        Assert.True(state.IsDraining);
        Assert.False(stopping.IsCompleted); // still serving
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
