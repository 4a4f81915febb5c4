using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>
/// The invariants behind the 2026-12-06 corrections (decisions.md, changed 2026-12-06), over generated patients.
/// Each is an FsCheck property: a failure prints the shrunk patient and the seed that replays it.
/// </summary>
public class CorrectionPropertyTests
{
    private const int Runs = 3_000;
    private static readonly DosingCalculator Calculator = new();

    private static DosingResult Result(DosingRequest request)
    {
        var outcome = Calculator.Calculate(request);
        return outcome.Result ?? throw new InvalidOperationException("Generated an invalid request: " + string.Join("; ", outcome.Errors.Select(e => e.Message)));
    }

    /// <summary>Generated patients that shrink as the safety properties' do (one modifier fewer at a time).</summary>
    private static Arbitrary<DosingRequest> Arbitrary(Gen<DosingRequest> gen) => Arb.From(gen, SafetyPropertyTests.Simpler);

    /// <summary>
    /// (a) A source's stop statements apply in every kidney band: a row that is silent for a patient would not say
    /// "not recommended" for the same patient with normal kidney function and no OAT3 inhibitor (where every source
    /// has its dose rule). Were it so, the silence hid a stop that matches the patient.
    /// </summary>
    [Property(MaxTest = Runs)]
    public Property No_source_row_is_silent_when_one_of_its_stop_statements_matches_the_patient() =>
        Prop.ForAll(Arbitrary(SafetyPropertyTests.Patients), request =>
        {
            var silent = Result(request).Sources
                .Where(s => s.Recommendation.Status == RecommendationStatus.Silent)
                .Select(s => s.Source)
                .ToList();
            if (silent.Count == 0)
            {
                return true;
            }

            var normal = Result(request with
            {
                Egfr = 90,
                CreatinineClearance = 90,
                SerumCreatinine = null,
                DialysisOrAki = false,
                StrongOat3Inhibitor = false,
            });
            return normal.Sources.Where(s => silent.Contains(s.Source)).All(s => s.Recommendation.Status != RecommendationStatus.NotRecommended);
        });

    private static readonly Gen<DosingRequest> AdultsWithCreatinine =
        from request in SafetyPropertyTests.Patients
        from age in Gen.Choose(180, 1000).Select(i => i / 10.0)
        from height in Gen.OneOf(Gen.Elements(150.0, 152.3, 152.4, 152.5), Gen.Choose(1200, 2200).Select(i => i / 10.0))
        from weight in Gen.Choose(300, 2000).Select(i => i / 10.0)
        from scr in Gen.Choose(3, 60).Select(i => i / 10.0)
        from choice in Gen.Elements(Enum.GetValues<CockcroftGaultWeight>())
        select request with
        {
            AgeYears = age,
            HeightCm = height,
            WeightKg = weight,
            SerumCreatinine = scr,
            Egfr = null,
            CreatinineClearance = null,
            CockcroftGaultWeight = choice,
        };

    /// <summary>(b) The weight used for Cockcroft–Gault is never above the actual weight, whatever weight is chosen.</summary>
    [Property(MaxTest = Runs)]
    public Property The_weight_used_for_Cockcroft_Gault_is_never_above_the_actual_weight() =>
        Prop.ForAll(Arbitrary(AdultsWithCreatinine), request =>
        {
            var withActual = KidneyEquations.CockcroftGault(request.SerumCreatinine!.Value, request.AgeYears!.Value, request.WeightKg!.Value, request.Sex == Sex.Female);
            var estimates = Result(request).KidneyFunction.Estimates.Where(e => e.Method == EstimateMethod.CockcroftGault).ToList();
            return estimates.Count == 3 && estimates.All(e => e.Value <= withActual * (1 + 1e-12));
        });

    private static readonly Gen<DosingRequest> ChildrenWithCovidAndLowCounts =
        from request in SafetyPropertyTests.Patients
        from age in Gen.OneOf(Gen.Elements(2.0, 8.9, 9.0, 17.9), Gen.Choose(20, 179).Select(i => i / 10.0))
        from alc in Gen.OneOf(Gen.Elements<double?>(null, 0, 199.9, 200, 1000), Gen.Choose(0, 199).Select(i => (double?)i))
        from anc in Gen.OneOf(Gen.Elements<double?>(null, 0, 499.9, 500, 999.9), Gen.Choose(0, 499).Select(i => (double?)i))
        where (alc is < 200) || (anc is < 500)
        select request with { Indication = Indication.Covid19, AgeYears = age, AbsoluteLymphocyteCount = alc, AbsoluteNeutrophilCount = anc };

    /// <summary>(c) A child with COVID-19 whose ALC is below 200 or ANC below 500 cells/mm³ gets no dose, under either label.</summary>
    [Property(MaxTest = Runs)]
    public Property A_child_with_COVID_19_and_ALC_below_200_or_ANC_below_500_gets_no_dose() =>
        // Not shrunk by removing modifiers: a shrink that dropped the low count would no longer be such a child.
        Prop.ForAll(Arb.From(ChildrenWithCovidAndLowCounts), request =>
        {
            var result = Result(request);
            var eua = result.Recommendation.Source == "fda-eua-pediatric-covid"
                ? result.Recommendation
                : result.Sources.Single(s => s.Source == "fda-eua-pediatric-covid").Recommendation;
            return result.Recommendation.Status != RecommendationStatus.Dose
                && result.Recommendation.DoseMg is null
                && eua.Status != RecommendationStatus.Dose;
        });
}
