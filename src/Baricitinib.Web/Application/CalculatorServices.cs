using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Components;
using Baricitinib.Web.Hosting;

namespace Baricitinib.Web.Application;

/// <summary>The calculator itself: the rules engine and the one path from text to result, and the page (Blazor
/// Interactive Server) with its deliberate circuit limits.</summary>
public static class CalculatorServices
{
    public static IServiceCollection AddCalculator(this IServiceCollection services)
    {
        services.AddSingleton(SourceRegistry.Default);
        services.AddSingleton(provider => new DosingCalculator(provider.GetRequiredService<SourceRegistry>()));
        services.AddSingleton<DoseService>();
        services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            // Deliberate, documented in docs/operations.md: a dropped connection keeps its circuit 3 minutes for the
            // reconnect; at most 100 disconnected circuits are kept; a browser call that takes over 30 s fails.
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            circuits.DisconnectedCircuitMaxRetained = 100;
            circuits.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            circuits.DetailedErrors = false;
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>The page and its static files.</summary>
    public static WebApplication MapCalculator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowHead();
        return app;
    }
}
