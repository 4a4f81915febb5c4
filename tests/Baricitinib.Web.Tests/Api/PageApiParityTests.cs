using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Baricitinib.Web.Tests.Api;

/// <summary>The page and the API give the same result for the same inputs (the page's first render is served as HTML).</summary>
public class PageApiParityTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    public static TheoryData<string> Queries() =>
    [
        "indication=rheumatoid-arthritis&ageYears=55&egfr=45",
        "indication=rheumatoid-arthritis&ageYears=55&egfr=29.9",
        "indication=covid-19&ageYears=8.9&egfr=59.9",
        "indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true",
        "indication=atopic-dermatitis&ageYears=30&egfr=90",
        "indication=atopic-dermatitis&jurisdiction=eu&ageYears=30&egfr=90",
        "indication=juvenile-idiopathic-arthritis&jurisdiction=eu&ageYears=3&weightKg=9.9&egfr=90",
        "indication=rheumatoid-arthritis&ageYears=85&sex=female&heightCm=150&weightKg=45&serumCreatinine=0.9",
        "indication=covid-19&ageYears=12&heightCm=150&serumCreatinine=80&creatinineUnit=umol%2FL",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task The_page_shows_the_API_result_status_dose_flags_and_source_rows(string query)
    {
        var client = factory.CreateClient();
        var api = JsonDocument.Parse(await client.GetStringAsync("/api/v1/dose?" + query)).RootElement;
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/?" + query));

        var card = page.QuerySelector("[data-testid=recommendation]")!;
        Assert.Equal(api.GetProperty("recommendation").GetProperty("status").GetString(), card.GetAttribute("data-status"));
        Assert.Equal(api.GetProperty("recommendation").GetProperty("text").GetString(), page.QuerySelector("[data-testid=recommended-dose]")!.TextContent);
        Assert.Equal(
            api.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()),
            page.QuerySelectorAll("[data-testid=flag]").Select(f => f.GetAttribute("data-code")));
        Assert.Equal(
            api.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("source").GetString(), s.GetProperty("agreement").GetString(), s.GetProperty("recommendation").GetProperty("text").GetString())).Order(),
            page.QuerySelectorAll("[data-testid=source-row]").Select(r => (r.GetAttribute("data-source"), r.GetAttribute("data-agreement"), (string?)r.QuerySelector("[data-testid=source-dose]")!.TextContent)).Order());
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task The_page_lists_the_rows_that_differ_first_then_those_that_agree_then_the_silent_ones(string query)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await factory.CreateClient().GetStringAsync("/?" + query));
        var rank = page.QuerySelectorAll("[data-testid=source-row]")
            .Select(r => r.GetAttribute("data-agreement") switch { "differs" => 0, "agrees" => 1, _ => 2 }).ToList();
        Assert.Equal(rank.Order().ToList(), rank);
    }
}
