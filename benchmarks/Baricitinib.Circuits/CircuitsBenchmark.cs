// Managed heap per live calculator page: the app in this process (Kestrel on a loopback port), headless Chromium
// opening 25, 50 and 100 pages (one circuit each, each with a result), the heap after full collections at each step,
// the slope per page by least squares, and the heap once the pages are closed.
// The browser is driven from a second process (this program with --drive), so that the Playwright client's own
// objects for each page are not counted in the app's heap.
//   dotnet run -c Release --project benchmarks/Baricitinib.Circuits [-- 25 50 100]
//   CIRCUITS_PATH=/address opens that address instead (a page whose root carries data-testid="calculator" and
//   data-interactive="true" once live); CIRCUITS_PAUSE=50 pauses 40 s at 50 pages for a heap dump.
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

internal static class CircuitsBenchmark
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--drive")
        {
            await DriveAsync(new Uri(args[1]));
            return;
        }

        var steps = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [25, 50, 100];
        Baricitinib.Benchmarks.Shared.ProductContentRoot.Use();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development"); // static web assets are served from the build output in Development only
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            b.UseSetting("Shutdown:DrainSeconds", "0");
        });
        factory.UseKestrel(0);
        factory.StartServer();

        // The driver: this program again, reading "open N" and "close" on its standard input.
        var host = Environment.ProcessPath!;
        string[] driverArgs = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [typeof(CircuitsBenchmark).Assembly.Location, "--drive", factory.ClientOptions.BaseAddress.ToString()]
            : ["--drive", factory.ClientOptions.BaseAddress.ToString()];
        using var driver = Process.Start(new ProcessStartInfo(host, driverArgs)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("the driver did not start");
        async Task SendAsync(string command)
        {
            await driver.StandardInput.WriteLineAsync(command);
            var answer = await driver.StandardOutput.ReadLineAsync();
            if (answer != "ok")
            {
                throw new InvalidOperationException($"driver: {answer}");
            }
        }

        var baseline = Heap();
        Console.WriteLine($"heap with no page open: {baseline / 1024} KB");
        var points = new List<(int Pages, long Heap)>();
        foreach (var target in steps)
        {
            await SendAsync($"open {target}");
            if (Environment.GetEnvironmentVariable("CIRCUITS_PAUSE") is { } pause && int.Parse(pause, CultureInfo.InvariantCulture) == target)
            {
                Console.WriteLine($"paused for a heap dump: process {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(40));
            }

            var heap = Heap();
            points.Add((target, heap));
            Console.WriteLine($"{target,4} live pages: heap {heap / 1024,8} KB, {(heap - baseline) / target / 1024.0,7:0.0} KB per page over the empty heap");
        }

        var meanX = points.Average(p => (double)p.Pages);
        var meanY = points.Average(p => (double)p.Heap);
        var slope = points.Sum(p => (p.Pages - meanX) * (p.Heap - meanY)) / points.Sum(p => (p.Pages - meanX) * (p.Pages - meanX));
        await SendAsync("close");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = Heap();
        Console.WriteLine($"heap 5 s after closing every page: {after / 1024} KB ({(after - baseline) / 1024} KB over the empty heap)");
        Console.WriteLine($"managed heap per live page (slope over {points.Count} points): {slope / 1024:0.0} KB (target <= 200 KB)");
        driver.StandardInput.Close();
        await driver.WaitForExitAsync();
    }

    /// <summary>The browser side: opens pages until there are N ("open N"), closes them all ("close").</summary>
    private static async Task DriveAsync(Uri address)
    {
        using var playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = chromium,
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--disable-gpu"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        var pages = new List<IPage>();
        while (Console.ReadLine() is { } command)
        {
            try
            {
                if (command.StartsWith("open ", StringComparison.Ordinal))
                {
                    var target = int.Parse(command[5..], CultureInfo.InvariantCulture);
                    while (pages.Count < target)
                    {
                        var page = await context.NewPageAsync();
                        await page.GotoAsync(Environment.GetEnvironmentVariable("CIRCUITS_PATH") ?? $"/?indication=rheumatoid-arthritis&ageYears={40 + (pages.Count % 40)}&egfr=45");
                        await page.Locator("[data-testid=calculator][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                        pages.Add(page);
                    }
                }
                else if (command == "close")
                {
                    foreach (var page in pages)
                    {
                        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
                    }

                    pages.Clear();
                }

                Console.WriteLine("ok");
            }
            catch (PlaywrightException e)
            {
                Console.WriteLine(e.Message.ReplaceLineEndings(" "));
            }
        }

        await context.CloseAsync();
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
