using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Kidney;

namespace Baricitinib.Dosing.Tests.Kidney;

/// <summary>The equations against the worked examples of clinical-sources.md section 7.6 (to 0.1) and their branches.</summary>
public class KidneyEquationsTests
{
    [Fact]
    public void Worked_example_1_woman_70_creatinine_1_3_gives_eGFR_44_2_and_CrCl_35_0()
    {
        Assert.Equal(44.2, KidneyEquations.CkdEpi2021(1.3, 70, female: true), 1);
        Assert.Equal(35.0, KidneyEquations.CockcroftGault(1.3, 70, 55, female: true), 1);
        Assert.Equal(1.563, KidneyEquations.MostellerBsa(160, 55), 3);
        Assert.Equal(40.0, KidneyEquations.DeIndex(KidneyEquations.CkdEpi2021(1.3, 70, true), KidneyEquations.MostellerBsa(160, 55)), 1);
    }

    [Fact]
    public void Worked_example_1_from_micromoles_gives_the_same_eGFR()
    {
        var mg = KidneyEquations.UmolToMgPerDl(114.9);
        Assert.Equal(1.2998, mg, 4);
        Assert.Equal(44.2, KidneyEquations.CkdEpi2021(mg, 70, female: true), 1);
    }

    [Fact]
    public void Worked_example_2_child_8_years_125_cm_creatinine_1_2_gives_43_0_and_is_never_de_indexed()
    {
        Assert.Equal(43.0, KidneyEquations.BedsideSchwartz(1.2, 125), 1);
        Assert.Equal(43.0, KidneyEquations.BedsideSchwartz(KidneyEquations.UmolToMgPerDl(106.08), 125), 1);
        Assert.Equal(0.913, KidneyEquations.MostellerBsa(125, 24), 3);
        Assert.Equal(22.7, KidneyEquations.DeIndex(43.0, KidneyEquations.MostellerBsa(125, 24)), 1);
    }

    [Fact]
    public void Worked_example_3_man_68_creatinine_1_6_gives_CrCl_45_0_and_eGFR_46_6()
    {
        Assert.Equal(45.0, KidneyEquations.CockcroftGault(1.6, 68, 72, female: false), 1);
        Assert.Equal(46.6, KidneyEquations.CkdEpi2021(1.6, 68, female: false), 1);
        Assert.Equal(1.871, KidneyEquations.MostellerBsa(175, 72), 3);
        Assert.Equal(50.4, KidneyEquations.DeIndex(KidneyEquations.CkdEpi2021(1.6, 68, false), KidneyEquations.MostellerBsa(175, 72)), 1);
    }

    [Fact]
    public void Worked_example_5_woman_85_gives_eGFR_62_6_but_CrCl_32_5()
    {
        Assert.Equal(62.6, KidneyEquations.CkdEpi2021(0.9, 85, female: true), 1);
        Assert.Equal(32.5, KidneyEquations.CockcroftGault(0.9, 85, 45, female: true), 1);
    }

    [Theory]
    [InlineData(1.30, 66.9)]
    [InlineData(1.35, 64.0)]
    public void Edge_example_man_50_moves_about_3_units_for_0_05_mg_per_dL(double scr, double expected) =>
        Assert.Equal(expected, KidneyEquations.CkdEpi2021(scr, 50, female: false), 1);

    [Theory]
    [InlineData(0.5, true)]   // creatinine/kappa below 1 (female kappa 0.7): alpha branch
    [InlineData(0.7, true)]   // exactly kappa
    [InlineData(1.5, true)]   // above 1: -1.200 branch
    [InlineData(0.6, false)]  // male kappa 0.9, below
    [InlineData(0.9, false)]
    [InlineData(2.0, false)]
    public void CKD_EPI_2021_follows_the_published_formula_on_each_branch(double scr, bool female)
    {
        var kappa = female ? 0.7 : 0.9;
        var alpha = female ? -0.241 : -0.302;
        var expected = 142 * Math.Pow(Math.Min(scr / kappa, 1), alpha) * Math.Pow(Math.Max(scr / kappa, 1), -1.2) * Math.Pow(0.9938, 40) * (female ? 1.012 : 1);
        Assert.Equal(expected, KidneyEquations.CkdEpi2021(scr, 40, female), 10);
    }

    [Fact]
    public void Female_constants_give_a_different_eGFR_from_male_constants_for_the_same_creatinine()
    {
        // At creatinine 0.8, age 50: female ratio 1.143 (above kappa 0.7): 142 × 1.143^-1.2 × 0.9938^50 × 1.012 = 89.7;
        // male ratio 0.889 (below kappa 0.9): 142 × 0.889^-0.302 × 0.9938^50 = 107.8 (computed by hand).
        Assert.Equal(89.7, KidneyEquations.CkdEpi2021(0.8, 50, female: true), 1);
        Assert.Equal(107.8, KidneyEquations.CkdEpi2021(0.8, 50, female: false), 1);
    }

    [Fact]
    public void Cockcroft_Gault_applies_0_85_for_women_only()
    {
        var male = KidneyEquations.CockcroftGault(1.0, 40, 72, female: false);
        Assert.Equal(100.0, male, 10);
        Assert.Equal(85.0, KidneyEquations.CockcroftGault(1.0, 40, 72, female: true), 10);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(7.3)]
    [InlineData(20)]
    public void Units_round_trip_between_mg_per_dL_and_micromoles(double mg) =>
        Assert.Equal(mg, KidneyEquations.UmolToMgPerDl(KidneyEquations.MgPerDlToUmol(mg)), 12);

    [Fact]
    public void One_mg_per_dL_is_88_4_micromoles() => Assert.Equal(88.4, KidneyEquations.MgPerDlToUmol(1), 10);
}

/// <summary>Cockcroft–Gault with ideal (Devine) or adjusted body weight, on the reference's worked examples 1 and 3.</summary>
public class CockcroftGaultWeightTests
{
    [Theory]
    [InlineData(175, false, 70.46)] // 68.898 in: 50 + 2.3 × 8.898 = 70.465
    [InlineData(160, true, 52.38)]  // 62.99 in: 45.5 + 2.3 × 2.99
    [InlineData(152.4, false, 50.0)] // exactly 5 feet
    public void Devine_ideal_weight_is_50_or_45_5_kg_plus_2_3_kg_per_inch_over_5_feet(double heightCm, bool female, double expected) =>
        Assert.Equal(expected, KidneyEquations.DevineIdealWeight(heightCm, female), 2);

    [Fact]
    public void Adjusted_weight_is_ideal_plus_four_tenths_of_the_excess() =>
        Assert.Equal(80 + (0.4 * 20), KidneyEquations.AdjustedWeight(100, 80), 10);

    [Theory]
    // Worked example 3: man, 68 y, 72 kg, 175 cm, Scr 1.6 mg/dL. Actual 45.0; ideal 70.465/1.6 = 44.04;
    // adjusted 70.465 + 0.4 × 1.535 = 71.079 kg → 71.079/1.6 = 44.42 mL/min.
    [InlineData("actual", 45.0, "Actual body weight.")]
    [InlineData("ideal", 44.04, "Ideal body weight (Devine), 70.5 kg.")]
    [InlineData("adjusted", 44.42, "Adjusted body weight (ideal + 0.4 × (actual − ideal)), 71.1 kg.")]
    public void Each_Cockcroft_Gault_estimate_uses_and_names_the_chosen_weight(string weight, double expected, string note)
    {
        var result = TestRequests.Calculate($"indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&sex=male&weightKg=72&heightCm=175&serumCreatinine=1.6&cockcroftGaultWeight={weight}");
        var cg = result.KidneyFunction.Estimates.Single(e => e.Method == EstimateMethod.CockcroftGault && WireNames.Of(e.Weight!.Value) == weight);
        Assert.Equal(expected, cg.Value, 2);
        Assert.Equal(note, cg.Note);
        Assert.Equal(cg.Value, result.KidneyFunction.Value);
    }

    [Fact]
    public void With_sex_height_weight_and_creatinine_the_clearance_is_listed_with_each_weight_and_only_the_chosen_one_is_used()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&sex=male&weightKg=72&heightCm=175&serumCreatinine=1.6&cockcroftGaultWeight=ideal");
        var cg = result.KidneyFunction.Estimates.Where(e => e.Method == EstimateMethod.CockcroftGault).ToList();
        Assert.Equal([CockcroftGaultWeight.Actual, CockcroftGaultWeight.Ideal, CockcroftGaultWeight.Adjusted], cg.Select(e => e.Weight!.Value));
        Assert.Equal([45.0, 44.04, 44.42], cg.Select(e => Math.Round(e.Value, 2)));
        Assert.Equal(44.04, result.KidneyFunction.Value!.Value, 2);
        Assert.EndsWith("For comparison only: the chosen weight is used.", cg[0].Note, StringComparison.Ordinal);
        Assert.EndsWith("For comparison only: the chosen weight is used.", cg[2].Note, StringComparison.Ordinal);
        Assert.Equal("Ideal body weight (Devine), 70.5 kg.", cg[1].Note);
    }

    [Theory]
    // Man, 60 y, 55 kg, 185 cm, Scr 1.2: Devine 72.83 in → 79.5 kg, above 55 kg; adjusted 69.7 kg, above too.
    // The actual weight is used for both: (140 − 60) × 55 / (72 × 1.2) = 50.93 mL/min (2 mg under the EU label, not 4 mg).
    [InlineData("ideal", "The ideal body weight (Devine), 79.5 kg, is above the actual weight: the actual weight, 55 kg, is used.")]
    [InlineData("adjusted", "The adjusted body weight, 69.7 kg, is above the actual weight: the actual weight, 55 kg, is used.")]
    public void An_ideal_or_adjusted_weight_above_the_actual_weight_is_replaced_by_the_actual_weight(string weight, string note)
    {
        var result = TestRequests.Calculate($"indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=60&sex=male&weightKg=55&heightCm=185&serumCreatinine=1.2&cockcroftGaultWeight={weight}");
        var used = result.KidneyFunction.Estimates.Single(e => e.Method == EstimateMethod.CockcroftGault && WireNames.Of(e.Weight!.Value) == weight);
        Assert.Equal(50.93, used.Value, 2);
        Assert.Equal(note, used.Note);
        Assert.Equal("2 mg once daily", result.Recommendation.Text);
    }

    [Theory]
    // Woman, 50 y, 48 kg, 150 cm (below 152.4 cm, where Devine is not defined), Scr 0.8:
    // (140 − 50) × 48 / (72 × 0.8) × 0.85 = 63.75 mL/min with every weight choice.
    [InlineData("ideal", "150")]
    [InlineData("adjusted", "150")]
    [InlineData("ideal", "152.3")] // just below 60 in
    public void Below_152_4_cm_ideal_and_adjusted_weight_use_the_actual_weight_with_a_note(string weight, string height)
    {
        var result = TestRequests.Calculate($"indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=female&weightKg=48&heightCm={height}&serumCreatinine=0.8&cockcroftGaultWeight={weight}");
        var used = result.KidneyFunction.Estimates.Single(e => e.Method == EstimateMethod.CockcroftGault && WireNames.Of(e.Weight!.Value) == weight);
        Assert.Equal(63.75, used.Value, 2);
        Assert.Contains("not defined below 152.4 cm (60 in): the actual weight, 48 kg, is used", used.Note, StringComparison.Ordinal);
        Assert.Equal(63.75, result.KidneyFunction.Value!.Value, 2);
    }

    [Fact]
    public void Exactly_at_152_4_cm_Devine_is_defined_and_the_ideal_weight_is_used()
    {
        // Man, 152.4 cm: Devine 50 kg, below the actual 60 kg. Scr 1.0, 50 y: 90 × 50 / 72 = 62.5 mL/min.
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=male&weightKg=60&heightCm=152.4&serumCreatinine=1&cockcroftGaultWeight=ideal");
        Assert.Equal(62.5, result.KidneyFunction.Value!.Value, 2);
    }

    [Fact]
    public void When_the_weights_give_different_EU_doses_cg_weight_decides_names_each_weight_its_clearance_and_its_dose()
    {
        // Woman, 50 y, 80 kg, 165 cm, Scr 1.1. Devine 64.96 in → 56.9 kg; adjusted 56.9 + 0.4 × 23.1 = 66.1 kg.
        // Actual 90 × 80 / 79.2 × 0.85 = 77.27 (4 mg); ideal 54.97 (2 mg, 30–60); adjusted 63.86 (4 mg).
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=female&weightKg=80&heightCm=165&serumCreatinine=1.1");
        var flag = result.Flags.Single(f => f.Code == "cg-weight-decides");
        Assert.Equal(Severity.Warning, flag.Severity);
        Assert.Equal(
            "The weight used for Cockcroft–Gault decides the dose: actual weight 80 kg gives 77.3 mL/min: 4 mg once daily; ideal (Devine) weight 56.9 kg gives 54.97 mL/min: 2 mg once daily; adjusted weight 66.1 kg gives 63.9 mL/min: 4 mg once daily. The actual weight was chosen and is used.",
            flag.Message);
        Assert.Equal("4 mg once daily", result.Recommendation.Text);
    }

    [Fact]
    public void Worked_example_1_woman_of_55_kg_and_160_cm_with_ideal_weight_gives_33_3_mL_per_min()
    {
        var result = TestRequests.Calculate("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&sex=female&weightKg=55&heightCm=160&serumCreatinine=1.3&cockcroftGaultWeight=ideal");
        Assert.Equal((140 - 70) * 52.38 / (72 * 1.3) * 0.85, result.KidneyFunction.Value!.Value, 1);
    }

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&sex=male&weightKg=72&serumCreatinine=1.6&cockcroftGaultWeight=ideal")]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&weightKg=72&heightCm=175&egfr=50&cockcroftGaultWeight=adjusted")]
    public void Ideal_or_adjusted_weight_without_height_and_sex_is_a_message_naming_the_field(string query)
    {
        var outcome = new Baricitinib.Dosing.Engine.DosingCalculator().Calculate(TestRequests.FromQuery(query));
        Assert.Null(outcome.Result);
        Assert.Contains(outcome.Errors, e => e.Field == "cockcroftGaultWeight" && e.Message.Contains("height and the sex", StringComparison.Ordinal));
    }
}
