using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Baricitinib.EndToEnd.Tests;

/// <summary>axe (WCAG 2.1 A and AA rules) finds no violation of any impact on the key states.</summary>
public class AccessibilityTests(AppFixture app) : PageTest(app)
{
    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var result = await page.RunAxe(options);
        var serious = result.Violations.ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    [Fact]
    public Task The_calculator_with_a_result_has_no_serious_violations() =>
        RunAsync("axe-result", async page =>
        {
            await OpenAsync(page, "?indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await AssertNoSeriousViolationsAsync(page);
        });

    [Fact]
    public Task The_calculator_with_validation_errors_has_no_serious_violations() =>
        RunAsync("axe-errors", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=abc&egfr=-5");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-status", "invalid");
            await AssertNoSeriousViolationsAsync(page);
        });

    [Fact]
    public Task A_pristine_calculator_with_its_error_summary_has_no_violations() =>
        RunAsync("axe-pristine", async page =>
        {
            await OpenAsync(page);
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
            await AssertNoSeriousViolationsAsync(page);
        });

    private static readonly double[] ScrollPlaces = [0.0, 0.5, 1.0];

    public static TheoryData<string, string> PhoneStates() => new()
    {
        { "phone-result", "?indication=covid-19&ageYears=60&egfr=45&strongOat3Inhibitor=true" },
        { "phone-errors", "?indication=rheumatoid-arthritis&ageYears=abc&egfr=-5" },
        { "phone-pristine", "" },
    };

    [Theory]
    [MemberData(nameof(PhoneStates))]
    public Task On_a_phone_390_px_wide_the_calculator_has_no_violations_wherever_it_is_scrolled(string name, string query) =>
        RunAsync(name, async page =>
        {
            await OpenAsync(page, query);
            // The sticky dose bar sits over whatever field is under it: checked at the top, in the middle and at the end.
            foreach (var at in ScrollPlaces)
            {
                await page.EvaluateAsync("f => window.scrollTo(0, (document.body.scrollHeight - window.innerHeight) * f)", at);
                await AssertNoSeriousViolationsAsync(page);
            }
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });

    [Fact]
    public Task The_sources_page_has_no_serious_violations() =>
        RunAsync("axe-sources", async page =>
        {
            await page.GotoAsync("/sources");
            await Expect(page.GetByTestId("source-section")).ToHaveCountAsync(Baricitinib.Dosing.Engine.SourceRegistry.Default.Sources.Count);
            await AssertNoSeriousViolationsAsync(page);
        });
}
