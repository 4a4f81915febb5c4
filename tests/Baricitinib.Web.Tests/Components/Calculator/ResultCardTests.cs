using Baricitinib.Web.Application;
using Baricitinib.Web.Components.Calculator;
using Baricitinib.Web.Tests.Snapshots;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>The result card for each status, with its flags, citation, alternatives and cautions.</summary>
public class ResultCardTests : WebTestContext
{
    private IRenderedComponent<ResultCard> Card(DosingResult? result, OutcomeStatus status) =>
        Render<ResultCard>(p => p.Add(c => c.Result, result).Add(c => c.Status, status));

    private IRenderedComponent<ResultCard> Card(string query)
    {
        var result = Calculate(query);
        return Card(result, new DoseOutcome(result, []).Status);
    }

    [Fact]
    public void A_dose_shows_the_dose_text_status_and_citation()
    {
        var card = Card("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var root = card.Find("[data-testid=recommendation]");
        Assert.Equal("dose", root.GetAttribute("data-status"));
        Assert.Equal("1 mg once daily", card.Find("[data-testid=recommended-dose]").TextContent);
        Assert.Equal("US PI (rev. 06/2026) §2.5, §8.6", card.Find("[data-testid=citation]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=unverified-caution]"));
    }

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45", "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=866e9f35-9035-4581-a4b1-75a621ab55cf")]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&creatinineClearance=45", "https://www.ema.europa.eu/en/medicines/human/EPAR/olumiant")]
    [InlineData("indication=covid-19&ageYears=8&egfr=90", "https://www.covid19.lilly.com/baricitinib/hcp")]
    public void The_card_names_the_label_in_plain_words_and_links_to_it_in_a_new_tab(string query, string url)
    {
        var link = Card(query).Find("[data-testid=document-link]");
        Assert.Equal(url, link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.False(string.IsNullOrWhiteSpace(link.TextContent));
    }

    [Fact]
    public void A_product_choice_is_cited_as_the_calculators_reading_with_a_link_to_the_sources_page()
    {
        var card = Card("indication=covid-19&ageYears=60&egfr=59.9");
        var reading = card.FindAll("a.reading")[0];
        Assert.StartsWith("This calculator's reading: ", reading.TextContent, StringComparison.Ordinal);
        Assert.Equal("sources#choices", reading.GetAttribute("href"));
    }

    [Fact]
    public void A_flag_reads_as_its_severity_then_its_message_then_its_citation_with_no_padding_text_in_between()
    {
        var flag = Card("indication=rheumatoid-arthritis&ageYears=55&egfr=45").FindAll("[data-testid=flag]")[0];
        Assert.Equal(
            "Warning eGFR 45 (30 to <60): dose reduced to 1 mg once daily.US PI (rev. 06/2026) §2.5, §8.6",
            flag.TextContent);
        Assert.Equal("US PI (rev. 06/2026) §2.5, §8.6", flag.QuerySelector(".cite")!.TextContent);
    }

    [Fact]
    public void Not_recommended_shows_the_stop_flag_first()
    {
        var card = Card("indication=rheumatoid-arthritis&ageYears=55&egfr=29.9");
        Assert.Equal("not-recommended", card.Find("[data-testid=recommendation]").GetAttribute("data-status"));
        Assert.Equal("Not recommended", card.Find("[data-testid=recommended-dose]").TextContent);
        var first = card.FindAll("[data-testid=flag]")[0];
        Assert.Equal("renal-not-recommended", first.GetAttribute("data-code"));
        Assert.Equal("stop", first.GetAttribute("data-severity"));
    }

    [Fact]
    public void Not_approved_shows_the_reason()
    {
        var card = Card("indication=atopic-dermatitis&ageYears=30&egfr=90");
        Assert.Equal("Not approved", card.Find("[data-testid=recommended-dose]").TextContent);
        Assert.Contains(card.FindAll("[data-testid=flag]"), f => f.GetAttribute("data-code") == "indication-not-approved");
    }

    [Fact]
    public void No_label_dose_reads_no_dose_defined_by_the_label()
    {
        var card = Card("indication=atopic-dermatitis&jurisdiction=eu&ageYears=3&weightKg=9.9&egfr=90");
        Assert.Equal("no-label-dose", card.Find("[data-testid=recommendation]").GetAttribute("data-status"));
        Assert.Equal("No dose defined by the label", card.Find("[data-testid=recommended-dose]").TextContent);
    }

    [Theory]
    [InlineData(OutcomeStatus.Incomplete, "Enter the missing inputs")]
    [InlineData(OutcomeStatus.Invalid, "Correct the highlighted inputs")]
    public void Without_a_result_no_dose_is_shown(OutcomeStatus status, string text)
    {
        var card = Card(null, status);
        Assert.Equal(WireNames.Of(status), card.Find("[data-testid=recommendation]").GetAttribute("data-status"));
        Assert.Equal(text, card.Find("[data-testid=recommended-dose]").TextContent);
        Assert.DoesNotContain(" mg", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void COVID_19_shows_its_duration()
    {
        var card = Card("indication=covid-19&ageYears=60&egfr=90");
        Assert.Equal("for 14 days or until hospital discharge, whichever occurs first", card.Find("[data-testid=duration]").TextContent);
    }

    [Fact]
    public void An_unverified_rule_shows_the_check_the_label_caution()
    {
        var card = Card("indication=covid-19&ageYears=8.9&egfr=29.9");
        Assert.Contains("against the current label", card.Find("[data-testid=unverified-caution]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Alopecia_areata_shows_the_4_mg_alternative_with_its_condition()
    {
        var card = Card("indication=alopecia-areata&ageYears=40&egfr=90");
        var alternative = card.Find("[data-testid=alternative]");
        Assert.Equal("4", alternative.GetAttribute("data-dose-mg"));
        Assert.Contains("nearly complete or complete scalp hair loss", alternative.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indication=alopecia-areata&ageYears=40&egfr=20")]
    [InlineData("indication=alopecia-areata&ageYears=40&egfr=20&extensiveScalpHairLoss=true&strongOat3Inhibitor=true")]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&creatinineClearance=90&hepaticImpairment=severe")]
    [InlineData("indication=atopic-dermatitis&jurisdiction=eu&ageYears=40&creatinineClearance=90&pregnant=true")]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&dialysisOrAki=true")]
    [InlineData("indication=covid-19&ageYears=60&egfr=10&strongOat3Inhibitor=true")]
    public void A_not_recommended_result_renders_no_dose_text_anywhere_on_the_card(string query)
    {
        var card = Card(query);
        Assert.Equal("not-recommended", card.Find("[data-testid=recommendation]").GetAttribute("data-status"));
        Assert.Empty(card.FindAll("[data-testid=alternative]"));
        Assert.Empty(card.FindAll("[data-testid=duration]"));
        Assert.DoesNotMatch(@"\d\s*mg", card.Markup);
    }

    [Fact]
    public void Blood_counts_below_the_threshold_show_the_dose_once_they_recover_and_no_dose_step_flag()
    {
        var card = Card("indication=covid-19&ageYears=60&egfr=45&absoluteNeutrophilCount=400");
        var alternative = card.Find("[data-testid=alternative]");
        Assert.Equal("2", alternative.GetAttribute("data-dose-mg"));
        Assert.Contains("once ANC ≥ 500 cells/mm³", alternative.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(card.FindAll("[data-testid=flag]"), f => f.GetAttribute("data-code") is "renal-dose-reduced" or "treatment-duration");
    }

    [Fact]
    public void Flags_are_ordered_stop_then_warning_then_info()
    {
        var card = Card("indication=covid-19&ageYears=60&egfr=59.9&absoluteLymphocyteCount=150&concomitantImmunosuppressant=true&breastfeeding=true");
        var severities = card.FindAll("[data-testid=flag]").Select(f => f.GetAttribute("data-severity")).ToList();
        var rank = severities.Select(s => s switch { "stop" => 0, "warning" => 1, _ => 2 }).ToList();
        Assert.Equal(rank.Order().ToList(), rank);
        Assert.Contains("stop", severities);
        Assert.Contains("info", severities);
    }

    [Theory]
    [InlineData("ra-us-egfr-45", "indication=rheumatoid-arthritis&ageYears=55&egfr=45")]
    [InlineData("aa-probenecid-egfr-40", "indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true")]
    [InlineData("covid-child-8-9-egfr-59-9", "indication=covid-19&ageYears=8.9&egfr=59.9")]
    [InlineData("ra-alc-low", "indication=rheumatoid-arthritis&ageYears=55&egfr=90&absoluteLymphocyteCount=400")]
    public void The_result_card_matches_its_verified_snapshot(string name, string query) =>
        Snapshot.Verify(Card(query), "result-card." + name);
}
