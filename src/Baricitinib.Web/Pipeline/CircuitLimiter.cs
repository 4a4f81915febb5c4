using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Baricitinib.Web.Hosting;

namespace Baricitinib.Web.Pipeline;

/// <summary>
/// Caps the live circuits of one client address (decisions.md, Input rules): a circuit's connection to
/// <c>/_blazor</c> stays open for its lifetime, so open connections per address are counted. Beyond the cap a new
/// connection, and a new page, are answered 503 with a plain message, so one address cannot exhaust memory.
/// </summary>
public sealed partial class CircuitLimiter(RequestDelegate next, IOptions<CircuitSettings> settings, ILogger<CircuitLimiter> logger)
{
    public const string BusyMessage = "The server is busy: too many calculator pages are open from your address. Close some tabs, then reload this page.";

    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Open circuit connections from one address (for tests and diagnostics).</summary>
    public int OpenFrom(string address) => _open.TryGetValue(address, out var n) ? n : 0;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isCircuit = path.StartsWithSegments("/_blazor", out var rest) && !rest.StartsWithSegments("/negotiate") && !rest.StartsWithSegments("/initializers");
        var isPage = HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/api")
            && !path.StartsWithSegments("/healthz") && !Path.HasExtension(path.Value);
        if (!isCircuit && !isPage)
        {
            await next(context);
            return;
        }

        var address = (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
        var max = settings.Value.MaxPerClient;
        if (!isCircuit)
        {
            if (OpenFrom(address) >= max)
            {
                await Busy(context);
                return;
            }

            await next(context);
            return;
        }

        if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > max)
        {
            Release(address);
            LogRefused(logger, max);
            await Busy(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Release(address);
        }
    }

    private void Release(string address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(address, 0));
        }
    }

    private static Task Busy(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "60";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(BusyMessage, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1101, EventName = "CircuitRefused", Level = LogLevel.Warning, Message = "A new circuit was refused: the client address already holds {Max} live circuits")]
    private static partial void LogRefused(ILogger logger, int max);
}
