namespace Baricitinib.Benchmarks.Shared;

/// <summary>
/// The canned answer of the API benchmarks: a response captured from the product, sent with the same content type and
/// cache header and its length, and nothing else. The baseline app and the pipeline floor both answer with it, so the
/// two differ only in what stands in front of it.
/// </summary>
internal static class CannedAnswer
{
    /// <summary>Writes <paramref name="body"/> as the answer.</summary>
    public static Task Write(Microsoft.AspNetCore.Http.HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
