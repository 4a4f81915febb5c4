using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Baricitinib.Web.Tests.LabelCurrency;

/// <summary>
/// A loopback server answering as DailyMed's <c>/spls/{setid}/history.json</c> does (written here from DailyMed's
/// documented format: <c>metadata</c> with string counts, <c>data.history[]</c> with <c>spl_version</c> and
/// <c>published_date</c>), one behaviour per path prefix: <c>/current</c>, <c>/newer</c>, <c>/malformed</c>,
/// <c>/huge</c> (2 MiB), <c>/slow</c> (answers after 30 s), <c>/error</c> (500).
/// </summary>
public sealed class DailyMedStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private DailyMedStub(WebApplication app) => _app = app;

    /// <summary>The base address of one behaviour, e.g. <c>http://127.0.0.1:5123/newer</c>.</summary>
    public Uri Base(string behaviour) => new($"{Address}{behaviour}");

    public string Address { get; private set; } = "";

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<DailyMedStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new DailyMedStub(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref stub._requests);
            return next(context);
        });
        app.MapGet("/current/spls/{setid}/history.json", (string setid) => Results.Text(History(setid, ("20", "Sep 18, 2026"), ("19", "Mar 2, 2025")), "application/json"));
        app.MapGet("/newer/spls/{setid}/history.json", (string setid) => Results.Text(History(setid, ("21", "Dec 3, 2026"), ("20", "Sep 18, 2026")), "application/json"));
        app.MapGet("/malformed/spls/{setid}/history.json", () => Results.Text("""{"metadata":{},"data":{"history":[{"spl_version":"x","published_date":"someday"}]}}""", "application/json"));
        app.MapGet("/huge/spls/{setid}/history.json", () => Results.Text("{\"data\":{\"history\":[]},\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", "application/json"));
        app.MapGet("/slow/spls/{setid}/history.json", async (CancellationToken cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancel);
            return Results.Text(History("x", ("21", "Dec 3, 2026")), "application/json");
        });
        app.MapGet("/error/spls/{setid}/history.json", () => Results.StatusCode(500));
        await app.StartAsync();
        stub.Address = app.Urls.First().TrimEnd('/') + "/";
        return stub;
    }

    /// <summary>A history in DailyMed's JSON format (numbers as DailyMed writes them in metadata: strings).</summary>
    private static string History(string setid, params (string Version, string Published)[] entries)
    {
        var history = string.Join(",", entries.Select(e => "{\"spl_version\":" + e.Version + ",\"published_date\":\"" + e.Published + "\"}"));
        return "{\"metadata\":{\"elements_per_page\":\"100\",\"next_page_url\":\"null\",\"total_pages\":\"1\",\"total_elements\":\"" + entries.Length
            + "\",\"current_page\":\"1\",\"previous_page\":\"null\",\"db_published_date\":\"Dec 06, 2026 09:00:00AM EST\"},"
            + "\"data\":{\"setid\":\"" + setid + "\",\"title\":\"OLUMIANT (BARICITINIB) TABLET, FILM COATED [ELI LILLY AND COMPANY]\",\"history\":[" + history + "]}}";
    }

    /// <summary>A loopback address where nothing listens (no network).</summary>
    public static Uri Nowhere()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
