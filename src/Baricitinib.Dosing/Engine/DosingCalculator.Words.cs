using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Engine;

/// <summary>The words for kidney measures and methods, and sentence case.</summary>
public sealed partial class DosingCalculator
{
    internal static string MeasureName(KidneyMeasure? m) => m switch
    {
        KidneyMeasure.Egfr => "eGFR",
        KidneyMeasure.Crcl => "creatinine clearance",
        KidneyMeasure.EgfrAbsolute => "de-indexed eGFR",
        KidneyMeasure.Bsa => "body surface area",
        null => "no kidney measure",
    };

    internal static string MethodName(EstimateMethod m) => m switch
    {
        EstimateMethod.Reported => "reported",
        EstimateMethod.CkdEpi2021 => "CKD-EPI 2021",
        EstimateMethod.BedsideSchwartz => "bedside Schwartz",
        EstimateMethod.CockcroftGault => "Cockcroft–Gault",
        EstimateMethod.DeIndexed => "de-indexed",
        EstimateMethod.Mosteller => "Mosteller",
    };

    private static string Cap(string s) => s.Length == 0 || char.IsUpper(s[0]) ? s : WithFirst(s, char.ToUpperInvariant(s[0]));

    private static string WithFirst(string s, char first) => string.Create(s.Length, (s, first), static (span, state) =>
    {
        state.s.AsSpan().CopyTo(span);
        span[0] = state.first;
    });

    /// <summary>Lower-cases the first letter of a phrase used mid-sentence, but not of an abbreviation (eGFR, RA, EU).</summary>
    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1])
        ? WithFirst(s, char.ToLowerInvariant(s[0]))
        : s;
}
