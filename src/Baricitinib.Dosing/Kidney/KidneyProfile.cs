using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Kidney;

/// <summary>The kidney value one source's rule is applied to.</summary>
/// <param name="Measure">The measure.</param>
/// <param name="Method">How it was obtained.</param>
/// <param name="Value">The value, never rounded.</param>
/// <param name="Fallback">True when the source's own measure was unavailable and another stood in for it.</param>
internal sealed record KidneyReading(KidneyMeasure Measure, EstimateMethod Method, double Value, bool Fallback)
{
    public string Unit => Units.Of(Measure);
}

/// <summary>Units of each measure.</summary>
internal static class Units
{
    public const string Indexed = "mL/min/1.73 m²";
    public const string PerMinute = "mL/min";
    public const string SquareMetres = "m²";

    public static string Of(KidneyMeasure measure) => measure switch
    {
        KidneyMeasure.Egfr => Indexed,
        KidneyMeasure.Bsa => SquareMetres,
        KidneyMeasure.Crcl or KidneyMeasure.EgfrAbsolute => PerMinute,
    };
}

/// <summary>
/// Every kidney estimate for one patient, and the choice of measure for each kind of rule
/// (decisions.md, "Kidney function": reported first, then computed, then the other measure with a flag).
/// </summary>
internal sealed class KidneyProfile
{
    private KidneyProfile(bool dialysis, KidneyReading? egfr, KidneyReading? crcl, IReadOnlyList<KidneyEstimate> estimates)
    {
        Dialysis = dialysis;
        EgfrReading = egfr;
        CrclReading = crcl;
        Estimates = estimates;
        ForEgfrRule = egfr ?? (crcl is null ? null : crcl with { Fallback = true });
        ForCrclRule = crcl ?? (egfr is null ? null : egfr with { Fallback = true });
    }

    /// <summary>On dialysis, ESRD or AKI.</summary>
    public bool Dialysis { get; }

    /// <summary>The eGFR a rule in mL/min/1.73 m² uses: reported, else computed; null when neither exists.</summary>
    public KidneyReading? EgfrReading { get; }

    /// <summary>The creatinine clearance a rule in mL/min uses: reported, else Cockcroft–Gault.</summary>
    public KidneyReading? CrclReading { get; }

    /// <summary>Every estimate, in display order.</summary>
    public IReadOnlyList<KidneyEstimate> Estimates { get; }

    /// <summary>What a rule written in eGFR uses: eGFR, else creatinine clearance (flagged as a fallback).</summary>
    public KidneyReading? ForEgfrRule { get; }

    /// <summary>What a rule written in creatinine clearance uses: CrCl, else eGFR as it is (flagged, never de-indexed).</summary>
    public KidneyReading? ForCrclRule { get; }

    /// <summary>Every eGFR or CrCl estimate that a band could be applied to (for the disagreement check).</summary>
    /// <summary>Every eGFR or CrCl estimate that a band could be applied to (for the disagreement check); the
    /// Cockcroft–Gault clearances with a weight not chosen are compared by <c>cg-weight-decides</c> instead.</summary>
    public IReadOnlyList<KidneyReading> BandableReadings => _bandable ??= Bandable(Estimates, _comparisonOnly);

    private static KidneyReading[] Bandable(IReadOnlyList<KidneyEstimate> estimates, List<KidneyEstimate>? comparisonOnly)
    {
        var readings = new List<KidneyReading>(estimates.Count);
        foreach (var e in estimates)
        {
            if (e.Measure is KidneyMeasure.Egfr or KidneyMeasure.Crcl && comparisonOnly?.Contains(e) != true)
            {
                readings.Add(new KidneyReading(e.Measure, e.Method, e.Value, false));
            }
        }

        return [.. readings];
    }

    private IReadOnlyList<KidneyReading>? _bandable;

    private List<KidneyEstimate>? _comparisonOnly;

    /// <summary>Devine's formula starts at 60 inches (152.4 cm); below it the ideal weight is not defined.</summary>
    public const double DevineMinimumHeightCm = 152.4;

    /// <summary>
    /// The weight Cockcroft–Gault uses for one weight choice, and how the estimate says so: never above the actual
    /// weight, and the actual weight where Devine is not defined or the height is missing (decisions.md, Kidney
    /// function, "Weight for Cockcroft–Gault").
    /// </summary>
    internal static (double Kg, string Text) CockcroftGaultWeightFor(CockcroftGaultWeight choice, double actual, double? heightCm, bool female)
    {
        var actualText = $"actual weight, {Formatting.Number(Math.Round(actual, 1))} kg";
        if (choice == CockcroftGaultWeight.Actual)
        {
            return (actual, "Actual body weight.");
        }

        var name = choice == CockcroftGaultWeight.Ideal ? "ideal body weight (Devine)" : "adjusted body weight";
        if (heightCm is not { } height)
        {
            return (actual, $"The {name} needs the height: the {actualText}, is used.");
        }

        if (height < DevineMinimumHeightCm)
        {
            return (actual, $"Devine's ideal weight is not defined below 152.4 cm (60 in): the {actualText}, is used for the {name}.");
        }

        var ideal = KidneyEquations.DevineIdealWeight(height, female);
        var kg = choice == CockcroftGaultWeight.Ideal ? ideal : KidneyEquations.AdjustedWeight(actual, ideal);
        var formula = choice == CockcroftGaultWeight.Ideal ? "Ideal body weight (Devine)" : "Adjusted body weight (ideal + 0.4 × (actual − ideal))";
        return kg > actual
            ? (actual, $"The {name}, {Formatting.Number(Math.Round(kg, 1))} kg, is above the actual weight: the {actualText}, is used.")
            : (kg, $"{formula}, {Formatting.Number(Math.Round(kg, 1))} kg.");
    }

    private static readonly CockcroftGaultWeight[] WeightChoices = [CockcroftGaultWeight.Actual, CockcroftGaultWeight.Ideal, CockcroftGaultWeight.Adjusted];

    /// <summary>
    /// The Cockcroft–Gault clearance with each weight (actual, ideal, adjusted), when sex, height, weight and
    /// creatinine are all known; otherwise empty. The chosen weight's is the one used.
    /// </summary>
    public IReadOnlyList<(CockcroftGaultWeight Weight, double Kg, double Value)> CockcroftGaultByWeight { get; private init; } = [];

    /// <summary>Builds the profile from a validated request.</summary>
    public static KidneyProfile From(DosingRequest request)
    {
        var estimates = new List<KidneyEstimate>();
        var age = request.AgeYears ?? 0;
        var child = age < 18;
        var female = request.Sex == Sex.Female;
        double? scrMg = request.SerumCreatinine is { } scr
            ? request.CreatinineUnit == CreatinineUnit.UmolPerL ? KidneyEquations.UmolToMgPerDl(scr) : scr
            : null;

        KidneyReading? egfr = null;
        if (request.Egfr is { } reportedEgfr)
        {
            egfr = new KidneyReading(KidneyMeasure.Egfr, EstimateMethod.Reported, reportedEgfr, false);
            estimates.Add(new KidneyEstimate(KidneyMeasure.Egfr, EstimateMethod.Reported, reportedEgfr, Units.Indexed));
        }

        if (scrMg is { } s && s > 0)
        {
            if (!child && request.Sex is not null)
            {
                var value = KidneyEquations.CkdEpi2021(s, age, female);
                estimates.Add(new KidneyEstimate(KidneyMeasure.Egfr, EstimateMethod.CkdEpi2021, value, Units.Indexed,
                    egfr is null ? null : "Computed from creatinine; the reported eGFR is used."));
                egfr ??= new KidneyReading(KidneyMeasure.Egfr, EstimateMethod.CkdEpi2021, value, false);
            }
            else if (child && request.HeightCm is { } h)
            {
                var value = KidneyEquations.BedsideSchwartz(s, h);
                estimates.Add(new KidneyEstimate(KidneyMeasure.Egfr, EstimateMethod.BedsideSchwartz, value, Units.Indexed,
                    egfr is null ? "Indexed to 1.73 m², as the paediatric bands are; never de-indexed." : "Computed from creatinine; the reported eGFR is used."));
                egfr ??= new KidneyReading(KidneyMeasure.Egfr, EstimateMethod.BedsideSchwartz, value, false);
            }
        }

        KidneyReading? crcl = null;
        if (request.CreatinineClearance is { } reportedCrcl)
        {
            crcl = new KidneyReading(KidneyMeasure.Crcl, EstimateMethod.Reported, reportedCrcl, false);
            estimates.Add(new KidneyEstimate(KidneyMeasure.Crcl, EstimateMethod.Reported, reportedCrcl, Units.PerMinute));
        }

        List<(CockcroftGaultWeight, double, double)>? byWeight = null;
        KidneyEstimate? chosenCg = null;
        if (scrMg is { } s2 && s2 > 0 && !child && request.Sex is not null && request.WeightKg is { } w && age < 140)
        {
            var chosen = request.CockcroftGaultWeight ?? CockcroftGaultWeight.Actual;
            var reported = crcl is not null;
            // With the height known, the clearance is shown with each weight so a pharmacist sees whether the choice
            // matters; without it only the chosen weight (read as actual) is computed.
            foreach (var choice in request.HeightCm is null ? [chosen] : WeightChoices)
            {
                var (kg, text) = CockcroftGaultWeightFor(choice, w, request.HeightCm, female);
                var value = KidneyEquations.CockcroftGault(s2, age, kg, female);
                var used = choice == chosen;
                var note = !used ? text + " For comparison only: the chosen weight is used."
                    : reported ? text + " The reported creatinine clearance is used."
                    : text;
                var estimate = new KidneyEstimate(KidneyMeasure.Crcl, EstimateMethod.CockcroftGault, value, Units.PerMinute, note) { Weight = choice };
                estimates.Add(estimate);
                if (request.HeightCm is not null)
                {
                    (byWeight ??= new(3)).Add((choice, kg, value));
                }

                if (used)
                {
                    chosenCg = estimate;
                    crcl ??= new KidneyReading(KidneyMeasure.Crcl, EstimateMethod.CockcroftGault, value, false);
                }
            }
        }

        if (request.HeightCm is { } height && request.WeightKg is { } weight)
        {
            var bsa = KidneyEquations.MostellerBsa(height, weight);
            estimates.Add(new KidneyEstimate(KidneyMeasure.Bsa, EstimateMethod.Mosteller, bsa, Units.SquareMetres,
                "Information only."));
            if (egfr is not null)
            {
                estimates.Add(new KidneyEstimate(KidneyMeasure.EgfrAbsolute, EstimateMethod.DeIndexed,
                    KidneyEquations.DeIndex(egfr.Value, bsa), Units.PerMinute,
                    "Information only: the labels' eGFR bands are indexed to 1.73 m², so this value is never used for banding."));
            }
        }

        return new KidneyProfile(request.DialysisOrAki, egfr, crcl, estimates)
        {
            CockcroftGaultByWeight = byWeight is null ? [] : byWeight,
            _comparisonOnly = byWeight is null ? null : estimates.FindAll(e => e.Weight is not null && e != chosenCg),
        };
    }
}
