using Baricitinib.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Baricitinib.Web.Application;

namespace Baricitinib.Web.Pipeline;

/// <summary>
/// The one place unexpected errors are handled. API requests get problem details with a reference (never a stack
/// trace); a client that went away is not an error; pages fall through to the error page (status 500, reference).
/// </summary>
public sealed class ApiExceptionHandler(ILogger<DoseService> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // nobody is listening; nothing to log as an error
        }

        DoseService.LogUnhandledError(logger, exception, httpContext.TraceIdentifier);
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        if (!new PathString(path).StartsWithSegments("/api"))
        {
            return false; // the error page is re-executed with status 500
        }

        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await DoseEndpoints.Problem(StatusCodes.Status500InternalServerError, "Unexpected server error",
            $"Reference {httpContext.TraceIdentifier}.").ExecuteAsync(httpContext);
        return true;
    }
}
