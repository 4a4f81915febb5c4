using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Baricitinib.Dosing.Tests.Kidney;

/// <summary>Properties of the equations over the whole valid input range (10,000 cases each).</summary>
public class KidneyEquationPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(10_000);

    // Creatinine 0.1–20 mg/dL in steps of 0.001, so neighbouring values are tested, not only round ones.
    private static readonly Gen<double> Creatinine = Gen.Choose(100, 20_000).Select(i => i / 1000.0);
    private static readonly Gen<double> AdultAge = Gen.Choose(180, 1200).Select(i => i / 10.0);
    private static readonly Gen<bool> Female = Gen.Elements(true, false);

    [Fact]
    public void CKD_EPI_eGFR_falls_as_creatinine_rises() =>
        Prop.ForAll((from a in Creatinine from b in Creatinine from age in AdultAge from female in Female select (a, b, age, female)).ToArbitrary(),
            t => t.a == t.b || (t.a < t.b) == (KidneyEquations.CkdEpi2021(t.a, t.age, t.female) > KidneyEquations.CkdEpi2021(t.b, t.age, t.female)))
        .Check(Runs);

    [Fact]
    public void Bedside_Schwartz_eGFR_falls_as_creatinine_rises() =>
        Prop.ForAll((from a in Creatinine from b in Creatinine from h in Gen.Choose(30, 250) select (a, b, h)).ToArbitrary(),
            t => t.a == t.b || (t.a < t.b) == (KidneyEquations.BedsideSchwartz(t.a, t.h) > KidneyEquations.BedsideSchwartz(t.b, t.h)))
        .Check(Runs);

    [Fact]
    public void Cockcroft_Gault_falls_as_creatinine_rises() =>
        Prop.ForAll((from a in Creatinine from b in Creatinine from age in AdultAge from w in Gen.Choose(5, 4000) from female in Female select (a, b, age, w / 10.0, female)).ToArbitrary(),
            t => t.a == t.b || (t.a < t.b) == (KidneyEquations.CockcroftGault(t.a, t.age, t.Item4, t.female) > KidneyEquations.CockcroftGault(t.b, t.age, t.Item4, t.female)))
        .Check(Runs);

    [Fact]
    public void Every_estimate_is_a_finite_number_for_every_valid_creatinine_request()
    {
        var calculator = new DosingCalculator();
        var requests =
            from age in Gen.Choose(0, 1200).Select(i => i / 10.0)
            from female in Female
            from micromoles in Gen.Elements(false, true)
            from scr in micromoles ? Gen.Choose(9, 1768).Select(i => (double)i) : Creatinine
            from weight in Gen.Choose(5, 4000).Select(i => i / 10.0)
            from height in Gen.Choose(30, 250).Select(i => (double)i)
            select new DosingRequest
            {
                Indication = Indication.RheumatoidArthritis,
                AgeYears = age,
                Sex = female ? Sex.Female : Sex.Male,
                SerumCreatinine = scr,
                CreatinineUnit = micromoles ? CreatinineUnit.UmolPerL : CreatinineUnit.MgPerDl,
                WeightKg = weight,
                HeightCm = height,
            };
        Prop.ForAll(requests.ToArbitrary(), r =>
        {
            var result = calculator.Calculate(r).Result;
            return result is not null
                && result.KidneyFunction.Estimates.Count >= 3
                && result.KidneyFunction.Estimates.All(e => double.IsFinite(e.Value) && e.Value > 0);
        }).Check(Runs);
    }
}
