using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baricitinib.PipelineFloor;

/// <summary>
/// The product as shipped (its Program, configuration, middleware and logging, unchanged), on Kestrel at
/// <c>FLOOR_PORT</c>, with one branch added from outside: <c>GET /api/v1/canned</c> answers with the bytes of
/// <c>BASELINE_BODY</c>, as <c>benchmarks/Baricitinib.Baseline</c> does (POST to it gets a 405 with
/// <c>Allow: GET, HEAD</c> from the app's routing, so the floor is measured with GET). The branch is placed after the app's own
/// middleware (a startup filter, as the tests add their failing endpoint), so a request to it passes through every
/// middleware a dose request passes through (forwarded headers where configured, HEAD handling, routing, CORS, security
/// headers, the exception handler, the API's compression and status pages, request logging, the circuit limiter, the
/// rate limiter, antiforgery, the endpoint middleware) and then does no dose work at all. Its rate is the most that any
/// change to the dose's own work (query, validation, engine, JSON, the log event) could reach. It is slightly
/// optimistic: with no endpoint, no rate-limiting policy applies (measured separately by the script).
/// </summary>
public static class PipelineFloor
{
    public static async Task Main()
    {
        var body = await File.ReadAllBytesAsync(Environment.GetEnvironmentVariable("BASELINE_BODY")
            ?? throw new InvalidOperationException("Set BASELINE_BODY to a file with the response to serve."));
        var port = int.Parse(Environment.GetEnvironmentVariable("FLOOR_PORT") ?? "5505", System.Globalization.CultureInfo.InvariantCulture);
        Baricitinib.Benchmarks.Shared.ProductContentRoot.Use();

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            host.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}"); // UseKestrel(port) alone binds the default 5000
            host.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new CannedBranch(body)));
        });
        factory.UseKestrel();
        factory.StartServer();
        Console.Error.WriteLine($"pipeline floor on {factory.ClientOptions.BaseAddress}api/v1/canned; the real API beside it");
        // Until the host stops (SIGTERM or Ctrl+C: the host's console lifetime handles them, so the process ends only
        // when this method does).
        var stopping = factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private sealed class CannedBranch(byte[] body) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/api/v1/canned", canned => canned.Run(context => Baricitinib.Benchmarks.Shared.CannedAnswer.Write(context, body)));
        };
    }
}
