using System.Threading.RateLimiting;
using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Api;
using Baricitinib.Web.Cds;
using Baricitinib.Web.Components;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Logging;
using Baricitinib.Web.Pipeline;
using Baricitinib.Web.Application;
using Baricitinib.Web.LabelCurrency;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

try
{
    var builder = WebApplication.CreateBuilder(args);
    StartChecks.Check(builder.Configuration);

    builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
    builder.Services.AddServerSettings();
    builder.Services.AddScaleOut(builder.Configuration);
    builder.Services.AddTelemetry(builder.Configuration);
    builder.Services.AddCdsHooks(builder.Configuration);
    builder.Services.AddLabelWatch(builder.Configuration);
    var shutdown = ServerSettings.Read<ShutdownSettings>(builder.Configuration, "Shutdown");
    builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.DrainSeconds + 25));
    builder.Services.AddSingleton<DrainState>();
    builder.Services.AddHostedService<DrainOnShutdown>();
    var hsts = ServerSettings.Read<HstsSettings>(builder.Configuration, "Hsts");
    var forwarded = ServerSettings.Read<ForwardedHeadersSettings>(builder.Configuration, "ForwardedHeaders");

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

    builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
    {
        // Deliberate, documented in docs/operations.md: a dropped connection keeps its circuit 3 minutes for the
        // reconnect; at most 100 disconnected circuits are kept; a browser call that takes over 30 s fails.
        circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        circuits.DisconnectedCircuitMaxRetained = 100;
        circuits.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        circuits.DetailedErrors = false;
    });
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
    builder.Services.AddSingleton(SourceRegistry.Default);
    builder.Services.AddSingleton(services => new DosingCalculator(services.GetRequiredService<SourceRegistry>()));
    builder.Services.AddSingleton<DoseService>();
    builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = problem =>
    {
        // The framework's own 415 (a body that is not JSON) says why, as every other refusal does.
        if (problem.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && problem.ProblemDetails.Detail is null)
        {
            problem.ProblemDetails.Detail = "The body must be JSON, sent with Content-Type: application/json.";
        }
    });
    builder.Services.AddExceptionHandler<ApiExceptionHandler>();
    builder.Services.AddSingleton<StaticFilesCheck>();
    builder.Services.AddHealthChecks()
        .AddCheck<RuleSetCheck>("rule-set", tags: [HealthTags.Ready])
        .AddCheck<StaticFilesCheck>("static-files", tags: [HealthTags.Ready])
        .AddCheck<DrainCheck>(DrainCheck.Name, tags: [HealthTags.Ready]);
    builder.Services.AddSingleton<HealthTransitions>();
    builder.Services.ConfigureHttpJsonOptions(json => DoseEndpoints.ConfigureJson(json.SerializerOptions));
    // API JSON is compressed when the client accepts it (about 5 KB → 1.5 KB). Pages are not: they carry antiforgery
    // tokens, and compressing secrets next to attacker-influenced text invites BREACH.
    builder.Services.AddResponseCompression(compression =>
    {
        compression.EnableForHttps = true;
        compression.MimeTypes = ["application/json", "application/problem+json"];
        compression.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
        compression.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
    });
    builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
    builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
    builder.Services.AddOpenApi(openApi =>
    {
        openApi.AddSchemaTransformer<ApiSchemaTransformer>();
        openApi.AddDocumentTransformer<ApiDocumentTransformer>();
    });

    builder.Services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(DoseEndpoints.RateLimitPolicy, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingSettings>>().Value;
            if (!settings.Enabled)
            {
                return RateLimitPartition.GetNoLimiter("off");
            }

            var permits = settings.PermitsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
        limiter.OnRejected = async (rejected, cancel) =>
        {
            var permits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitingSettings>>().Value.PermitsPerMinute;
            rejected.HttpContext.Response.Headers.RetryAfter = "60";
            await DoseEndpoints.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"At most {permits} API requests a minute from one address; try again in a minute.").ExecuteAsync(rejected.HttpContext);
        };
    });

    var app = builder.Build();
    StartChecks.ValidateOptions(app.Services); // before anything logs: a refusal is the only line

    if (forwarded.KnownProxies.Count > 0)
    {
        // With no known proxy the middleware would believe any sender, so it runs only when proxies are configured.
        app.UseForwardedHeaders();
    }

    app.Use(async (context, next) =>
    {
        // HEAD: the GET endpoint answers with its headers and no body (Kestrel drops it too; this also holds in memory).
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Body = Stream.Null;
        }

        await next(context);
    });
    app.UseRouting();
    app.UseCors(); // only the CDS Hooks endpoints carry a CORS policy
    app.UseSecurityHeaders();
    // One exception handler (ApiExceptionHandler): problem details for the API, the error page (500) for pages.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Error",
        CreateScopeForErrors = true,
        StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
    });
    app.UseWhen(IsApi, api => api.UseResponseCompression());
    app.UseWhen(IsApi, api => api.UseStatusCodePages()); // empty API error responses (404, 405) become problem details
    app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    app.Use((context, next) =>
    {
        // The not-found page is for people; API error responses stay problem details (set up above).
        if (IsApi(context) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        return next(context);
    });
    if (!app.Environment.IsDevelopment())
    {
        app.UseHsts(); // only sent over HTTPS
    }

    if (app.Configuration["ASPNETCORE_HTTPS_PORT"] is not null || app.Configuration["HTTPS_PORTS"] is not null
        || (app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase))
    {
        app.UseHttpsRedirection();
    }

    app.UseSerilogRequestLogging(logging =>
    {
        logging.Logger = app.Services.GetService<Serilog.ILogger>(); // this host's logger, not the static one
        // A 4xx is the client's mistake, not ours: Information, and no request line at all for success at Information.
        logging.GetLevel = (context, _, exception) =>
            context.RequestAborted.IsCancellationRequested ? LogEventLevel.Information // the client went away
            // A failing readiness probe is a state (starting, draining), told once by HealthTransitions, not an error.
            : exception is null && context.Request.Path.StartsWithSegments("/healthz") ? (context.Response.StatusCode >= 400 ? LogEventLevel.Information : LogEventLevel.Debug)
            : exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : context.Response.StatusCode >= 400 ? LogEventLevel.Information
            : LogEventLevel.Debug;
    });
    app.UseMiddleware<CircuitLimiter>();
    app.UseRateLimiter();
    app.UseAntiforgery();

    app.MapStaticAssets();
    app.MapOpenApi().AllowHead();
    app.MapHealthEndpoints();
    app.MapDoseApi();
    app.MapCdsHooks();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowHead();
    app.Services.GetRequiredService<StaticFilesCheck>().LogWhenMissing();
    app.Run();
    return 0;
}
catch (Exception ex) when (StartChecks.Refusal(ex) is { } refusal)
{
    // A refused start (a bad setting, Redis unreachable at start): one line naming the key, exit code 1.
    Console.Error.WriteLine(refusal);
    return 1;
}

static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

/// <summary>The app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
