namespace Baricitinib.Dosing.Kidney;

/// <summary>
/// Kidney-function equations (clinical-sources.md section 7). Pure functions; inputs are assumed validated.
/// </summary>
public static class KidneyEquations
{
    /// <summary>1 mg/dL of creatinine = 88.4 µmol/L (section 7, Q2, Q7).</summary>
    public const double MicromolPerMg = 88.4;

    /// <summary>Converts µmol/L to mg/dL.</summary>
    public static double UmolToMgPerDl(double umolPerL) => umolPerL / MicromolPerMg;

    /// <summary>Converts mg/dL to µmol/L.</summary>
    public static double MgPerDlToUmol(double mgPerDl) => mgPerDl * MicromolPerMg;

    /// <summary>
    /// CKD-EPI 2021 race-free creatinine equation (Inker LA et al., N Engl J Med 2021;385:1737-1749), adults.
    /// eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female]; mL/min/1.73 m².
    /// </summary>
    public static double CkdEpi2021(double creatinineMgPerDl, double ageYears, bool female)
    {
        var kappa = female ? 0.7 : 0.9;
        var alpha = female ? -0.241 : -0.302;
        var ratio = creatinineMgPerDl / kappa;
        var egfr = 142
            * Math.Pow(Math.Min(ratio, 1), alpha)
            * Math.Pow(Math.Max(ratio, 1), -1.200)
            * Math.Pow(0.9938, ageYears);
        return female ? egfr * 1.012 : egfr;
    }

    /// <summary>Bedside Schwartz 2009 (children): eGFR = 0.413 × height (cm) / Scr (mg/dL); mL/min/1.73 m².</summary>
    public static double BedsideSchwartz(double creatinineMgPerDl, double heightCm) => 0.413 * heightCm / creatinineMgPerDl;

    /// <summary>
    /// Cockcroft–Gault creatinine clearance, mL/min, not indexed: (140 − age) × weight / (72 × Scr) × 0.85 [female].
    /// Uses the weight given (actual body weight).
    /// </summary>
    public static double CockcroftGault(double creatinineMgPerDl, double ageYears, double weightKg, bool female)
    {
        var crcl = (140 - ageYears) * weightKg / (72 * creatinineMgPerDl);
        return female ? crcl * 0.85 : crcl;
    }

    /// <summary>Devine ideal body weight, kg: 50 (men) or 45.5 (women) + 2.3 × (height in inches − 60).</summary>
    public static double DevineIdealWeight(double heightCm, bool female) => (female ? 45.5 : 50) + (2.3 * ((heightCm / 2.54) - 60));

    /// <summary>Adjusted body weight, kg: IBW + 0.4 × (actual − IBW).</summary>
    public static double AdjustedWeight(double actualKg, double idealKg) => idealKg + (0.4 * (actualKg - idealKg));

    /// <summary>Mosteller body surface area (N Engl J Med 1987;317:1098): √(height × weight / 3600), m².</summary>
    public static double MostellerBsa(double heightCm, double weightKg) => Math.Sqrt(heightCm * weightKg / 3600);

    /// <summary>De-indexes an eGFR to mL/min: eGFR × BSA / 1.73.</summary>
    public static double DeIndex(double egfr, double bsaSquareMetres) => egfr * bsaSquareMetres / 1.73;
}
