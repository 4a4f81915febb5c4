using System.Text.Json;
using Baricitinib.Web.LabelCurrency;

namespace Baricitinib.Web.Tests.LabelCurrency;

/// <summary>DailyMed's history answer, as its documentation gives it, and what is refused.</summary>
public class DailyMedHistoryTests
{
    [Fact]
    public void The_documented_format_gives_every_version_and_its_publication_date()
    {
        const string json = """
            {"metadata":{"elements_per_page":"100","total_elements":"3","total_pages":"1"},
             "data":{"setid":"9aa7140c-012c-4ea6-866d-4732e915dab6","title":"EDECRIN",
                     "history":[{"spl_version":3,"published_date":"Sep 26, 2012"},{"spl_version":"2","published_date":"Mar 12, 2010"},{"spl_version":1,"published_date":"Jun 30, 2009"}]}}
            """;
        Assert.Equal(
            [new PublishedRevision(3, new DateOnly(2012, 9, 26)), new PublishedRevision(2, new DateOnly(2010, 3, 12)), new PublishedRevision(1, new DateOnly(2009, 6, 30))],
            DailyMedHistory.Parse(json));
    }

    [Fact]
    public void A_data_array_of_entries_is_read_too() =>
        Assert.Single(DailyMedHistory.Parse("""{"data":[{"spl_version":7,"published_date":"Dec 3, 2026"}]}"""));

    [Theory]
    [InlineData("""{"metadata":{}}""")]
    [InlineData("""{"data":{"setid":"x"}}""")]
    [InlineData("""{"data":{"history":[{"spl_version":1}]}}""")]
    [InlineData("""{"data":{"history":[{"spl_version":"one","published_date":"Dec 3, 2026"}]}}""")]
    [InlineData("""{"data":{"history":[{"spl_version":1,"published_date":"someday"}]}}""")]
    [InlineData("""[1,2,3]""")]
    public void An_answer_that_is_not_a_history_is_refused(string json) =>
        Assert.ThrowsAny<FormatException>(() => DailyMedHistory.Parse(json));

    [Fact]
    public void Text_that_is_not_JSON_is_refused() =>
        Assert.ThrowsAny<JsonException>(() => DailyMedHistory.Parse("<html>Service unavailable</html>"));
}
