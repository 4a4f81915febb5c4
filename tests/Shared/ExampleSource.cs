using Baricitinib.Dosing.Rules;
using Baricitinib.Dosing.Sources;

namespace Baricitinib.Tests.Shared;

/// <summary>
/// A comparison source that exists only in tests: registering it (one line) must be enough for the engine, the page,
/// the API, <c>/sources</c>, health and the generated docs to show it.
/// </summary>
internal sealed class ExampleSource : IDosingSource
{
    public const string Id = "example-guideline";

    private static readonly Baricitinib.Dosing.Model.SourceDocument Document = new(
        "Example hospital guideline (test only)", "Example guideline", "a test", null, "test revision", null,
        Baricitinib.Dosing.Model.DocumentKind.ThirdPartyWebPage, "A source that exists only in tests.");

    internal static readonly Rule Dose = new("example.dose", "Any indication", "Any patient", "2 mg once daily", Document.Cite, "test fixture");

    public SourceInfo Info { get; } = new(Id, "Example hospital guideline", "test revision", Document, [Dose]);

    public string ShortName => "the example guideline";

    public Evaluation Evaluate(Patient patient)
    {
        var e = new Evaluation(Id);
        e.SetDose(DoseLine.Daily(2), Dose);
        return e;
    }
}
