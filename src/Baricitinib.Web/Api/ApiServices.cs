using System.Threading.RateLimiting;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Pipeline;
using Microsoft.Extensions.Options;

namespace Baricitinib.Web.Api;

/// <summary>The JSON API's services: problem details for every refusal, the one exception handler, JSON options,
/// compression of API answers, the OpenAPI document and the per-client rate limit.</summary>
public static class ApiServices
{
    public static IServiceCollection AddDoseApi(this IServiceCollection services)
    {
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = problem =>
        {
            // The framework's own 415 (a body that is not JSON) says why, as every other refusal does.
            if (problem.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && problem.ProblemDetails.Detail is null)
            {
                problem.ProblemDetails.Detail = "The body must be JSON, sent with Content-Type: application/json.";
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => DoseEndpoints.ConfigureJson(json.SerializerOptions));
        // API JSON is compressed when the client accepts it (about 5 KB → 1.5 KB). Pages are not: they carry antiforgery
        // tokens, and compressing secrets next to attacker-influenced text invites BREACH.
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.MimeTypes = ["application/json", "application/problem+json"];
            compression.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            compression.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddOpenApi(openApi =>
        {
            openApi.AddSchemaTransformer<ApiSchemaTransformer>();
            openApi.AddDocumentTransformer<ApiDocumentTransformer>();
        });

        services.AddRateLimiter(limiter =>
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
        return services;
    }
}
