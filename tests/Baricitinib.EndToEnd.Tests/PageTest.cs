namespace Baricitinib.EndToEnd.Tests;

/// <summary>
/// Base of every browser scenario: a fresh browser context per test with a trace recording, kept (with a screenshot)
/// only when the test fails. Elements are found by role, label and the test ids of the page contract (docs/qa.md, Test ids).
/// </summary>
[Collection(AppGroup.Name)]
public abstract class PageTest(AppFixture app)
{
    private const float Timeout = 20_000;

    static PageTest() => SetDefaultExpectTimeout(Timeout);

    protected AppFixture App { get; } = app;

    protected async Task RunAsync(string name, Func<IPage, Task> scenario, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= App.BaseAddress.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 1000 };
        var context = await App.Browser.NewContextAsync(options);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Title = name });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        try
        {
            await scenario(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact(name + ".failure.png"), FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Artifact(name + ".trace.zip") });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Opens the calculator and waits until the live connection is up (inputs are disabled until then).</summary>
    protected static async Task OpenAsync(IPage page, string query = "")
    {
        await page.GotoAsync("/" + query);
        await WaitInteractiveAsync(page);
    }

    protected static Task WaitInteractiveAsync(IPage page) =>
        Expect(page.GetByTestId("calculator")).ToHaveAttributeAsync("data-interactive", "true");

    protected static Task SaveScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact(name + ".png"), FullPage = true });

    protected static ILocator Recommendation(IPage page) => page.GetByTestId("recommendation");

    protected static ILocator Dose(IPage page) => page.GetByTestId("recommended-dose");

    protected static ILocator SourceRow(IPage page, string source) => page.Locator($"[data-testid=source-row][data-source={source}]");

    protected static ILocator Flag(IPage page, string code) => page.Locator($"[data-testid=flag][data-code={code}]");

    private static string Artifact(string file) => Path.Combine(AppFixture.ArtifactsFolder, file);
}
