using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>Doses the label allows under a stated condition (decisions.md, Statuses versus flags; Doses).</summary>
public class AlternativeDoseTests
{
    [Fact]
    public void Just_below_the_lymphocyte_threshold_the_dose_once_counts_recover_is_offered()
    {
        var r = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=90&absoluteLymphocyteCount=499.9").Recommendation;
        Assert.Equal(RecommendationStatus.NotRecommended, r.Status);
        var alternative = Assert.Single(r.Alternatives);
        Assert.Equal(2, alternative.DoseMg);
        Assert.Equal("once ALC ≥ 500 cells/mm³", alternative.When);
    }

    [Fact]
    public void With_renal_impairment_the_recovery_dose_is_the_renally_reduced_dose()
    {
        var r = TestRequests.Calculate("indication=covid-19&ageYears=60&egfr=45&absoluteNeutrophilCount=400").Recommendation;
        Assert.Equal(RecommendationStatus.NotRecommended, r.Status);
        Assert.Equal((2, "once ANC ≥ 500 cells/mm³"), (r.Alternatives.Single().DoseMg, r.Alternatives.Single().When));
    }

    [Fact]
    public void Another_stop_reason_removes_the_recovery_dose()
    {
        var r = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=90&absoluteLymphocyteCount=400&activeTuberculosis=true").Recommendation;
        Assert.Empty(r.Alternatives);
    }

    [Fact]
    public void Alopecia_areata_offers_4_mg_and_halves_it_with_renal_impairment()
    {
        Assert.Equal(4, TestRequests.Calculate("indication=alopecia-areata&ageYears=40&egfr=90").Recommendation.Alternatives.Single().DoseMg);
        var renal = TestRequests.Calculate("indication=alopecia-areata&ageYears=40&egfr=45").Recommendation;
        Assert.Equal((1, 2), (renal.DoseMg!.Value, renal.Alternatives.Single().DoseMg));
    }

    [Fact]
    public void Extensive_scalp_hair_loss_makes_4_mg_the_dose_with_2_mg_once_response_is_adequate()
    {
        var r = TestRequests.Calculate("indication=alopecia-areata&ageYears=40&egfr=90&extensiveScalpHairLoss=true").Recommendation;
        Assert.Equal(4, r.DoseMg);
        Assert.Equal((2, "once an adequate response is reached"), (r.Alternatives.Single().DoseMg, r.Alternatives.Single().When));
    }

    [Fact]
    public void The_EU_lower_dose_group_may_go_to_4_mg_but_not_with_renal_impairment()
    {
        Assert.Equal(4, TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&creatinineClearance=90").Recommendation.Alternatives.Single().DoseMg);
        Assert.Empty(TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&creatinineClearance=45").Recommendation.Alternatives);
    }

    [Fact]
    public void The_seed_monograph_RA_4_mg_makes_its_row_differ_under_the_US_label()
    {
        var row = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=90").Sources.Single(s => s.Source == "seed-monograph");
        Assert.Equal(Agreement.Differs, row.Agreement);
        Assert.Contains("also allows 4 mg once daily", row.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&creatinineClearance=90&strongOat3Inhibitor=true")]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&creatinineClearance=90&strongOat3Inhibitor=true")]
    public void With_a_strong_OAT3_inhibitor_the_EU_adult_dose_is_2_mg_with_no_alternative(string query)
    {
        var r = TestRequests.Calculate(query).Recommendation;
        Assert.Equal(2, r.DoseMg);
        Assert.Empty(r.Alternatives);
    }

    [Fact]
    public void EU_RA_at_4_mg_offers_2_mg_once_disease_is_under_sustained_control()
    {
        var ra = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=40&creatinineClearance=90").Recommendation;
        Assert.Equal((2, "once disease activity is under sustained control (consider switching)"), (ra.Alternatives.Single().DoseMg, ra.Alternatives.Single().When));
    }

    [Theory]
    [InlineData("alopecia-areata")]
    [InlineData("atopic-dermatitis")]
    public void EU_alopecia_areata_and_atopic_dermatitis_adults_on_4_mg_are_offered_the_unverified_2_mg_taper(string indication)
    {
        var r = TestRequests.Calculate($"indication={indication}&jurisdiction=eu&ageYears=40&creatinineClearance=90").Recommendation;
        Assert.Equal(4, r.DoseMg);
        var taper = Assert.Single(r.Alternatives);
        Assert.Equal(2, taper.DoseMg);
        Assert.StartsWith("once sustained control is achieved (tapering", taper.When, StringComparison.Ordinal);
        Assert.Contains("check the current label", taper.When, StringComparison.Ordinal);
    }
}
