using System.Net;

namespace Baricitinib.Web.Tests.Api;

/// <summary>The built-in rate limiter on API routes only, per client address, with the limit from configuration.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task Past_the_configured_limit_the_API_answers_429_and_the_page_still_answers()
    {
        using var factory = new ApiFactory { PermitsPerMinute = 3 };
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sources")).StatusCode);
        }

        var limited = await client.GetAsync("/api/v1/dose?indication=covid-19&ageYears=60&egfr=45");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?indication=covid-19&ageYears=60&egfr=45")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private sealed class LimiterOffFactory : ApiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:PermitsPerMinute", "2");
            builder.UseSetting("RateLimiting:Enabled", "false");
        }
    }

    [Fact]
    public async Task With_the_limiter_turned_off_the_limit_is_not_applied()
    {
        using var factory = new LimiterOffFactory();
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sources")).StatusCode);
        }
    }
}
