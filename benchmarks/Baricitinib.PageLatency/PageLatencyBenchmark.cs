// The calculator page in headless Chromium against the app in this process (Kestrel on a loopback port): 200 input
// changes of the eGFR field in two sequences, one within a band (45 ↔ 46: the card's words change, the dose does not)
// and one across bands (45 ↔ 75: 1 mg ↔ 2 mg once daily, flags and source rows change). For each change:
//   - input-to-result time, measured inside the page (an input event, then a MutationObserver on the result card);
//   - bytes the browser received and sent over the live connection: the frames' payload as the page gets it, and the
//     bytes on the wire (the browser talks to the app through a loopback relay here that counts them: the frames are
//     compressed, permessage-deflate, which the framework turns on for the live connection);
//   - render passes and calculations of the page (the app's baricitinib.page.* counters, read in this process).
//   dotnet run -c Release --project benchmarks/Baricitinib.PageLatency [-- changes=200]
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

internal static class PageLatencyBenchmark
{
    private const string Measure = """
        async ([n, a, b]) => {
          const input = document.getElementById("f-egfr");
          const card = () => document.querySelector("[data-testid=recommendation]").textContent;
          const times = [];
          for (let i = 0; i < n; i++) {
            const before = card();
            const changed = new Promise(resolve => {
              const observer = new MutationObserver(() => {
                if (card() !== before) { observer.disconnect(); resolve(performance.now()); }
              });
              observer.observe(document.querySelector("[data-testid=recommendation]"), { subtree: true, childList: true, characterData: true });
            });
            const start = performance.now();
            // "varied": a new value at every change, across bands each time (60–99 and 30–59 in turn), so that the
            // wire figure does not profit from the compressor having seen the very same frame two changes before.
            input.value = a === "varied" ? String(i % 2 === 0 ? 60 + (i * 7) % 40 : 30 + (i * 11) % 30) : i % 2 === 0 ? b : a;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            times.push(await changed - start);
            // Let whatever else the change sends arrive before the next one (a second render pass would).
            await new Promise(resolve => setTimeout(resolve, 30));
          }
          return times;
        }
        """;

    public static async Task Main(string[] args)
    {
        var changes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        Baricitinib.Benchmarks.Shared.ProductContentRoot.Use();

        long renders = 0, calculations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Baricitinib.Web" && instrument.Name is "baricitinib.page.renders" or "baricitinib.page.calculations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "baricitinib.page.renders")
            {
                Interlocked.Add(ref renders, value);
            }
            else
            {
                Interlocked.Add(ref calculations, value);
            }
        });
        listener.Start();

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(Environment.GetEnvironmentVariable("BENCH_ENV") ?? "Development"); // static web assets are served from the build output in Development only
            b.UseStaticWebAssets();
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            b.UseSetting("Shutdown:DrainSeconds", "0");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        using var relay = new Baricitinib.Testing.LoopbackRelay(factory.ClientOptions.BaseAddress);
        var timeOnly = Environment.GetEnvironmentVariable("NO_FRAMES") is not null; // no frame reporting, no relay

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--disable-gpu"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = (timeOnly ? factory.ClientOptions.BaseAddress : relay.Address).ToString() });
        var page = await context.NewPageAsync();
        long received = 0, sent = 0, framesReceived = 0;
        // Playwright reports every frame of the live connection (its payload, as the page gets it). NO_FRAMES=1 measures
        // the time alone, without that reporting and with the browser talking to the app directly (no relay).
        if (!timeOnly)
        {
            page.WebSocket += (_, socket) =>
            {
                socket.FrameReceived += (_, frame) =>
                {
                    Interlocked.Add(ref received, frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
                    if (Environment.GetEnvironmentVariable("DUMP_FRAMES") is { } dump && frame.Binary is { } bin)
                    {
                        lock (page)
                        {
                            File.AppendAllText(dump, Convert.ToBase64String(bin) + "\n");
                        }
                    }
                    Interlocked.Increment(ref framesReceived);
                };
                socket.FrameSent += (_, frame) => Interlocked.Add(ref sent, frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
            };
        }

        await page.GotoAsync("/?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        await page.Locator("[data-testid=calculator][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        // Warm-up: both sequences, long enough for the JIT to reach its optimised code (tiered compilation).
        await page.EvaluateAsync<double[]>(Measure, new object[] { 200, "45", "46" });
        await page.EvaluateAsync<double[]>(Measure, new object[] { 200, "45", "75" });
        await Task.Delay(500);
        Console.WriteLine($"input changes per sequence: {changes}");
        foreach (var (name, a, b) in new[] { ("within a band (eGFR 45 <-> 46)", "45", "46"), ("across bands (eGFR 45 <-> 75, the dose changes)", "45", "75"), ("across bands, a new value each time (eGFR 60-99 and 30-59 in turn)", "varied", "") })
        {
            var (r0, s0, f0, renders0, calculations0) = (Interlocked.Read(ref received), Interlocked.Read(ref sent), Interlocked.Read(ref framesReceived), Interlocked.Read(ref renders), Interlocked.Read(ref calculations));
            var (w0, ws0) = (relay.ToBrowser, relay.FromBrowser);
            var times = await page.EvaluateAsync<double[]>(Measure, new object[] { changes, a, b });
            await Task.Delay(500);
            var perChange = (double)changes;
            Array.Sort(times);
            Console.WriteLine($"== {name}");
            Console.WriteLine($"render passes per change: {(Interlocked.Read(ref renders) - renders0) / perChange:0.00}");
            Console.WriteLine($"calculations per change: {(Interlocked.Read(ref calculations) - calculations0) / perChange:0.00}");
            Console.WriteLine($"received per change: {(Interlocked.Read(ref received) - r0) / perChange:0} B in {(Interlocked.Read(ref framesReceived) - f0) / perChange:0.00} frames; sent per change: {(Interlocked.Read(ref sent) - s0) / perChange:0} B");
            if (!timeOnly)
            {
                Console.WriteLine($"on the wire per change (compressed frames, TCP payload): received {(relay.ToBrowser - w0) / perChange:0} B, sent {(relay.FromBrowser - ws0) / perChange:0} B");
            }
            Console.WriteLine($"input-to-result inside the page: p50 {Percentile(times, 0.50):0.0} ms, p95 {Percentile(times, 0.95):0.0} ms, max {times[^1]:0.0} ms (target p95 <= 10 ms)");
        }

        Console.WriteLine($"address after: {page.Url}");
        await context.CloseAsync();
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
