using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Kidney;

/// <summary>Which measure each source uses, and what the estimates panel lists (decisions.md, Kidney function).</summary>
public class KidneyProfileTests
{
    [Fact]
    public void Creatinine_only_for_an_adult_gives_CKD_EPI_Cockcroft_Gault_BSA_and_de_indexed_estimates()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=70&sex=female&heightCm=160&weightKg=55&serumCreatinine=1.3");
        var methods = result.KidneyFunction.Estimates.Select(e => (WireNames.Of(e.Measure), WireNames.Of(e.Method))).ToList();
        Assert.Equal([("egfr", "ckd-epi-2021"), ("crcl", "cockcroft-gault"), ("crcl", "cockcroft-gault"), ("crcl", "cockcroft-gault"), ("bsa", "mosteller"), ("egfr-absolute", "de-indexed")], methods);
        Assert.Equal([CockcroftGaultWeight.Actual, CockcroftGaultWeight.Ideal, CockcroftGaultWeight.Adjusted],
            result.KidneyFunction.Estimates.Where(e => e.Method == EstimateMethod.CockcroftGault).Select(e => e.Weight!.Value));
        Assert.Equal(KidneyMeasure.Egfr, result.KidneyFunction.MeasureUsed);
        Assert.Equal(44.2, result.KidneyFunction.Value!.Value, 1);
        Assert.Equal("30 to <60", result.KidneyFunction.Band);
        var eu = result.Sources.Single(s => s.Source == "eu-smpc");
        Assert.Equal(KidneyMeasure.Crcl, eu.MeasureUsed);
        Assert.Contains("creatinine clearance 34.96 mL/min", eu.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reported_eGFR_is_used_and_the_computed_one_is_shown_beside_it()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=70&sex=female&serumCreatinine=1.3&egfr=65");
        Assert.Equal(65, result.KidneyFunction.Value);
        Assert.Equal("≥60", result.KidneyFunction.Band);
        var computed = result.KidneyFunction.Estimates.Single(e => e.Method == EstimateMethod.CkdEpi2021);
        Assert.Equal(44.2, computed.Value, 1);
        Assert.Contains("reported eGFR is used", computed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_uses_bedside_Schwartz_and_never_CKD_EPI_or_Cockcroft_Gault()
    {
        var result = TestRequests.Calculate("indication=covid-19&ageYears=8&heightCm=125&weightKg=24&serumCreatinine=1.2");
        Assert.DoesNotContain(result.KidneyFunction.Estimates, e => e.Method is EstimateMethod.CkdEpi2021 or EstimateMethod.CockcroftGault);
        Assert.Equal(EstimateMethod.BedsideSchwartz, result.KidneyFunction.Estimates[0].Method);
        Assert.Equal(43.0, result.KidneyFunction.Value!.Value, 1);
        Assert.Equal("1 mg once daily", result.Recommendation.Text);
    }

    [Fact]
    public void EU_rules_use_creatinine_clearance_when_both_are_given_and_US_rules_use_eGFR()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&egfr=90&creatinineClearance=45");
        Assert.Equal(KidneyMeasure.Crcl, result.KidneyFunction.MeasureUsed);
        Assert.Equal("2 mg once daily", result.Recommendation.Text);
        Assert.DoesNotContain(result.Flags, f => f.Code == "egfr-used-for-crcl");
        var us = result.Sources.Single(s => s.Source == "fda-pi");
        Assert.Equal(KidneyMeasure.Egfr, us.MeasureUsed);
        Assert.Equal("2 mg once daily", us.Recommendation.Text);
    }

    [Fact]
    public void US_rules_fall_back_to_creatinine_clearance_with_a_flag()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&creatinineClearance=45");
        Assert.Equal(KidneyMeasure.Crcl, result.KidneyFunction.MeasureUsed);
        Assert.Contains(result.Flags, f => f.Code == "crcl-used-for-egfr" && f.Severity == Severity.Info);
        Assert.Equal("1 mg once daily", result.Recommendation.Text);
    }

    [Fact]
    public void Worked_example_5_names_both_values_and_both_doses_when_the_measures_disagree()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=85&sex=female&heightCm=150&weightKg=45&serumCreatinine=0.9");
        var flag = result.Flags.Single(f => f.Code == "kidney-measures-disagree");
        Assert.Equal(Severity.Warning, flag.Severity);
        Assert.Contains("eGFR (CKD-EPI 2021) 62.6", flag.Message, StringComparison.Ordinal);
        Assert.Contains("gives 2 mg once daily", flag.Message, StringComparison.Ordinal);
        Assert.Contains("creatinine clearance (Cockcroft–Gault) 32.5", flag.Message, StringComparison.Ordinal);
        Assert.Contains("gives 1 mg once daily", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dialysis_without_a_value_gives_the_dialysis_band()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&dialysisOrAki=true");
        Assert.Equal("dialysis/ESRD/AKI", result.KidneyFunction.Band);
        Assert.Null(result.KidneyFunction.MeasureUsed);
    }

    [Fact]
    public void A_computed_value_just_below_an_edge_is_banded_unrounded()
    {
        // CKD-EPI for a man of 50 with creatinine 1.384 is 62.0; 1.43 gives 59.66, which must stay below 60.
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=50&sex=male&serumCreatinine=1.43");
        Assert.True(result.KidneyFunction.Value < 60);
        Assert.Equal("30 to <60", result.KidneyFunction.Band);
        Assert.Equal("1 mg once daily", result.Recommendation.Text);
    }
}
