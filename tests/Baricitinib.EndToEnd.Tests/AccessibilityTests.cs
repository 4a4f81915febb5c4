using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Baricitinib.EndToEnd.Tests;

/// <summary>axe (WCAG 2.1 A and AA rules) finds no serious or critical violation on the key states.</summary>
public class AccessibilityTests(AppFixture app) : PageTest(app)
{
    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var result = await page.RunAxe(options);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
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
    public Task The_sources_page_has_no_serious_violations() =>
        RunAsync("axe-sources", async page =>
        {
            await page.GotoAsync("/sources");
            await Expect(page.GetByTestId("source-section")).ToHaveCountAsync(6);
            await AssertNoSeriousViolationsAsync(page);
        });
}
