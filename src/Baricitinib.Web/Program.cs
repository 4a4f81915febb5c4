using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Api;
using Baricitinib.Web.Components;
using Baricitinib.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Formatting.Compact;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddSerilog((services, log) =>
{
    log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
    if (builder.Environment.IsDevelopment())
    {
        log.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
    else
    {
        log.WriteTo.Console(new RenderedCompactJsonFormatter());
    }
});

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSingleton<DosingCalculator>();
builder.Services.AddSingleton<DoseService>();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks().AddCheck("rule-set", () =>
    RuleSet.Sources.Count == 6 && ConflictMatrix.All.Count > 0
        ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"Rule set {RuleSet.Version}")
        : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The rule set did not load."));
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
});
builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ApiDocumentTransformer>());

var permitsPerMinute = builder.Configuration.GetValue("RateLimiting:PermitsPerMinute", 600);
builder.Services.AddRateLimiter(limiter =>
{
    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    limiter.AddPolicy(DoseEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    limiter.OnRejected = async (rejected, cancel) =>
    {
        rejected.HttpContext.Response.Headers.RetryAfter = "60";
        await DoseEndpoints.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"At most {permitsPerMinute} API requests a minute from one address; try again in a minute.").ExecuteAsync(rejected.HttpContext);
    };
});

var app = builder.Build();

app.UseSecurityHeaders();
app.UseWhen(IsApi, api =>
{
    api.UseExceptionHandler(error => error.Run(async context =>
    {
        // Never a stack trace: problem details with a reference only.
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        DoseService.LogUnhandledApiError(context.RequestServices.GetRequiredService<ILogger<DoseService>>(), feature?.Error, context.TraceIdentifier);
        await DoseEndpoints.Problem(StatusCodes.Status500InternalServerError, "Unexpected server error",
            $"Reference {context.TraceIdentifier}.").ExecuteAsync(context);
    }));
    api.UseStatusCodePages(); // empty error responses (404, 405, 415 from routing) become problem details
});
app.UseWhen(c => !IsApi(c), page => page.UseExceptionHandler("/Error", createScopeForErrors: true));
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
    app.UseHsts();
}

app.UseSerilogRequestLogging();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapHealthChecks("/healthz", new HealthCheckOptions
{
    ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), ruleSetVersion = RuleSet.Version }),
});
app.MapDoseApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

/// <summary>The app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
