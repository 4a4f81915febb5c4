using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Baricitinib.EndToEnd.Tests;

/// <summary>
/// The app on a free loopback port (in-process Kestrel), or a deployed instance when <c>E2E_BASE_URL</c> is set, and
/// one headless Chromium for the whole suite. The browser closes before the server, so shutdown does not wait for an
/// open circuit.
/// </summary>
public sealed class AppFixture : IAsyncLifetime, IDisposable
{
    private WebApplicationFactory<Program>? _factory;
    private HeadlessChromium? _chromium;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser => _chromium?.Browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Where screenshots and traces go (under the test results folder).</summary>
    public static string ArtifactsFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("E2E_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"), "e2e");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var deployed = Environment.GetEnvironmentVariable("E2E_BASE_URL");
        if (!string.IsNullOrWhiteSpace(deployed))
        {
            BaseAddress = new Uri(deployed.TrimEnd('/') + "/");
        }
        else
        {
            _factory = new LiveAppFactory();
            _factory.UseKestrel(0);
            _factory.StartServer();
            BaseAddress = _factory.ClientOptions.BaseAddress;
        }

        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public void Dispose() => _factory?.Dispose();

    private sealed class LiveAppFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
            // No request to DailyMed: the page shows what it shows whatever the real label's revisions are.
            builder.UseSetting("LabelWatch:Enabled", "false");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppGroup : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
