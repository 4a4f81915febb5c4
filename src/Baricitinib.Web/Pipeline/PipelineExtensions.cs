using Baricitinib.Web.Hosting;
using Serilog;
using Serilog.Events;

namespace Baricitinib.Web.Pipeline;

/// <summary>The HTTP pipeline, in its one order: trusted proxies, HEAD, routing, CORS (CDS Hooks only), security
/// headers, the one exception handler, API compression and problem details, the not-found page, HSTS, HTTPS
/// redirection, request logging, the circuit cap, the rate limiter, antiforgery.</summary>
public static class PipelineExtensions
{
    public static WebApplication UseCalculatorPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersSettings>>().Value.KnownProxies.Count > 0)
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
        app.UseErrorAnswers();
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
        return app;
    }

    /// <summary>
    /// How the app answers an error, in one place: one exception handler (<see cref="ApiExceptionHandler"/>: problem
    /// details for the API, the error page with a reference for pages); API answers compressed; an empty API error
    /// (404, 405) becomes problem details; any other empty error is the not-found page for people, never for the API.
    /// </summary>
    private static void UseErrorAnswers(this WebApplication app)
    {
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
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
