using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Baricitinib.Dosing.Tests.Kidney;

/// <summary>Properties of the equations over the whole valid input range (10,000 cases each).</summary>
public class KidneyEquationPropertyTests
{
    private const int Runs = 10_000;

    /// <summary>Shrinks a pair of creatinine values toward round ones (0.1 mg/dL), keeping them different, so a
    /// failure prints the simplest pair that shows it (and the seed that replays it).</summary>
    private static IEnumerable<(double a, double b, T rest)> Rounder<T>((double a, double b, T rest) t)
    {
        var a = Math.Round(t.a, 1);
        var b = Math.Round(t.b, 1);
        if ((a, b) != (t.a, t.b) && a != b)
        {
            yield return (a, b, t.rest);
        }
    }

    // Creatinine 0.1–20 mg/dL in steps of 0.001, so neighbouring values are tested, not only round ones.
    private static readonly Gen<double> Creatinine = Gen.Choose(100, 20_000).Select(i => i / 1000.0);
    private static readonly Gen<double> AdultAge = Gen.Choose(180, 1200).Select(i => i / 10.0);
    private static readonly Gen<bool> Female = Gen.Elements(true, false);

    [Property(MaxTest = Runs)]
    public Property CKD_EPI_eGFR_falls_as_creatinine_rises() =>
        Prop.ForAll(Arb.From(from a in Creatinine from b in Creatinine from age in AdultAge from female in Female select (a, b, rest: (age, female)), Rounder),
            t => t.a == t.b || (t.a < t.b) == (KidneyEquations.CkdEpi2021(t.a, t.rest.age, t.rest.female) > KidneyEquations.CkdEpi2021(t.b, t.rest.age, t.rest.female)));

    [Property(MaxTest = Runs)]
    public Property Bedside_Schwartz_eGFR_falls_as_creatinine_rises() =>
        Prop.ForAll(Arb.From(from a in Creatinine from b in Creatinine from h in Gen.Choose(30, 250) select (a, b, rest: h), Rounder),
            t => t.a == t.b || (t.a < t.b) == (KidneyEquations.BedsideSchwartz(t.a, t.rest) > KidneyEquations.BedsideSchwartz(t.b, t.rest)));

    [Property(MaxTest = Runs)]
    public Property Cockcroft_Gault_falls_as_creatinine_rises() =>
        Prop.ForAll(Arb.From(from a in Creatinine from b in Creatinine from age in AdultAge from w in Gen.Choose(5, 4000) from female in Female select (a, b, rest: (age, weight: w / 10.0, female)), Rounder),
            t => t.a == t.b || (t.a < t.b) == (KidneyEquations.CockcroftGault(t.a, t.rest.age, t.rest.weight, t.rest.female) > KidneyEquations.CockcroftGault(t.b, t.rest.age, t.rest.weight, t.rest.female)));

    [Property(MaxTest = Runs)]
    public Property Every_estimate_is_a_finite_number_for_every_valid_creatinine_request()
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
        // Shrinks toward round creatinine values (0.1 mg/dL, whole µmol/L).
        var shrinking = Arb.From(requests, r => r.SerumCreatinine is { } scr && Math.Round(scr, 1) != scr
            ? [r with { SerumCreatinine = Math.Round(scr, 1) }]
            : Array.Empty<DosingRequest>());
        return Prop.ForAll(shrinking, r =>
        {
            var result = calculator.Calculate(r).Result;
            return result is not null
                && result.KidneyFunction.Estimates.Count >= 3
                && result.KidneyFunction.Estimates.All(e => double.IsFinite(e.Value) && e.Value > 0);
        });
    }
}
