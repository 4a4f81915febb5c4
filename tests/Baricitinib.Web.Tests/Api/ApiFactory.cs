using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baricitinib.Web.Tests.Api;

/// <summary>The real app in memory, in the Production environment, quiet logs, and a rate limit the test chooses.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public int PermitsPerMinute { get; init; } = 1_000_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Shutdown:DrainSeconds", "0");
        builder.UseSetting("RateLimiting:PermitsPerMinute", PermitsPerMinute.ToString(CultureInfo.InvariantCulture));
        // No request to DailyMed from the tests: the label watch is off unless a test turns it on with its own stub.
        builder.UseSetting("LabelWatch:Enabled", "false");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingEndpointFilter>());
    }

    /// <summary>Adds <c>/api/v1/test-failure</c> and <c>/test-page-failure</c>, which throw, to prove an unexpected error never leaks a stack trace.</summary>
    private sealed class FailingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/api/v1/test-failure", failing => failing.Run(_ => throw new InvalidOperationException("secret internal detail")));
            app.Map("/test-page-failure", failing => failing.Run(_ => throw new InvalidOperationException("secret internal detail")));
        };
    }
}

/// <summary>One app for a test class.</summary>
public sealed class SharedApiFactory : ApiFactory;
