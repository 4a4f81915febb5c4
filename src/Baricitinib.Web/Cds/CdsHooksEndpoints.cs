using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baricitinib.CdsHooks;
using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Application;
using Microsoft.Extensions.Options;

namespace Baricitinib.Web.Cds;

/// <summary>
/// The CDS Hooks 2.0 service (docs/cds-hooks.md): discovery, the <c>baricitinib-renal-dose</c> service on
/// <c>order-sign</c> and <c>order-select</c>, and feedback. Every call is checked by <see cref="CdsCallerCheck"/>; the
/// dose comes from the same <see cref="DoseService"/> path as <c>GET /api/v1/dose</c>, so a card cannot disagree with it.
/// </summary>
public static partial class CdsHooksEndpoints
{
    public const string CorsPolicy = "cds-hooks";

    /// <summary>Largest request body accepted (1 MiB: draft-order Bundles can be large).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string ServicePath = "/cds-services/" + CdsHooksService.ServiceId;

    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CdsHooksOptions>().BindConfiguration("CdsHooks")
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && string.IsNullOrEmpty(o.PublicBaseUrl.Query)
                    && (o.PublicBaseUrl.Scheme == Uri.UriSchemeHttps || (o.PublicBaseUrl.Scheme == Uri.UriSchemeHttp && o.PublicBaseUrl.IsLoopback))),
                "CdsHooks:PublicBaseUrl must be an absolute https address, with or without a path (e.g. https://calc.example.org or https://ehr.example.org/calc); plain http only on a loopback address.")
            .Validate(o => o.MaxAgeDays is >= 1 and <= 3650 && o.MaxAgeDaysCovid19 is >= 1 and <= 3650,
                "CdsHooks:MaxAgeDays and CdsHooks:MaxAgeDaysCovid19 must be whole numbers of days from 1 to 3650.")
            .Validate(o => o.FhirTimeoutMilliseconds is >= 100 and <= 10_000, "CdsHooks:FhirTimeoutMilliseconds must be from 100 to 10000.")
            .ValidateOnStart();
        services.AddOptions<CdsSecuritySettings>().BindConfiguration("CdsHooks:Security")
            .Validate(s => s.AlgorithmsOrDefault.All(a => a is "ES384" or "RS384" or "ES256" or "RS256" or "ES512" or "RS512" or "PS384" or "PS256"),
                "CdsHooks:Security:Algorithms may list asymmetric algorithms only (ES384, RS384, …); never none or HS*.")
            .Validate(s => s.Issuers.All(i => i.Issuer.Length > 0 && (i.JwksUrl is not null || !string.IsNullOrWhiteSpace(i.Jwks))),
                "CdsHooks:Security:Issuers: every issuer needs Issuer and JwksUrl or Jwks.")
            .Validate(s => s.Issuers.All(i => i.JwksUrl is null || (i.JwksUrl.IsAbsoluteUri
                    && (i.JwksUrl.Scheme == Uri.UriSchemeHttps || (i.JwksUrl.Scheme == Uri.UriSchemeHttp && i.JwksUrl.IsLoopback)))),
                "CdsHooks:Security:Issuers: a JwksUrl must be https (plain http only on a loopback address).")
            .Validate(s => s.Issuers.SelectMany(i => i.FhirServers).All(IsSecureAddress),
                "CdsHooks:Security:Issuers: every FhirServers entry must be an absolute https address (plain http only on a loopback address).")
            .Validate(s => s.AllowedOrigins.All(o => o == "*" || (Uri.TryCreate(o, UriKind.Absolute, out var origin)
                    && origin.Scheme is "http" or "https" && origin.AbsolutePath == "/" && !o.EndsWith('/'))),
                "CdsHooks:Security:AllowedOrigins must list origins only (scheme, host and port, e.g. https://ehr.example.org), or *.")
            .ValidateOnStart();
        var origins = ServerSettings.Read<CdsSecuritySettings>(configuration, "CdsHooks:Security").AllowedOrigins;
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. origins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Options)
            .WithHeaders("Authorization", "Content-Type")));
        services.AddHttpClient<IFhirFetcher, HttpFhirFetcher>(client =>
        {
            client.Timeout = TimeSpan.FromSeconds(5);
            client.MaxResponseContentBufferSize = 4 * 1024 * 1024;
        });
        services.AddHttpClient(nameof(CdsCallerCheck));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ReplayGuard>();
        services.AddSingleton<CdsCallerCheck>();
        services.AddSingleton(provider => new CdsHooksService(
            provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value, provider.GetRequiredService<SourceRegistry>(),
            provider.GetRequiredService<IFhirFetcher>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CdsFeedbackMetrics>();
        return services;
    }

    private static bool IsSecureAddress(Uri address) => address.IsAbsoluteUri
        && (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback));

    public static IEndpointRouteBuilder MapCdsHooks(this IEndpointRouteBuilder app)
    {
        var cds = app.MapGroup("/cds-services").RequireCors(CorsPolicy).WithTags("CDS Hooks").ExcludeFromDescription();
        cds.MapGet("", Discover);
        cds.MapPost("/" + CdsHooksService.ServiceId, Call);
        cds.MapPost("/" + CdsHooksService.ServiceId + "/feedback", Feedback);

        // Say at start what an operator must still do before the service can be relied on.
        var options = app.ServiceProvider.GetRequiredService<IOptions<CdsHooksOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Baricitinib.Web.Cds.CdsHooks");
        if (!options.CodesConfirmed)
        {
            LogCodesUnconfirmed(logger);
        }

        if (options.PublicBaseUrl is null)
        {
            LogNoPublicAddress(logger);
        }

        return app;
    }

    private static async Task<IResult> Discover(HttpContext context, CdsCallerCheck callers, IOptions<CdsHooksOptions> options)
    {
        if (await callers.CheckAsync(context, Address(options.Value, "/cds-services")) is { } denied)
        {
            return Unauthorized(context, denied);
        }

        return TypedResults.Json(CdsHooksService.Discovery(options.Value), CdsJsonContext.Default.DiscoveryDocument);
    }

    private static async Task<IResult> Call(HttpContext context, CdsCallerCheck callers, CdsHooksService service, DoseService doses,
        IOptions<CdsHooksOptions> options, IHostEnvironment environment, ILoggerFactory loggers, LabelCurrency.LabelWatch labels)
    {
        if (await callers.CheckAsync(context, Address(options.Value, ServicePath)) is { } denied)
        {
            return Unauthorized(context, denied);
        }

        var (body, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var baseUrl = options.Value.PublicBaseUrl ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        // FHIR servers: those configured for the verified caller (https); for an unsigned Development call, any.
        var caller = CdsCallerCheck.Caller(context);
        var development = environment.IsDevelopment();
        bool FhirServerAllowed(Uri server) => caller is null
            ? development
            : server.Scheme == Uri.UriSchemeHttps && caller.FhirServers.Any(allowed => Within(server, allowed));
        string? labelNotice = null;
        var outcome = await service.CallAsync(body, baseUrl, FhirServerAllowed, pairs =>
        {
            var dose = doses.EvaluateFields(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), "cds-hooks");
            labelNotice ??= labels.NewerNotice(dose.Result);
            return new Evaluation(dose.Result, dose.Errors);
        }, context.RequestAborted);
        if (labelNotice is not null && outcome.Response is { } answered)
        {
            // The primary label was revised after the rules were checked: every card shown says so in its detail.
            outcome = outcome with { Response = answered with { Cards = [.. answered.Cards.Select(c => c with { Detail = c.Detail is null ? labelNotice : c.Detail + "\n\n" + labelNotice })] } };
        }
        context.Response.Headers.CacheControl = "no-store";
        var logger = loggers.CreateLogger("Baricitinib.Web.Cds.CdsHooks");
        LogCall(logger, outcome.Hook, outcome.HookInstance, outcome.StatusCode, outcome.Decisions.Count);
        foreach (var decision in outcome.Decisions)
        {
            LogCard(logger, decision.CardUuid, decision.OrderId, decision.Status, decision.Indicator, decision.RuleSetVersion);
        }

        return outcome.StatusCode switch
        {
            StatusCodes.Status200OK => TypedResults.Json(outcome.Response!, CdsJsonContext.Default.CdsResponse),
            StatusCodes.Status412PreconditionFailed => TypedResults.Problem(title: "Required data unavailable", detail: outcome.Problem, statusCode: 412),
            _ => TypedResults.Problem(title: "Malformed CDS Hooks request", detail: outcome.Problem, statusCode: 400),
        };
    }

    private static async Task<IResult> Feedback(HttpContext context, CdsCallerCheck callers, IOptions<CdsHooksOptions> options,
        CdsFeedbackMetrics metrics, ILoggerFactory loggers)
    {
        if (await callers.CheckAsync(context, Address(options.Value, ServicePath + "/feedback")) is { } denied)
        {
            return Unauthorized(context, denied);
        }

        var (body, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var (items, wrong) = CdsHooks.Feedback.Read(body);
        if (items is null)
        {
            return TypedResults.Problem(title: "Malformed feedback", detail: wrong, statusCode: 400);
        }

        var logger = loggers.CreateLogger("Baricitinib.Web.Cds.CdsHooks");
        foreach (var item in items)
        {
            // The clinician's free-text comment is dropped: it may hold health data.
            LogFeedback(logger, item.Card, item.Outcome, item.AcceptedSuggestions, item.OverrideReasonCode);
            metrics.Record(item.Outcome, item.OverrideReasonCode);
        }

        return TypedResults.Ok();
    }

    /// <summary>The server is the allowed address or below it (<c>https://ehr.example/fhir</c> allows
    /// <c>https://ehr.example/fhir/r4</c>, not <c>https://ehr.example/fhirish</c>).</summary>
    private static bool Within(Uri server, Uri allowed)
    {
        var root = allowed.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var address = server.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return string.Equals(address, root, StringComparison.OrdinalIgnoreCase)
            || address.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The exact address of an endpoint as the EHR calls it (the JWT's aud), from the configured public base.</summary>
    private static Uri? Address(CdsHooksOptions options, string path) => options.PublicBaseUrl is { } root ? Under(root, path) : null;

    /// <summary>A path under the public base, which may itself have a path (a service behind a path prefix).</summary>
    internal static Uri Under(Uri root, string path) => new(root.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path.TrimStart('/'));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unauthorized(HttpContext context, string reason)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(title: "Unauthorized", detail: reason, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<(JsonNode? Body, IResult? Problem)> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(title: "Unsupported media type", detail: "Send JSON with Content-Type: application/json.", statusCode: 415));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, TooLarge());
                }

                buffer.Write(chunk, 0, read);
            }

            return (JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), null);
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException or InvalidOperationException)
        {
            return (null, TypedResults.Problem(title: "Malformed JSON", detail: "The body is not valid JSON (comments are not allowed).", statusCode: 400));
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: "Request body too large", detail: $"The body must be at most {MaxBodyBytes / 1024 / 1024} MiB.", statusCode: 413);

    [LoggerMessage(EventId = 1302, EventName = "CdsHooksCodesUnconfirmed", Level = LogLevel.Warning,
        Message = "CDS Hooks: the medication and indication codes (CdsHooks:MedicationCodes, CdsHooks:IndicationCodes) are not yet confirmed by a pharmacist (CdsHooks:CodesConfirmed); every card says so")]
    private static partial void LogCodesUnconfirmed(ILogger logger);

    [LoggerMessage(EventId = 1303, EventName = "CdsHooksNoPublicAddress", Level = LogLevel.Warning,
        Message = "CDS Hooks: CdsHooks:PublicBaseUrl is not set, so no caller's JWT can be checked: every signed call is refused")]
    private static partial void LogNoPublicAddress(ILogger logger);

    [LoggerMessage(EventId = 1310, EventName = "CdsHookCalled", Level = LogLevel.Information,
        Message = "CDS Hooks {Hook} call {HookInstance}: {StatusCode}, {Cards} card(s)")]
    private static partial void LogCall(ILogger logger, string hook, string hookInstance, int statusCode, int cards);

    [LoggerMessage(EventId = 1311, EventName = "CdsCardIssued", Level = LogLevel.Information,
        Message = "CDS card {CardUuid} for order {OrderId}: {Status}, {Indicator} (rule set {RuleSetVersion})")]
    private static partial void LogCard(ILogger logger, string cardUuid, string orderId, string status, string indicator, string ruleSetVersion);

    [LoggerMessage(EventId = 1312, EventName = "CdsFeedback", Level = LogLevel.Information,
        Message = "CDS feedback on card {CardUuid}: {Outcome}; suggestions {AcceptedSuggestions}; override reason {OverrideReason}")]
    private static partial void LogFeedback(ILogger logger, string cardUuid, string outcome, IReadOnlyList<string> acceptedSuggestions, string? overrideReason);
}

/// <summary><c>cds.feedback</c>: feedback items by outcome and override reason (what a pharmacy committee tunes alerts with).</summary>
public sealed class CdsFeedbackMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _feedback = meters.Create(Telemetry.SourceName).CreateCounter<long>("cds.feedback", "{item}",
        "CDS Hooks feedback items by outcome and override reason");

    public void Record(string outcome, string? reason) =>
        _feedback.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason ?? "none"));
}
