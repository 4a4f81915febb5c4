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
    public IReadOnlyList<KidneyReading> BandableReadings => _bandable ??= Bandable(Estimates);

    private static KidneyReading[] Bandable(IReadOnlyList<KidneyEstimate> estimates)
    {
        var count = 0;
        foreach (var e in estimates)
        {
            count += e.Measure is KidneyMeasure.Egfr or KidneyMeasure.Crcl ? 1 : 0;
        }

        var readings = new KidneyReading[count];
        var i = 0;
        foreach (var e in estimates)
        {
            if (e.Measure is KidneyMeasure.Egfr or KidneyMeasure.Crcl)
            {
                readings[i++] = new KidneyReading(e.Measure, e.Method, e.Value, false);
            }
        }

        return readings;
    }

    private IReadOnlyList<KidneyReading>? _bandable;

    /// <summary>The weight Cockcroft–Gault uses, and how the estimate says so.</summary>
    private static (double Kg, string Text) CockcroftGaultWeightUsed(DosingRequest request, double actual, bool female)
    {
        var choice = request.CockcroftGaultWeight ?? CockcroftGaultWeight.Actual;
        if (choice == CockcroftGaultWeight.Actual || request.HeightCm is not { } height)
        {
            return (actual, "Actual body weight.");
        }

        var ideal = KidneyEquations.DevineIdealWeight(height, female);
        var adjusted = KidneyEquations.AdjustedWeight(actual, ideal);
        return choice switch
        {
            CockcroftGaultWeight.Ideal => (ideal, $"Ideal body weight (Devine), {Formatting.Number(Math.Round(ideal, 1))} kg."),
            CockcroftGaultWeight.Adjusted => (adjusted, $"Adjusted body weight (ideal + 0.4 × (actual − ideal)), {Formatting.Number(Math.Round(adjusted, 1))} kg."),
            CockcroftGaultWeight.Actual => (actual, "Actual body weight."),
        };
    }

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

        if (scrMg is { } s2 && s2 > 0 && !child && request.Sex is not null && request.WeightKg is { } w && age < 140
            && CockcroftGaultWeightUsed(request, w, female) is var (weightUsed, weightText))
        {
            var value = KidneyEquations.CockcroftGault(s2, age, weightUsed, female);
            estimates.Add(new KidneyEstimate(KidneyMeasure.Crcl, EstimateMethod.CockcroftGault, value, Units.PerMinute,
                crcl is null ? weightText : weightText + "; the reported creatinine clearance is used."));
            crcl ??= new KidneyReading(KidneyMeasure.Crcl, EstimateMethod.CockcroftGault, value, false);
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

        return new KidneyProfile(request.DialysisOrAki, egfr, crcl, estimates);
    }
}
