using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// The seed article's body text (<c>000_774241fb1e550afd.txt</c>, lines 53–57, 101, 124), reported as written;
/// it contradicts the article's own calculator. Never a primary source.
/// </summary>
internal sealed class SeedArticleText : IDosingSource
{
    public const string Id = "seed-article-text";
    private static readonly string Cite = Documents.SeedArticleText.Cite;
    private const string File = "000_774241fb1e550afd.txt";

    internal static readonly Rule RaDose = new("seed-text.ra", "Rheumatoid arthritis", "Its rheumatoid arthritis dose", "2 mg once daily; increase to 4 mg if disease activity remains high and renal function is adequate", Cite, File + " line 53; clinical-sources 4.1 A4");
    internal static readonly Rule AaDose = new("seed-text.aa", "Alopecia areata", "Its alopecia areata dose", "2 mg once daily (calls it \"off-label\")", Cite, File + " line 54; clinical-sources 4.1 A5");
    internal static readonly Rule AdDose = new("seed-text.ad", "Atopic dermatitis", "Its atopic dermatitis dose", "2 mg once daily, dose-adjusted below eGFR 30", Cite, File + " line 55; clinical-sources 4.1 A6");
    internal static readonly Rule Covid = new("seed-text.covid", "COVID-19", "Any", "No dose (\"an emerging indication\")", Cite, File + " line 67");

    private static readonly BandRow BelowThirty = new(Band.Below(30), RenalStep.Fixed(1),
        new("seed-text.renal.0", "Any", "eGFR <30", "1 mg once daily", Cite, File + " line 57; clinical-sources 4.1 A7"));

    private static readonly BandRow ThirtyAndAbove = new(Band.AtLeast(30), RenalStep.Fixed(2), new("seed-text.renal.30", "Any", "eGFR ≥30 (\"2 mg for eGFR 30-60\")", "2 mg once daily", Cite, File + " line 57; clinical-sources 4.1 A7"));

    private static readonly BandTable Renal = new("eGFR",
        ThirtyAndAbove,
        BelowThirty)
    {
        DialysisReadsAs = BelowThirty,
    };

    internal static readonly Rule Pregnancy = new("seed-text.pregnancy", "Any", "Pregnancy", "\"Category C\"; stop before conception and avoid during pregnancy", Cite, File + " lines 101, 124; clinical-sources 4.1 A11");

    internal static readonly Rule Combination = new("seed-text.combination", "Any", "Combination with biologics or other immunosuppressants", "\"Combination therapy is generally discouraged\"", Cite, File + " line 116; clinical-sources 4.1 A12");
    internal static readonly Rule AnyAge = new("seed-text.any-age", "Rheumatoid arthritis, alopecia areata, atopic dermatitis", "Any age", "Its dose lines state no age limit: read as written for children too", Cite, File + " lines 53–57; read as written per decisions.md, Agreement between sources");
    internal static readonly Rule NoJia = new("seed-text.jia", "Juvenile idiopathic arthritis", "Any", "No rule (the text names no JIA dose)", Cite, File + "; clinical-sources 4.1");

    // The common modifiers the text speaks to, in the order they are applied.
    private static readonly ModifierRule[] CommonTable =
    [
        new(Modifier.Pregnant, FlagCodes.Pregnancy, Severity.Stop, "Avoid during pregnancy (\"category C\").", Pregnancy),
        new(Modifier.ConcomitantImmunosuppressant, FlagCodes.ConcomitantImmunosuppressant, Severity.Stop, "Combination therapy is generally discouraged (the article's wording).", Combination),
    ];

    public SourceInfo Info { get; } = new(Id, "Web article (22 Oct 2025): article text", "Article dated 2025-10-22", Documents.SeedArticleText,
        [RaDose, AaDose, AdDose, AnyAge, Covid, NoJia, .. Renal.Rows.Select(r => r.Rule), Pregnancy, Combination]);

    public string ShortName => "the web article's text";

    public Evaluation Evaluate(Patient p)
    {
        var e = new Evaluation(Id, p.Detail);
        // Every indication decides here; the compiler names this place when one is added.
        // note: what the text says about the indication; highActivity: its 4 mg line for high disease activity.
        var (rule, silent, note, highActivity) = p.Indication switch
        {
            Indication.RheumatoidArthritis => (RaDose, (string?)null, (string?)null, true),
            Indication.AlopeciaAreata => (AaDose, null, "It calls alopecia areata \"off-label\"; the FDA approved it in June 2022.", false),
            Indication.AtopicDermatitis => (AdDose, null, null, false),
            Indication.Covid19 => (Covid, "The web article's text gives no COVID-19 dose (\"an emerging indication\").", null, false),
            Indication.JuvenileIdiopathicArthritis => (NoJia, "The web article's text gives no JIA dose.", null, false),
        };
        if (silent is not null)
        {
            return e.End(RecommendationStatus.Silent, rule, silent);
        }

        e.SetDose(DoseLine.Daily(2), rule);
        if (note is not null)
        {
            e.Note(note);
        }

        if (!p.Adult)
        {
            e.Note("The article's text states no age limit, so its line is read as written for this child.");
        }

        LabelSteps.ApplyRenal(e, p, Renal, p.ForEgfrRule, BelowThirty.Rule, FlagCodes.CrclUsedForEgfr);
        if (highActivity && e.IsDose && e.Dose!.Mg == 2 && e.Row == ThirtyAndAbove && e.Reading is { Value: > 60 })
        {
            e.AddAlternative(DoseLine.Daily(4), "if disease activity remains high and renal function is adequate");
        }

        CommonModifiers.Apply(e, p, CommonTable);

        return e;
    }
}
