using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// The calculator widget of the seed web article (<c>000_774241fb1e550afd.txt</c>, lines 19–21), reported as
/// written: its bands contradict every label and the article's own text. Never a primary source.
/// </summary>
internal sealed class SeedArticleCalculator : IDosingSource
{
    public const string Id = "seed-article-calculator";
    private const string Scope = "Any patient (the widget asks only for a condition and an eGFR; it has no age input)";
    private static readonly string Cite = Documents.SeedArticleCalculator.Cite + ", calculator \"Key Clinical Notes\"";
    private const string Lines = "000_774241fb1e550afd.txt lines 19–21; clinical-sources 4.1";

    internal static readonly Rule Gap = new("seed-calc.gap", Scope, "eGFR above 49 up to and including 50", "No band covers this value", Cite, Lines + " (gap between \"30-49\" and \">50\")");
    private static readonly BandRow BelowThirty = new(Band.Below(30), new RenalStep(StepKind.FixedEveryOtherDay, 2),
        new("seed-calc.below-30", Scope, "eGFR <30", "2 mg every other day (\"off-label\"; no label has such a regimen)", Cite, Lines + " A3"));

    private static readonly BandRow AboveFifty = new(Band.Above(50), new RenalStep(StepKind.Fixed, 2), new("seed-calc.above-50", Scope, "eGFR >50", "2 mg once daily (\"standard dose\")", Cite, Lines + " A1"));

    private static readonly BandTable Bands = new("eGFR",
        AboveFifty,
        new(Band.Closed(30, 49), new RenalStep(StepKind.Fixed, 1), new("seed-calc.30-49", Scope, "eGFR 30–49", "1 mg once daily", Cite, Lines + " A2")),
        BelowThirty)
    {
        NoBandRule = Gap,
        DialysisReadsAs = BelowThirty,
    };

    internal static readonly Rule AnyPatient = new("seed-calc.any-patient", "Any patient, children and JIA included", "Any age, any condition", "Answers from the eGFR alone: it has no age input and its bands do not depend on the condition", Cite + "; " + Documents.Reading + "the widget has no age input, so it answers for anyone", Lines + "; read as written per decisions.md, Agreement between sources");

    public SourceInfo Info { get; } = new(Id, "Web article (22 Oct 2025): renal dosing calculator widget", "Article dated 2025-10-22", Documents.SeedArticleCalculator,
        [.. Bands.Rows.Select(r => r.Rule), Gap, AnyPatient]);

    public string ShortName => "the web article's calculator";

    public Evaluation Evaluate(Patient p)
    {
        var e = new Evaluation(Id, p.Detail);

        // The widget starts from its "standard dose" and reads only the eGFR; dialysis falls in its <30 band. It has
        // no age input, so it answers for children and JIA as for anyone (decisions.md, Agreement between sources).
        e.SetDose(DoseLine.Daily(2), AboveFifty.Rule);
        LabelSteps.ApplyRenal(e, p, Bands, p.ForEgfrRule, BelowThirty.Rule, FlagCodes.CrclUsedForEgfr);
        if (e.Status != RecommendationStatus.Silent)
        {
            e.Note("The calculator reads only the eGFR; it has no age input and ignores the indication and every other modifier, so it would give this answer to anyone.");
        }

        return e;
    }
}
