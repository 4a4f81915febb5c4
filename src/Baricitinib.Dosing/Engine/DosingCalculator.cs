using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Sources;
using Baricitinib.Dosing.Validation;

namespace Baricitinib.Dosing.Engine;

/// <summary>A result, or the reasons there is none.</summary>
/// <param name="Result">The result when the request is valid.</param>
/// <param name="Errors">The field errors when it is not.</param>
public sealed record CalculationOutcome(DosingResult? Result, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The dosing engine: validates a request, has every source evaluate the patient, takes the primary
/// recommendation from the chosen jurisdiction's label (decisions.md), and compares every other source with it.
/// </summary>
/// <param name="registry">The sources to use (the product's <see cref="SourceRegistry.Default"/> when null).</param>
public sealed partial class DosingCalculator(SourceRegistry? registry = null)
{
    private const string Engine = "calculator";
    private const double NearEdge = 3;
    private readonly DosingRequestValidator _validator = new();
    private readonly SourceRegistry _registry = registry ?? SourceRegistry.Default;

    /// <summary>Validates and calculates. Never throws for any request.</summary>
    public CalculationOutcome Calculate(DosingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = _validator.Validate(request);
        if (!validation.IsValid)
        {
            return new CalculationOutcome(null, DosingRequestValidator.ToFieldErrors(validation));
        }

        return new CalculationOutcome(CalculateValid(request), []);
    }

    private DosingResult CalculateValid(DosingRequest request)
    {
        var patient = new Patient(request, KidneyProfile.From(request));
        var primary = _registry.Primary(request);
        var primaryEval = primary.Evaluate(patient);
        var primaryRec = primaryEval.ToRecommendation();

        var flags = new List<Flag>(primaryEval.Flags.Count + 2);
        flags.AddRange(primaryEval.Flags);
        var nearEdge = AddNearEdgeFlags(flags, primary, patient, primaryEval);
        if (DisagreementFlag(primary, patient, primaryEval) is { } disagreement)
        {
            flags.Add(disagreement);
        }

        if (WeightFlag(primary, patient, primaryEval) is { } weight)
        {
            flags.Add(weight);
        }

        if (UnverifiedFlag(primary, primaryEval) is { } unverified)
        {
            flags.Add(unverified);
        }

        // Other sources' rows: each writes only what its row's words are made from (notes and stop reasons); the words
        // themselves are written when first read.
        var forRows = patient with { Detail = Detail.Row };
        var rows = new List<SourceOpinion>(_registry.All.Count - 1);
        foreach (var source in _registry.All)
        {
            if (source != primary)
            {
                rows.Add(Compare(source, source.Evaluate(forRows), primary, primaryEval, primaryRec));
            }
        }

        var reading = primaryEval.Reading ?? DefaultReading(patient, primary);
        var kidney = new KidneyFunction(
            reading?.Measure,
            reading?.Value,
            reading?.Unit,
            primaryEval.BandLabel,
            nearEdge,
            patient.Kidney.Estimates);

        return new DosingResult(RuleSet.Version, request.Jurisdiction ?? Jurisdiction.Us, patient.Indication, primaryRec, Ordered(flags), kidney, rows);
    }
}
