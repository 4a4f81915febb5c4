using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>
/// The 2026-12-06 corrections (decisions.md, changed 2026-12-06), each at its edge: exactly at and just below, with
/// the words a pharmacist reads.
/// </summary>
public class CorrectionTests
{
    private static SourceOpinion Row(DosingResult result, string source) => result.Sources.Single(s => s.Source == source);

    [Theory]
    [InlineData(12, 150, 4)]
    [InlineData(12, 199.9, 4)]
    [InlineData(5, 199.9, 2)]
    public void A_child_with_COVID_19_and_ALC_below_200_is_not_recommended_with_the_dose_once_ALC_recovers(double age, double alc, int recoveryMg)
    {
        var result = TestRequests.Calculate($"indication=covid-19&ageYears={age.ToString(CultureInfo.InvariantCulture)}&egfr=90&absoluteLymphocyteCount={alc.ToString(CultureInfo.InvariantCulture)}");
        var r = result.Recommendation;
        Assert.Equal(("fda-eua-pediatric-covid", RecommendationStatus.NotRecommended, "Not recommended"), (r.Source, r.Status, r.Text));
        Assert.Null(r.DoseMg);
        Assert.False(r.Verified);
        var alternative = Assert.Single(r.Alternatives);
        Assert.Equal((recoveryMg, "once ALC ≥ 200 cells/mm³"), (alternative.DoseMg, alternative.When));
        var stop = result.Flags.Single(f => f.Code == "lymphocytes-low");
        Assert.Equal(Severity.Stop, stop.Severity);
        Assert.Contains($"then {recoveryMg} mg once daily, the dose this label gives this patient otherwise", stop.Message, StringComparison.Ordinal);
        Assert.Contains(result.Flags, f => f.Code == "unverified-rule");
        Assert.DoesNotContain(result.Flags, f => f.Code == "treatment-duration");
    }

    [Fact]
    public void A_child_with_COVID_19_and_ANC_between_500_and_1000_keeps_the_dose_with_the_limited_information_warning()
    {
        var result = TestRequests.Calculate("indication=covid-19&ageYears=12&egfr=90&absoluteNeutrophilCount=700");
        Assert.Equal("4 mg once daily", result.Recommendation.Text);
        var flag = result.Flags.Single(f => f.Code == "neutrophils-low");
        Assert.Equal(Severity.Warning, flag.Severity);
        Assert.Contains("limited information in children", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_with_COVID_19_and_ANC_below_500_has_one_neutrophil_flag_and_it_stops()
    {
        var result = TestRequests.Calculate("indication=covid-19&ageYears=12&egfr=90&absoluteNeutrophilCount=499.9");
        var flag = Assert.Single(result.Flags, f => f.Code == "neutrophils-low");
        Assert.Equal(Severity.Stop, flag.Severity);
        Assert.Equal("once ANC ≥ 500 cells/mm³", result.Recommendation.Alternatives.Single().When);
    }

    [Theory]
    [InlineData("hepaticImpairment=severe")]
    [InlineData("activeTuberculosis=true")]
    [InlineData("pregnant=true&sex=female")]
    public void The_monograph_says_not_recommended_at_eGFR_45_as_at_75_when_its_stop_statement_matches(string modifier)
    {
        foreach (var egfr in new[] { 45, 75 })
        {
            var row = Row(TestRequests.Calculate($"indication=covid-19&ageYears=60&egfr={egfr}&{modifier}"), "seed-monograph");
            Assert.Equal(RecommendationStatus.NotRecommended, row.Recommendation.Status);
            Assert.NotEqual(Agreement.Silent, row.Agreement);
        }
    }

    [Fact]
    public void Without_a_matching_stop_the_monograph_stays_silent_at_eGFR_45_for_COVID_19()
    {
        var row = Row(TestRequests.Calculate("indication=covid-19&ageYears=60&egfr=45"), "seed-monograph");
        Assert.Equal((RecommendationStatus.Silent, Agreement.Silent), (row.Recommendation.Status, row.Agreement));
    }

    [Fact]
    public void Two_rows_without_a_dose_whose_recovery_doses_differ_differ_and_the_note_gives_both()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45&absoluteLymphocyteCount=450");
        Assert.Equal(1, result.Recommendation.Alternatives.Single().DoseMg);
        var eu = Row(result, "eu-smpc");
        Assert.Equal(RecommendationStatus.NotRecommended, eu.Recommendation.Status);
        Assert.Equal(2, eu.Recommendation.Alternatives.Single().DoseMg);
        Assert.Equal(Agreement.Differs, eu.Agreement);
        Assert.StartsWith(
            "Both say not recommended; once blood counts recover the EU SmPC gives 2 mg once daily (once ALC ≥ 500 cells/mm³), the US prescribing information 1 mg once daily (once ALC ≥ 500 cells/mm³).",
            eu.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rows_without_a_dose_with_the_same_recovery_dose_agree()
    {
        var eu = Row(TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=70&egfr=90&absoluteLymphocyteCount=450"), "eu-smpc");
        Assert.Equal((2, Agreement.Agrees), (eu.Recommendation.Alternatives.Single().DoseMg, eu.Agreement));
    }

    [Theory]
    [InlineData(40, "no-label-dose", "No dose defined by the label", null)]
    [InlineData(39.9, "not-recommended", "Not recommended", "renal-not-recommended")]
    public void An_EU_child_under_10_kg_below_the_childrens_kidney_threshold_is_not_recommended_and_below_label_weight_stays(double egfr, string status, string text, string? stop)
    {
        var result = TestRequests.Calculate($"indication=atopic-dermatitis&jurisdiction=eu&ageYears=3&weightKg=9.9&egfr={egfr.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal((status, text), (WireNames.Of(result.Recommendation.Status), result.Recommendation.Text));
        Assert.Contains(result.Flags, f => f.Code == "below-label-weight" && f.Severity == Severity.Warning);
        Assert.Equal(stop, result.Flags.SingleOrDefault(f => f.Severity == Severity.Stop)?.Code);
        Assert.Empty(result.Recommendation.Alternatives);
        Assert.Null(result.Recommendation.DoseMg);
    }

    [Fact]
    public void An_EU_adult_already_at_2_mg_on_probenecid_stays_at_2_mg_with_both_wordings()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&creatinineClearance=90&strongOat3Inhibitor=true");
        Assert.Equal("2 mg once daily", result.Recommendation.Text);
        Assert.False(result.Recommendation.Verified);
        var flag = result.Flags.Single(f => f.Code == "eu-oat3-wording-unclear");
        Assert.Equal(Severity.Info, flag.Severity);
        Assert.Contains("section 4.2 gives 2 mg once daily", flag.Message, StringComparison.Ordinal);
        Assert.Contains("\"should be halved\"", flag.Message, StringComparison.Ordinal);
        Assert.Contains("§4.5", flag.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unverified_message_for_an_adult_with_JIA_names_the_age_once_and_the_dose_cites_this_calculators_reading()
    {
        var result = TestRequests.Calculate("indication=juvenile-idiopathic-arthritis&jurisdiction=eu&ageYears=70&weightKg=60&creatinineClearance=90");
        Assert.Equal("2 mg once daily", result.Recommendation.Text);
        Assert.Contains("This calculator's reading", result.Recommendation.Citation, StringComparison.Ordinal);
        var message = result.Flags.Single(f => f.Code == "unverified-rule").Message;
        Assert.DoesNotContain("(≥18 years), age ≥18 years", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(58.6, false)]
    public void Only_a_clearance_of_exactly_60_cites_the_reading_that_60_is_inside_the_30_60_band(double crcl, bool cited)
    {
        var result = TestRequests.Calculate($"indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&creatinineClearance={crcl.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal("2 mg once daily", result.Recommendation.Text);
        Assert.Equal(cited, result.Recommendation.Citation.Contains("60 is inside the 30–60 band", StringComparison.Ordinal));
    }

    [Fact]
    public void No_row_note_nests_parentheses()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        foreach (var row in result.Sources.Where(s => s.Note is not null))
        {
            var depth = 0;
            foreach (var c in row.Note!)
            {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                Assert.True(depth <= 1, $"Nested parentheses in the {row.Source} note: {row.Note}");
            }
        }
    }
}
