using System.Net;
using Baricitinib.Web.Logging;
using Microsoft.AspNetCore.HttpOverrides;
using Serilog;

namespace Baricitinib.Web.Hosting;

/// <summary>
/// What every instance of the app needs whatever it serves (in the manner of eShop's ServiceDefaults): settings
/// validated at start, the shared store of a cluster (Redis), telemetry, Serilog, the shutdown drain, health checks,
/// trusted proxies and HSTS; and the health endpoints.
/// </summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddServerSettings();
        builder.Services.AddScaleOut(builder.Configuration);
        builder.Services.AddTelemetry(builder.Configuration);
        builder.AddLogging();
        builder.AddShutdownDrain();
        builder.Services.AddHealth();
        builder.AddProxiesAndHsts();
        return builder;
    }

    /// <summary>The health endpoints (<c>/healthz</c>, <c>/healthz/ready</c>, <c>/healthz/live</c>).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.Services.GetRequiredService<StaticFilesCheck>().LogWhenMissing();
        return app;
    }

    /// <summary>Serilog, with Serilog's own formatter and sink outside Development (decisions: Logging).</summary>
    private static void AddLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
                .Enrich.With<EscapeControlCharacters>(); // request text never forges a line or recolours a console
            if (builder.Environment.IsDevelopment())
            {
                log.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                log.WriteTo.Console(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter());
            }
        }, preserveStaticLogger: true); // every event goes to this host's logger, never to a process-wide static one
        builder.Services.CacheLoggers();
    }

    private static void AddShutdownDrain(this WebApplicationBuilder builder)
    {
        var shutdown = ServerSettings.Read<ShutdownSettings>(builder.Configuration, "Shutdown");
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.DrainSeconds + 25));
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddHostedService<DrainOnShutdown>();
    }

    private static void AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<StaticFilesCheck>();
        services.AddHealthChecks()
            .AddCheck<RuleSetCheck>("rule-set", tags: [HealthTags.Ready])
            .AddCheck<StaticFilesCheck>("static-files", tags: [HealthTags.Ready])
            .AddCheck<DrainCheck>(DrainCheck.Name, tags: [HealthTags.Ready, HealthTags.ExpectedState]);
        services.AddSingleton<HealthTransitions>();
    }

    private static void AddProxiesAndHsts(this WebApplicationBuilder builder)
    {
        var hsts = ServerSettings.Read<HstsSettings>(builder.Configuration, "Hsts");
        var forwarded = ServerSettings.Read<ForwardedHeadersSettings>(builder.Configuration, "ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only configured proxies are believed; with none, the TCP peer is the client and the headers are ignored.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in forwarded.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(hsts.MaxAgeDays);
            options.IncludeSubDomains = hsts.IncludeSubDomains;
        });
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }
}
