namespace Baricitinib.EndToEnd.Tests;

/// <summary>
/// Which Chromium to drive: <c>CHROMIUM_PATH</c> if set, else Debian's Chromium, else Playwright's own installed
/// browsers; with none, the suite fails with a message saying how to get one (never skipped, least of all under CI).
/// </summary>
public static class BrowserDiscovery
{
    private static readonly string[] DebianPaths = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static BrowserTypeLaunchOptions LaunchOptions()
    {
        var path = Find();
        return new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = path,
            // This machine's network is closed: keep Chromium from calling home (refused connections slow it down).
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--disable-gpu"],
        };
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"CHROMIUM_PATH is set to '{configured}', which does not exist.");
        }

        var debian = DebianPaths.FirstOrDefault(File.Exists);
        if (debian is not null)
        {
            return debian;
        }

        var playwrightBrowsers = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ms-playwright");
        if (Directory.Exists(playwrightBrowsers) && Directory.EnumerateDirectories(playwrightBrowsers, "chromium*").Any())
        {
            return null; // Playwright finds its own installed browser.
        }

        throw new InvalidOperationException(
            "No Chromium found for the end-to-end tests. Install Debian's: 'apt-get install -y chromium' (./build.sh test does this " +
            "when run as root), or set CHROMIUM_PATH to a Chromium or Chrome executable.");
    }
}

/// <summary>One Playwright driver and one headless Chromium, closed together (the browser first).</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return new HeadlessChromium(playwright, await playwright.Chromium.LaunchAsync(BrowserDiscovery.LaunchOptions()));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
