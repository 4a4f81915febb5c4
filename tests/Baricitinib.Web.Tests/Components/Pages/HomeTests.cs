using System.Text.RegularExpressions;
using Baricitinib.Web.Components.Calculator;
using Baricitinib.Web.Components.Pages;
using Baricitinib.Web.Tests.Api;

namespace Baricitinib.Web.Tests.Components.Pages;

/// <summary>The page at "/": static, with the calculator as its one interactive part.</summary>
public partial class HomeTests : WebTestContext
{
    [Fact]
    public void The_home_page_places_the_calculator()
    {
        var page = Render<Home>();

        Assert.NotNull(page.FindComponent<CalculatorPage>());
        Assert.NotNull(page.Find("[data-testid=calculator]"));
    }

    [Fact]
    public async Task Only_the_calculator_is_interactive_the_title_layout_and_footer_are_static()
    {
        using var app = new ApiFactory();
        var html = await app.CreateClient().GetStringAsync(new Uri("/?indication=rheumatoid-arthritis&ageYears=55&egfr=45", UriKind.Relative));

        var start = Assert.Single(ServerMarker().Matches(html));
        var end = html.IndexOf("<!--Blazor:{\"prerenderId\"", start.Index, StringComparison.Ordinal);
        Assert.True(end > start.Index, "the interactive part ends");
        var calculator = html.IndexOf("data-testid=\"calculator\"", StringComparison.Ordinal);
        Assert.InRange(calculator, start.Index, end);
        Assert.InRange(html.IndexOf("<title>Baricitinib dose calculator</title>", StringComparison.Ordinal), 0, start.Index);
        Assert.InRange(html.IndexOf("class=\"site-head", StringComparison.Ordinal), 0, start.Index);
        Assert.True(html.IndexOf("data-testid=\"rule-set-version\"", StringComparison.Ordinal) > end, "the footer is after the calculator, outside it");
    }

    [GeneratedRegex("<!--Blazor:\\{\"type\":\"server\"")]
    private static partial Regex ServerMarker();
}
