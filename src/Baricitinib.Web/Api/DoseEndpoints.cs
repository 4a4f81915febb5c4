using Microsoft.AspNetCore.Http.HttpResults;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Application;

namespace Baricitinib.Web.Api;

/// <summary>The JSON API (docs/api.md): the same library and validators as the page.</summary>
public static class DoseEndpoints
{
    /// <summary>Largest request body accepted (16 KiB).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Name of the rate-limiting policy on API routes.</summary>
    public const string RateLimitPolicy = "api";

    public static IEndpointRouteBuilder MapDoseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy).WithTags("Dosing").AllowHead();

        api.MapPost("/dose", PostDose)
            .WithName("PostDose")
            .WithSummary("Calculate the dose for one patient")
            .WithDescription("Body: a dosing request. Answer: the primary recommendation under the chosen label, every flag, the kidney function used, and what every other source says.")
            .Accepts<DosingRequest>("application/json")
            .Produces<DosingResult>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/dose", GetDose)
            .WithName("GetDose")
            .WithSummary("Calculate the dose from query parameters with the same names as the request fields")
            .Produces<DosingResult>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/sources", (SourceRegistry registry, LabelCurrency.LabelWatch labels) => TypedResults.Ok(SourcesDocument.Of(registry, labels)))
            .WithName("GetSources")
            .WithSummary("Every source with its rules, citations and verified marks")
            .Produces<SourcesDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        return app;
    }

    private static async Task<Results<Ok<DosingResult>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> PostDose(HttpContext context, DoseService doses,
        LabelCurrency.LabelWatch labels)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the request as JSON with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        ReadOnlyMemory<byte>? body;
        try
        {
            body = await ReadBody(request, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request: not an error, and nobody to answer.
            return TypedResults.Empty;
        }
        catch (BadHttpRequestException)
        {
            // A malformed chunk size or a body cut short: the client's mistake, answered like malformed JSON.
            NoStore(context);
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [DosingRequestJson.BodyKey] = ["The body could not be read (malformed chunked encoding or a body cut short). Send one JSON object with the request fields."] },
                title: "One or more inputs are invalid.", type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");
        }

        if (body is null)
        {
            return TooLarge();
        }

        var outcome = doses.Evaluate(DosingRequestJson.Read(body.Value), "api");
        NoStore(context);
        return outcome.Result is { } result ? TypedResults.Ok(result with { Documents = labels.Documents() }) : Invalid(outcome);
    }

    private static Results<Ok<DosingResult>, ValidationProblem> GetDose(HttpContext context, DoseService doses, LabelCurrency.LabelWatch labels)
    {
        var pairs = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        var outcome = doses.EvaluateFields(pairs, "api");
        NoStore(context);
        return outcome.Result is { } result ? TypedResults.Ok(result with { Documents = labels.Documents() }) : Invalid(outcome);
    }

    /// <summary>Answers that carry patient inputs or results are never stored by caches or browsers.</summary>
    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    private static ValidationProblem Invalid(DoseOutcome outcome) =>
        TypedResults.ValidationProblem(
            outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: outcome.Status == OutcomeStatus.Incomplete ? "A required input is missing." : "One or more inputs are invalid.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    private static async Task<ReadOnlyMemory<byte>?> ReadBody(HttpRequest request, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {MaxBodyBytes / 1024} KiB.");

    internal static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    /// <summary>
    /// What the API adds to ASP.NET Core's HTTP JSON options (web names, relaxed escaping): string enums with their
    /// wire names, every property written, and the source-generated contracts first.
    /// </summary>
    public static void ConfigureJson(System.Text.Json.JsonSerializerOptions options)
    {
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        options.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
    }
}

/// <summary>The answer of <c>GET /api/v1/sources</c>.</summary>
/// <param name="RuleSetVersion">The rule-set version.</param>
/// <param name="Sources">Every source with its rules.</param>
/// <param name="Matrix">The conflict matrix: what every source says for representative patients (an extension).</param>
public sealed record SourcesDocument(string RuleSetVersion, IReadOnlyList<SourceInfo> Sources, IReadOnlyList<MatrixRow> Matrix)
{
    /// <summary>The document for every source of <paramref name="registry"/> under the current rule set, each source's
    /// document with its currency from <paramref name="labels"/>.</summary>
    public static SourcesDocument Of(SourceRegistry registry, LabelCurrency.LabelWatch labels)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(labels);
        return new(RuleSet.Version, labels.Sources(), registry.Matrix);
    }
}

/// <summary>
/// Source-generated JSON contracts of the API's answers (no reflection at run time). The options of the HTTP JSON
/// settings still apply on top (string enums with their wire names, every property written).
/// </summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(DosingResult))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SourcesDocument))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DosingRequest))]
internal sealed partial class ApiJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
