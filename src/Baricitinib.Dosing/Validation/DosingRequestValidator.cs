using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Sources;
using FluentValidation;
using FluentValidation.Results;

namespace Baricitinib.Dosing.Validation;

/// <summary>
/// Every rule on a request's values (decisions.md, Input rules), shared by the page, the API and the tests.
/// Errors are keyed by the API field name; a missing input has the error code <see cref="Missing"/>.
/// </summary>
public sealed class DosingRequestValidator : AbstractValidator<DosingRequest>
{
    /// <summary>Error code of a required input that is missing.</summary>
    public const string Missing = "missing";

    /// <summary>Error code of a value outside what is allowed.</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>Creates the validator.</summary>
    public DosingRequestValidator()
    {
        RuleFor(x => x.Indication).NotNull().OverridePropertyName(Fields.Indication).WithErrorCode(Missing)
            .WithMessage("Choose an indication.");
        RuleFor(x => x.AgeYears).NotNull().OverridePropertyName(Fields.AgeYears).WithErrorCode(Missing)
            .WithMessage("Enter the age in years (0 to 120).");

        // Every range in one rule (one pass over the request instead of one rule per field); each failure names its field.
        RuleFor(x => x).Custom((r, context) =>
        {
            foreach (var range in Ranges)
            {
                if (range.Value(r) is { } x && !(x >= range.Min && x <= range.Max))
                {
                    context.AddFailure(new ValidationFailure(range.Field, range.Message, x) { ErrorCode = OutOfRange });
                }
            }
        });

        RuleFor(x => x.SerumCreatinine).Custom((value, context) =>
        {
            if (value is not { } scr)
            {
                return;
            }

            var umol = context.InstanceToValidate.CreatinineUnit == CreatinineUnit.UmolPerL;
            string? message = umol
                ? scr is >= 9 and <= 1768 ? null : "Serum creatinine must be between 9 and 1768 µmol/L."
                : scr > 20 && scr <= 1768
                    ? $"Serum creatinine {scr.ToString(System.Globalization.CultureInfo.InvariantCulture)} mg/dL is implausible: it looks like a µmol/L value. Choose µmol/L as the unit, or check the value (0.1 to 20 mg/dL)."
                    : scr is >= 0.1 and <= 20 ? null : "Serum creatinine must be between 0.1 and 20 mg/dL.";
            if (message is not null)
            {
                context.AddFailure(new ValidationFailure(Fields.SerumCreatinine, message) { ErrorCode = OutOfRange });
            }
        });

        RuleFor(x => x).Custom((r, context) =>
        {
            if (!r.DialysisOrAki && r.Egfr is null && r.CreatinineClearance is null && r.SerumCreatinine is null)
            {
                context.AddFailure(new ValidationFailure(Fields.Egfr,
                    "Enter a kidney function: an eGFR, a creatinine clearance or a serum creatinine (or tick dialysis, end-stage renal disease or acute kidney injury).")
                { ErrorCode = Missing });
            }

            var onlyCreatinine = r.SerumCreatinine is not null && r.Egfr is null && r.CreatinineClearance is null && !r.DialysisOrAki;
            if (onlyCreatinine && r.AgeYears is { } age)
            {
                if (age >= 18 && r.Sex is null)
                {
                    context.AddFailure(new ValidationFailure(Fields.Sex,
                        "Choose the sex: it is needed to turn the serum creatinine into an eGFR (CKD-EPI 2021).")
                    { ErrorCode = Missing });
                }
                else if (age >= 18 && r.Jurisdiction == Jurisdiction.Eu && r.WeightKg is null
                    && !(r.Indication is { } adultIndication && EuSmpc.UsesWeightBands(adultIndication, age)))
                {
                    context.AddFailure(new ValidationFailure(Fields.WeightKg,
                        "Enter the weight: the EU label's rule is written in creatinine clearance, which Cockcroft–Gault computes from the weight (or enter the creatinine clearance).")
                    { ErrorCode = Missing });
                }

                if (age < 18 && r.HeightCm is null)
                {
                    context.AddFailure(new ValidationFailure(Fields.HeightCm,
                        "Enter the height: it is needed to turn a child's serum creatinine into an eGFR (bedside Schwartz).")
                    { ErrorCode = Missing });
                }
            }

            if (r.CockcroftGaultWeight is CockcroftGaultWeight.Ideal or CockcroftGaultWeight.Adjusted)
            {
                if (r.HeightCm is null || r.Sex is null)
                {
                    context.AddFailure(new ValidationFailure(Fields.CockcroftGaultWeight,
                        "Ideal and adjusted body weight need the height and the sex: enter both, or choose actual body weight.")
                    { ErrorCode = Missing });
                }
                else if (r.HeightCm is { } h && h is >= 30 and <= 250 && KidneyEquations.DevineIdealWeight(h, r.Sex == Sex.Female) <= 0)
                {
                    context.AddFailure(new ValidationFailure(Fields.CockcroftGaultWeight,
                        "The Devine formula gives no ideal weight for this height: choose actual body weight."));
                }
            }

            if (r.Jurisdiction == Jurisdiction.Eu && r.Indication is { } indication && r.AgeYears is { } a
                && EuSmpc.UsesWeightBands(indication, a) && r.WeightKg is null)
            {
                context.AddFailure(new ValidationFailure(Fields.WeightKg, a < 18
                    ? "Enter the weight: the EU dose for children is set by weight (10 to <30 kg, ≥30 kg)."
                    : "Enter the weight: the EU dose for JIA starts from the weight bands (10 to <30 kg, ≥30 kg), also for adults.")
                { ErrorCode = Missing });
            }
        });
    }

    /// <summary>The validation result as field errors.</summary>
    public static IReadOnlyList<FieldError> ToFieldErrors(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage, e.ErrorCode == Missing))];
    }

    /// <summary>The allowed range of each number (bounds included; not a number is outside every range).</summary>
    /// <summary>
    /// The accepted range of a number field (decisions.md, Input rules), the same table the validator checks: for the
    /// API document's minimum and maximum. Serum creatinine depends on its unit: 0.1–20 mg/dL or 9–1768 µmol/L.
    /// </summary>
    public static (double Min, double Max)? RangeOf(string field) => field == Fields.SerumCreatinine
        ? (0.1, 1768)
        : Array.Find(Ranges, r => r.Field == field) is { Field: not null } r ? (r.Min, r.Max) : null;

    private static readonly (Func<DosingRequest, double?> Value, string Field, double Min, double Max, string Message)[] Ranges =
    [
        (x => x.AgeYears, Fields.AgeYears, 0, 120, "Age must be between 0 and 120 years."),
        (x => x.WeightKg, Fields.WeightKg, 0.5, 400, "Weight must be between 0.5 and 400 kg."),
        (x => x.HeightCm, Fields.HeightCm, 30, 250, "Height must be between 30 and 250 cm."),
        (x => x.Egfr, Fields.Egfr, 0, 250, "eGFR must be between 0 and 250 mL/min/1.73 m²."),
        (x => x.CreatinineClearance, Fields.CreatinineClearance, 0, 250, "Creatinine clearance must be between 0 and 250 mL/min."),
        (x => x.AbsoluteLymphocyteCount, Fields.AbsoluteLymphocyteCount, 0, 100_000, "Absolute lymphocyte count must be between 0 and 100,000 cells/mm³."),
        (x => x.AbsoluteNeutrophilCount, Fields.AbsoluteNeutrophilCount, 0, 100_000, "Absolute neutrophil count must be between 0 and 100,000 cells/mm³."),
        (x => x.Hemoglobin, Fields.Hemoglobin, 1, 25, "Haemoglobin must be between 1 and 25 g/dL."),
    ];
}
