using Baricitinib.Web.Components.Calculator;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>The kidney panel: every estimate, and the Cockcroft–Gault clearance with each weight, the one used marked.</summary>
public class KidneyPanelTests : WebTestContext
{
    private const string WeightsDecide = "indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=female&weightKg=80&heightCm=165&serumCreatinine=1.1";

    [Theory]
    [InlineData(CockcroftGaultWeight.Actual, "actual", "77.3")]
    [InlineData(CockcroftGaultWeight.Ideal, "ideal", "54.97")]
    [InlineData(CockcroftGaultWeight.Adjusted, "adjusted", "63.9")]
    public void With_sex_height_weight_and_creatinine_the_clearance_is_listed_with_each_weight_and_the_one_used_is_marked(CockcroftGaultWeight chosen, string used, string value)
    {
        var result = Calculate(WeightsDecide + "&cockcroftGaultWeight=" + used);
        var panel = Render<KidneyPanel>(p => p.Add(k => k.Kidney, result.KidneyFunction).Add(k => k.ChosenWeight, chosen));

        var rows = panel.FindAll("[data-testid=kidney-estimate][data-method=cockcroft-gault]");
        Assert.Equal(["actual", "ideal", "adjusted"], rows.Select(r => r.GetAttribute("data-weight")));
        var marked = Assert.Single(rows, r => r.GetAttribute("data-used") == "true");
        Assert.Equal(used, marked.GetAttribute("data-weight"));
        Assert.Contains($"{value} mL/min", marked.TextContent, StringComparison.Ordinal);
        Assert.Contains("(weight used)", marked.TextContent, StringComparison.Ordinal);
        Assert.All(rows.Where(r => r != marked), r => Assert.Contains("For comparison only", r.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_height_one_Cockcroft_Gault_clearance_is_listed_with_no_weight_marker()
    {
        var result = Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=female&weightKg=80&serumCreatinine=1.1");
        var panel = Render<KidneyPanel>(p => p.Add(k => k.Kidney, result.KidneyFunction));
        var row = panel.Find("[data-testid=kidney-estimate][data-method=cockcroft-gault]");
        Assert.Equal("actual", row.GetAttribute("data-weight"));
        Assert.DoesNotContain("(weight used)", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimates_without_a_weight_carry_no_weight_attribute()
    {
        var result = Calculate(WeightsDecide);
        var panel = Render<KidneyPanel>(p => p.Add(k => k.Kidney, result.KidneyFunction));
        Assert.All(panel.FindAll("[data-testid=kidney-estimate]:not([data-method=cockcroft-gault])"), r => Assert.False(r.HasAttribute("data-weight")));
    }
}
