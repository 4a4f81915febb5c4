using Baricitinib.Dosing.Model;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>Words and numbers for people (display only; every clinical decision is the library's).</summary>
public static class Display
{
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => WireNames.Of(value);

    public static string Measure(KidneyMeasure? measure) => measure switch
    {
        KidneyMeasure.Egfr => "eGFR",
        KidneyMeasure.Crcl => "Creatinine clearance",
        KidneyMeasure.EgfrAbsolute => "eGFR, de-indexed",
        KidneyMeasure.Bsa => "Body surface area",
        null => "Kidney function",
    };

    public static string Method(EstimateMethod method) => method switch
    {
        EstimateMethod.Reported => "as entered",
        EstimateMethod.CkdEpi2021 => "CKD-EPI 2021",
        EstimateMethod.BedsideSchwartz => "bedside Schwartz",
        EstimateMethod.CockcroftGault => "Cockcroft–Gault",
        EstimateMethod.DeIndexed => "× BSA / 1.73",
        EstimateMethod.Mosteller => "Mosteller",
    };

    public static string Severity(Severity severity) => severity switch
    {
        Dosing.Model.Severity.Stop => "Stop",
        Dosing.Model.Severity.Warning => "Warning",
        Dosing.Model.Severity.Info => "Info",
    };

    public static string Agreement(Agreement agreement) => agreement switch
    {
        Dosing.Model.Agreement.Agrees => "Agrees",
        Dosing.Model.Agreement.Differs => "Differs",
        Dosing.Model.Agreement.Silent => "Silent",
    };

    public static string Group(Dosing.Input.FieldGroup group) => group switch
    {
        Dosing.Input.FieldGroup.Patient => "Patient",
        Dosing.Input.FieldGroup.KidneyFunction => "Kidney function",
        Dosing.Input.FieldGroup.Modifiers => "Modifiers",
        Dosing.Input.FieldGroup.BloodCounts => "Blood counts",
    };

    /// <summary>A field's value as people read it: the option text of a choice, "Yes" for a ticked box.</summary>
    public static string Value(Dosing.Input.FieldSpec field, string raw) =>
        field.Options.FirstOrDefault(o => o.Value == raw)?.Text ?? (field.Kind == Dosing.Input.FieldKind.Boolean && raw == "true" ? "Yes" : raw);

    public static string Number(double value) => Formatting.Kidney(value);

    /// <summary>The text a clinician reads first when there is no result.</summary>
    public static string NoResultText(Application.OutcomeStatus status) =>
        status == Application.OutcomeStatus.Incomplete ? "Enter the missing inputs" : "Correct the highlighted inputs";
}
