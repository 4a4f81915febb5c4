using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Sources;

/// <summary>What each source's row says when it is silent, needs an input, or reads a value its own way.</summary>
public class SourceRowTests
{
    private static SourceOpinion Row(string query, string source) =>
        TestRequests.Calculate(query).Sources.Single(s => s.Source == source);

    [Theory]
    [InlineData("49.5")]
    [InlineData("50")]
    public void The_seed_calculator_is_silent_above_49_up_to_and_including_50(string egfr)
    {
        var row = Row($"indication=rheumatoid-arthritis&ageYears=55&egfr={egfr}", "seed-article-calculator");
        Assert.Equal(Agreement.Silent, row.Agreement);
        Assert.Equal(RecommendationStatus.Silent, row.Recommendation.Status);
        Assert.Contains("No band covers eGFR " + egfr, row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_calculator_just_above_50_is_2_mg_and_exactly_at_49_is_1_mg()
    {
        Assert.Equal("2 mg once daily", Row("indication=rheumatoid-arthritis&ageYears=55&egfr=50.01", "seed-article-calculator").Recommendation.Text);
        Assert.Equal("1 mg once daily", Row("indication=rheumatoid-arthritis&ageYears=55&egfr=49", "seed-article-calculator").Recommendation.Text);
    }

    [Fact]
    public void An_EU_child_without_a_weight_under_the_US_label_shows_needs_input_naming_the_weight()
    {
        var row = Row("indication=juvenile-idiopathic-arthritis&ageYears=10&egfr=90", "eu-smpc");
        Assert.Equal(RecommendationStatus.NeedsInput, row.Recommendation.Status);
        Assert.Equal(Agreement.Silent, row.Agreement);
        Assert.Contains("weight (kg)", row.Note, StringComparison.Ordinal);
        Assert.Equal("weightKg", row.MissingInput);
    }

    [Fact]
    public void For_a_child_with_COVID_19_the_prescribing_information_row_is_silent_and_says_why()
    {
        var row = Row("indication=covid-19&ageYears=8&egfr=90", "fda-pi");
        Assert.Equal(Agreement.Silent, row.Agreement);
        Assert.Equal("The prescribing information covers adults; children are treated under the emergency use authorization.", row.Note);
    }

    [Fact]
    public void For_an_adult_the_EUA_row_is_silent_and_says_why()
    {
        var row = Row("indication=covid-19&ageYears=40&egfr=90", "fda-eua-pediatric-covid");
        Assert.Equal(Agreement.Silent, row.Agreement);
        Assert.Contains("adults are treated under the prescribing information", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_EU_row_says_when_it_used_the_eGFR_in_place_of_creatinine_clearance()
    {
        var row = Row("indication=rheumatoid-arthritis&ageYears=55&egfr=45", "eu-smpc");
        Assert.Equal(KidneyMeasure.Egfr, row.MeasureUsed);
        Assert.Contains("stands in for the creatinine clearance", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_article_text_row_notes_that_it_calls_alopecia_areata_off_label()
    {
        var row = Row("indication=alopecia-areata&ageYears=40&egfr=90", "seed-article-text");
        Assert.Equal(Agreement.Agrees, row.Agreement);
        Assert.Contains("off-label", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_monograph_says_it_gives_no_OAT3_numbers()
    {
        var row = Row("indication=rheumatoid-arthritis&ageYears=55&egfr=90&strongOat3Inhibitor=true", "seed-monograph");
        Assert.Equal(Agreement.Silent, row.Agreement);
        Assert.Contains("dosage adjustments", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_source_row_carries_a_citation()
    {
        var result = TestRequests.Calculate("indication=covid-19&ageYears=60&egfr=20&strongOat3Inhibitor=true");
        Assert.All(result.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Citation)));
    }

    [Fact]
    public void A_near_band_edge_flag_names_the_dose_on_each_side()
    {
        var flag = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=58").Flags.Single(f => f.Code == "near-band-edge");
        Assert.Equal(Severity.Info, flag.Severity);
        Assert.Contains("2 mg once daily at 60 and above; 1 mg once daily below 60", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_near_band_edge_flag_more_than_3_from_an_edge()
    {
        Assert.DoesNotContain(TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=56.9").Flags, f => f.Code == "near-band-edge");
        Assert.Contains(TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=57").Flags, f => f.Code == "near-band-edge");
    }

    [Fact]
    public void On_the_EU_label_the_edge_at_60_belongs_to_the_2_mg_band()
    {
        var flag = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&creatinineClearance=61").Flags.Single(f => f.Code == "near-band-edge");
        Assert.Contains("4 mg once daily above 60; 2 mg once daily at 60 and below", flag.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=90&strongOat3Inhibitor=true")]
    [InlineData("indication=alopecia-areata&ageYears=40&egfr=90&strongOat3Inhibitor=true")]
    [InlineData("indication=covid-19&ageYears=60&egfr=90&strongOat3Inhibitor=true")]
    public void The_current_US_OAT3_steps_are_unverified_for_every_indication(string query)
    {
        var result = TestRequests.Calculate(query);
        Assert.False(result.Recommendation.Verified);
        Assert.Contains(result.Flags, f => f.Code == "unverified-rule" && f.Severity == Severity.Warning);
    }

    [Fact]
    public void A_row_without_a_dose_gives_its_reason_in_words()
    {
        var row = Row("indication=covid-19&ageYears=12&egfr=25", "eu-smpc");
        Assert.StartsWith("The EU SmPC says not approved: COVID-19 is not an authorised indication in the EU", row.Note, StringComparison.Ordinal);
        Assert.Contains("The FDA emergency use authorization gives 1 mg once daily (eGFR 15 to <30).", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_renal_band_gives_the_dose_already_reached_an_info_flag_says_so()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&creatinineClearance=45");
        var flag = result.Flags.Single(f => f.Code == "renal-band-limit");
        Assert.Equal(Severity.Info, flag.Severity);
        Assert.Contains("this band also gives 2 mg once daily", flag.Message, StringComparison.Ordinal);
        Assert.Empty(result.Recommendation.Alternatives);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("14.9")]
    public void No_near_band_edge_flag_where_both_sides_of_the_edge_say_not_recommended(string egfr) =>
        Assert.DoesNotContain(TestRequests.Calculate($"indication=rheumatoid-arthritis&ageYears=55&egfr={egfr}").Flags, f => f.Code == "near-band-edge");

    [Fact]
    public void The_seed_article_readings_treat_dialysis_as_their_below_30_band()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&dialysisOrAki=true");
        Assert.Equal("2 mg every other day", result.Sources.Single(s => s.Source == "seed-article-calculator").Recommendation.Text);
        Assert.Equal("1 mg once daily", result.Sources.Single(s => s.Source == "seed-article-text").Recommendation.Text);
    }

    [Fact]
    public void Where_not_recommended_meets_not_approved_the_note_says_both_advise_against_use_and_gives_both_reasons()
    {
        var row = Row("indication=covid-19&ageYears=60&dialysisOrAki=true", "eu-smpc");
        Assert.Equal(Agreement.Differs, row.Agreement);
        Assert.StartsWith("Both advise against use", row.Note, StringComparison.Ordinal);
        Assert.Contains("not an authorised indication in the EU", row.Note, StringComparison.Ordinal);
        Assert.Contains("dialysis", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_calculator_answers_for_a_child_and_says_it_has_no_age_input()
    {
        var row = Row("indication=juvenile-idiopathic-arthritis&jurisdiction=eu&ageYears=10&weightKg=35&egfr=45", "seed-article-calculator");
        Assert.Equal("1 mg once daily", row.Recommendation.Text);
        Assert.Contains("no age input", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_text_reads_its_atopic_dermatitis_line_for_a_child_and_says_so()
    {
        var row = Row("indication=atopic-dermatitis&jurisdiction=eu&ageYears=12&weightKg=35&egfr=90", "seed-article-text");
        Assert.Equal("2 mg once daily", row.Recommendation.Text);
        Assert.Contains("states no age limit", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_text_discourages_combination_therapy()
    {
        var row = Row("indication=rheumatoid-arthritis&ageYears=55&egfr=90&concomitantImmunosuppressant=true", "seed-article-text");
        Assert.Equal(RecommendationStatus.NotRecommended, row.Recommendation.Status);
        Assert.Equal(Agreement.Agrees, row.Agreement);
    }

    [Theory]
    [InlineData("60", "4 mg once daily")]
    [InlineData("29.9", "Not recommended")]
    public void The_seed_monograph_applies_its_COVID_19_kidney_statement_to_children(string egfr, string expected)
    {
        var row = Row($"indication=covid-19&ageYears=12&egfr={egfr}", "seed-monograph");
        Assert.Equal(expected, row.Recommendation.Text);
        Assert.Empty(row.Recommendation.Alternatives);
    }
}
