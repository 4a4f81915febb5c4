using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Logging;
using Baricitinib.Web.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baricitinib.Web.Tests;

/// <summary>A bUnit context with the app's services, rendering as the live interactive circuit does.</summary>
public abstract class WebTestContext : BunitContext
{
    protected WebTestContext()
        : this(null)
    {
    }

    /// <summary>With services of the test's own (added last, so they replace the defaults).</summary>
    protected WebTestContext(Action<IServiceCollection>? services)
    {
        Services.AddSingleton(SourceRegistry.Default);
        Services.AddSingleton<DosingCalculator>(_ => new DosingCalculator(SourceRegistry.Default));
        Services.AddSingleton<ILogger<Calculations>>(NullLogger<Calculations>.Instance);
        Services.AddMetrics();
        Services.AddSingleton<DoseMetrics>();
        Services.AddSingleton<DoseService>();
        // The label watch, never started here: every watched document is "unknown" unless a test says otherwise.
        Services.AddLogging();
        Services.AddHttpClient();
        Services.AddDistributedMemoryCache();
        Services.AddSingleton(TimeProvider.System);
        Services.AddOptions<Baricitinib.Web.LabelCurrency.LabelWatchSettings>();
        Services.AddSingleton<Baricitinib.Web.LabelCurrency.LabelWatch>();
        services?.Invoke(Services);
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected static DosingResult Calculate(string query)
    {
        var parsed = Baricitinib.Dosing.Input.DosingRequestParser.ParseQuery(query, Baricitinib.Dosing.Input.InputMode.Api);
        return new DosingCalculator().Calculate(parsed.Request).Result ?? throw new InvalidOperationException("invalid test request " + query);
    }
}
