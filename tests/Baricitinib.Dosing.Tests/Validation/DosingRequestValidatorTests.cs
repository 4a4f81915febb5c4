using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Validation;

namespace Baricitinib.Dosing.Tests.Validation;

/// <summary>Boundary tests of every range (decisions.md, Input rules), named as sentences.</summary>
public class DosingRequestValidatorTests
{
    private static readonly DosingRequest Valid = new()
    {
        Indication = Indication.RheumatoidArthritis,
        AgeYears = 55,
        Egfr = 45,
    };

    private static IReadOnlyList<FieldError> Errors(DosingRequest request) =>
        DosingRequestValidator.ToFieldErrors(new DosingRequestValidator().Validate(request));

    [Fact]
    public void A_minimal_request_with_indication_age_and_eGFR_is_valid() => Assert.Empty(Errors(Valid));

    [Theory]
    [InlineData(0, true)]
    [InlineData(120, true)]
    [InlineData(-0.1, false)]
    [InlineData(120.1, false)]
    public void Age_is_valid_exactly_at_each_bound_and_invalid_just_outside(double age, bool valid)
    {
        var errors = Errors(Valid with { AgeYears = age });
        Assert.Equal(valid, errors.All(e => e.Field != "ageYears"));
        if (!valid)
        {
            Assert.Equal("Age must be between 0 and 120 years.", errors.Single(e => e.Field == "ageYears").Message);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(250, true)]
    [InlineData(-0.1, false)]
    [InlineData(250.1, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void EGFR_is_valid_exactly_at_each_bound_and_invalid_outside_or_not_a_number(double egfr, bool valid)
    {
        var errors = Errors(Valid with { Egfr = egfr });
        Assert.Equal(valid, errors.All(e => e.Field != "egfr"));
        if (!valid)
        {
            Assert.Equal("eGFR must be between 0 and 250 mL/min/1.73 m².", errors.Single(e => e.Field == "egfr").Message);
        }
    }

    [Theory]
    [InlineData("weightKg", 0.5, true)]
    [InlineData("weightKg", 0.4, false)]
    [InlineData("weightKg", 400, true)]
    [InlineData("weightKg", 400.1, false)]
    [InlineData("heightCm", 30, true)]
    [InlineData("heightCm", 29.9, false)]
    [InlineData("heightCm", 250, true)]
    [InlineData("heightCm", 250.1, false)]
    [InlineData("creatinineClearance", 0, true)]
    [InlineData("creatinineClearance", 250.1, false)]
    [InlineData("absoluteLymphocyteCount", 0, true)]
    [InlineData("absoluteLymphocyteCount", 100000, true)]
    [InlineData("absoluteLymphocyteCount", 100000.1, false)]
    [InlineData("absoluteNeutrophilCount", -1, false)]
    [InlineData("hemoglobin", 1, true)]
    [InlineData("hemoglobin", 0.9, false)]
    [InlineData("hemoglobin", 25, true)]
    [InlineData("hemoglobin", 25.1, false)]
    public void Each_range_holds_exactly_at_its_bound_and_fails_just_outside(string field, double value, bool valid)
    {
        var request = field switch
        {
            "weightKg" => Valid with { WeightKg = value },
            "heightCm" => Valid with { HeightCm = value },
            "creatinineClearance" => Valid with { CreatinineClearance = value },
            "absoluteLymphocyteCount" => Valid with { AbsoluteLymphocyteCount = value },
            "absoluteNeutrophilCount" => Valid with { AbsoluteNeutrophilCount = value },
            _ => Valid with { Hemoglobin = value },
        };
        var errors = Errors(request).Where(e => e.Field == field).ToList();
        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Contains("must be between", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(20, true)]
    [InlineData(0.09, false)]
    public void Serum_creatinine_in_mg_per_dL_holds_from_0_1_to_20(double scr, bool valid) =>
        Assert.Equal(valid, Errors(Valid with { Egfr = null, SerumCreatinine = scr, Sex = Sex.Male }).All(e => e.Field != "serumCreatinine"));

    [Fact]
    public void A_creatinine_above_20_mg_per_dL_is_refused_as_a_likely_micromole_value()
    {
        var error = Errors(Valid with { SerumCreatinine = 106 }).Single(e => e.Field == "serumCreatinine");
        Assert.Contains("looks like a µmol/L value", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsMissing);
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(1768, true)]
    [InlineData(8.9, false)]
    [InlineData(1768.1, false)]
    public void Serum_creatinine_in_micromoles_holds_from_9_to_1768(double scr, bool valid) =>
        Assert.Equal(valid, Errors(Valid with { SerumCreatinine = scr, CreatinineUnit = CreatinineUnit.UmolPerL }).All(e => e.Field != "serumCreatinine"));

    [Fact]
    public void A_missing_kidney_function_is_a_missing_input_on_eGFR()
    {
        var error = Errors(Valid with { Egfr = null }).Single();
        Assert.Equal("egfr", error.Field);
        Assert.True(error.IsMissing);
        Assert.Contains("serum creatinine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dialysis_alone_is_enough_kidney_function() => Assert.Empty(Errors(Valid with { Egfr = null, DialysisOrAki = true }));

    [Fact]
    public void Creatinine_alone_for_an_adult_needs_the_sex() =>
        Assert.Equal("sex", Errors(Valid with { Egfr = null, SerumCreatinine = 1.1 }).Single().Field);

    [Fact]
    public void Creatinine_alone_for_a_child_needs_the_height() =>
        Assert.Equal("heightCm", Errors(Valid with { Indication = Indication.Covid19, AgeYears = 8, Egfr = null, SerumCreatinine = 0.6 }).Single().Field);

    [Fact]
    public void Under_the_EU_label_creatinine_alone_for_an_adult_needs_the_weight_for_Cockcroft_Gault()
    {
        var error = Errors(Valid with { Jurisdiction = Jurisdiction.Eu, Egfr = null, SerumCreatinine = 1.1, Sex = Sex.Male }).Single();
        Assert.Equal("weightKg", error.Field);
        Assert.True(error.IsMissing);
        Assert.Contains("Cockcroft–Gault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_US_label_creatinine_alone_for_an_adult_does_not_need_the_weight() =>
        Assert.Empty(Errors(Valid with { Egfr = null, SerumCreatinine = 1.1, Sex = Sex.Male }));

    [Fact]
    public void Creatinine_with_a_reported_eGFR_needs_nothing_else() =>
        Assert.Empty(Errors(Valid with { SerumCreatinine = 1.1 }));

    [Fact]
    public void An_EU_child_with_atopic_dermatitis_needs_the_weight()
    {
        var error = Errors(Valid with { Indication = Indication.AtopicDermatitis, Jurisdiction = Jurisdiction.Eu, AgeYears = 10 }).Single();
        Assert.Equal("weightKg", error.Field);
        Assert.True(error.IsMissing);
    }

    [Fact]
    public void A_US_child_with_atopic_dermatitis_does_not_need_the_weight() =>
        Assert.Empty(Errors(Valid with { Indication = Indication.AtopicDermatitis, AgeYears = 10 }));

    [Fact]
    public void Indication_and_age_are_required()
    {
        var errors = Errors(new DosingRequest { Egfr = 45 });
        Assert.Equal(["indication", "ageYears"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.True(e.IsMissing));
    }
}
