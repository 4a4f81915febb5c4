using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// The seed drug monograph (<c>003_710944e75e70e7d2.txt</c>, rxhive, lastModified 2025-09-22), reported as written,
/// including where it contradicts the labels (RA up to 4 mg; COVID-19 "not recommended" in severe renal impairment).
/// </summary>
internal sealed class SeedMonograph : IDosingSource
{
    public const string Id = "seed-monograph";
    private static readonly string Cite = Documents.SeedMonograph.Cite;
    private const string File = "003_710944e75e70e7d2.txt";

    internal static readonly Rule RaDose = new("seed-mono.ra", "Rheumatoid arthritis", "Its rheumatoid arthritis dose", "2 mg once daily; can be increased to 4 mg if the response is inadequate", Cite, File + " line 151; clinical-sources 4.2 M1");
    internal static readonly Rule AaDose = new("seed-mono.aa", "Alopecia areata", "Its alopecia areata dose", "2 mg once daily; 4 mg if inadequate response; consider starting with 4 mg for extensive scalp hair loss", Cite, File + " line 152; clinical-sources 4.2 M2");
    internal static readonly Rule CovidAdult = new("seed-mono.covid", "COVID-19, adults", "Its adult COVID-19 dose", "4 mg once daily for 14 days or until discharge", Cite, File + " line 153; clinical-sources 4.2 M3");
    internal static readonly Rule CovidChild = new("seed-mono.covid.child", "COVID-19, children ≥2 years", "Age ≥9 years: 4 mg; 2 to <9 years: 2 mg", "4 mg or 2 mg once daily", Cite, File + " lines 157–159; clinical-sources 4.2 M4");
    internal static readonly Rule CovidUnderTwo = new("seed-mono.covid.under-2", "COVID-19, children <2 years", "Age <2 years", "Authorised from 2 years only", Cite, File + " line 289; clinical-sources 4.2 M15");
    internal static readonly Rule Elderly = new("seed-mono.elderly", "Rheumatoid arthritis, alopecia areata", "Age ≥65 (or ≥75) years, or history of infections or thromboembolism", "A starting dose of 2 mg may be appropriate", Cite, File + " lines 163, 169; clinical-sources 4.2 M5, M10");
    internal static readonly Rule Silent = new("seed-mono.silent", "Atopic dermatitis, JIA, children outside COVID-19", "Any", "No rule (\"Children: for COVID-19 only\")", Cite, File + " line 248; clinical-sources 4.2 M15");

    private static readonly BandTable RaRenal = new("eGFR",
        new(Band.AtLeast(60), RenalStep.Keep, new("seed-mono.ra.renal.60", "Rheumatoid arthritis", "eGFR ≥60", "No adjustment", Cite, File + " line 165")),
        new(Band.From(30, 60), RenalStep.Fixed(1), new("seed-mono.ra.renal.30", "Rheumatoid arthritis", "eGFR 30 to <60", "1 mg once daily", Cite, File + " line 165; clinical-sources 4.2 M6")),
        new(Band.Below(30), RenalStep.NotRecommended, new("seed-mono.ra.renal.0", "Rheumatoid arthritis", "eGFR <30", "Not recommended", Cite, File + " line 165; clinical-sources 4.2 M6")));

    private static readonly BandTable AaRenal = new("eGFR",
        new(Band.AtLeast(60), RenalStep.Keep, new("seed-mono.aa.renal.60", "Alopecia areata", "eGFR ≥60", "No adjustment", Cite, File + " line 166")),
        new(Band.From(30, 60), RenalStep.Halve, new("seed-mono.aa.renal.30", "Alopecia areata", "Moderate impairment (eGFR 30 to <60)", "2 mg → 1 mg; 4 mg → 2 mg", Cite, File + " line 166; clinical-sources 4.2 M7")),
        new(Band.Below(30), RenalStep.NotRecommended, new("seed-mono.aa.renal.0", "Alopecia areata", "Severe impairment (eGFR <30)", "Not recommended", Cite, File + " line 166; clinical-sources 4.2 M7")));

    private static readonly BandTable CovidRenal = new("eGFR",
        new(Band.AtLeast(60), RenalStep.Keep, new("seed-mono.covid.renal.60", "COVID-19", "eGFR ≥60", "No adjustment", Cite, File + " line 167")),
        new(Band.From(30, 60), RenalStep.Silent, new("seed-mono.covid.renal.30", "COVID-19", "Mild to moderate impairment", "\"Dose reductions based on eGFR\" (no numbers)", Cite, File + " line 167; clinical-sources 4.2 M8")),
        new(Band.Below(30), RenalStep.NotRecommended, new("seed-mono.covid.renal.0", "COVID-19", "Severe impairment (eGFR <30), AKI, ESRD", "Not recommended (the US label gives 1 mg at 15 to <30)", Cite, File + " line 167; clinical-sources 4.2 M8")));

    internal static readonly Rule Hepatic = new("seed-mono.hepatic", "Any", "Severe hepatic impairment", "Not recommended", Cite, File + " line 168; clinical-sources 4.2 M9");
    internal static readonly Rule Oat3 = new("seed-mono.oat3", "Any", "Strong OAT3 inhibitor", "\"Requiring dosage adjustments\" (no numbers)", Cite, File + " line 218; clinical-sources 4.2 M11");
    internal static readonly Rule Contraindications = new("seed-mono.contraindications", "Any", "Pregnancy, active tuberculosis", "Contraindicated", Cite, File + " lines 207–211; clinical-sources 4.2 M13");
    internal static readonly Rule Lactation = new("seed-mono.lactation", "Any", "Breastfeeding", "Not recommended", Cite, File + " line 224; clinical-sources 4.2 M14");
    internal static readonly Rule Combination = new("seed-mono.combination", "Any", "Other JAK inhibitors, biologic DMARDs, potent immunosuppressants", "Not recommended", Cite, File + " line 232; clinical-sources 4.2 M12");

    // The common modifiers, in the order they are applied; every one stops, as the monograph words them.
    private static readonly ModifierRule[] CommonTable =
    [
        new(Modifier.SevereHepatic, FlagCodes.HepaticNotRecommended, Severity.Stop, "Severe hepatic impairment: not recommended.", Hepatic),
        new(Modifier.Pregnant, FlagCodes.Pregnancy, Severity.Stop, "Pregnancy: contraindicated (the monograph's wording).", Contraindications),
        new(Modifier.ActiveTuberculosis, FlagCodes.ActiveTuberculosis, Severity.Stop, "Active tuberculosis: contraindicated (the monograph's wording).", Contraindications),
        new(Modifier.Breastfeeding, FlagCodes.Breastfeeding, Severity.Stop, "Breastfeeding: not recommended.", Lactation),
        new(Modifier.ConcomitantImmunosuppressant, FlagCodes.ConcomitantImmunosuppressant, Severity.Stop, "Not recommended with other JAK inhibitors, biologic DMARDs or potent immunosuppressants.", Combination),
    ];

    public SourceInfo Info { get; } = new(Id, "Online drug monograph (rxhive)", "lastModified 2025-09-22", Documents.SeedMonograph,
        [RaDose, AaDose, CovidAdult, CovidChild, CovidUnderTwo, Elderly, Silent,
         .. RaRenal.Rows.Select(r => r.Rule), .. AaRenal.Rows.Select(r => r.Rule), .. CovidRenal.Rows.Select(r => r.Rule),
         Hepatic, Oat3, Contraindications, Lactation, Combination]);

    public string ShortName => "the online monograph";

    /// <summary>What the monograph says for one indication and patient: its starting dose and kidney bands, or nothing.</summary>
    /// <param name="Start">The starting dose, its rule and its alternative.</param>
    /// <param name="Renal">Its kidney bands.</param>
    /// <param name="Covid">COVID-19: children from 2 years too, a treatment duration, no risk-group alternative.</param>
    private sealed record Plan((DoseLine Line, Rule Rule, (DoseLine, string)? Alternative) Start, BandTable Renal, bool Covid);

    /// <summary>Every indication decides here, once (null: the monograph has no rule for it); the compiler names this
    /// place when one is added.</summary>
    private static Plan? PlanFor(Patient p) => p.Indication switch
    {
        Indication.RheumatoidArthritis => new Plan((DoseLine.Daily(2), RaDose, (DoseLine.Daily(4), "if the response is inadequate")), RaRenal, Covid: false),
        Indication.AlopeciaAreata when p.Request.ExtensiveScalpHairLoss => new Plan((DoseLine.Daily(4), AaDose, (DoseLine.Daily(2), "once an adequate response is achieved")), AaRenal, Covid: false),
        Indication.AlopeciaAreata => new Plan((DoseLine.Daily(2), AaDose, (DoseLine.Daily(4), "if the response is inadequate")), AaRenal, Covid: false),
        Indication.Covid19 when !p.Adult => new Plan((DoseLine.Daily(p.Age >= 9 ? 4 : 2), CovidChild, null), CovidRenal, Covid: true),
        Indication.Covid19 => new Plan((DoseLine.Daily(4), CovidAdult, null), CovidRenal, Covid: true),
        Indication.AtopicDermatitis or Indication.JuvenileIdiopathicArthritis => null,
    };

    public Evaluation Evaluate(Patient p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var e = new Evaluation(Id, p.Detail);
        if (PlanFor(p) is not { } plan || (!p.Adult && !plan.Covid))
        {
            return e.End(RecommendationStatus.Silent, Silent, "The online monograph has no atopic dermatitis or JIA rule and treats children for COVID-19 only.");
        }

        if (plan.Covid && !p.Adult && p.Age < 2)
        {
            return e.End(RecommendationStatus.NotApproved, CovidUnderTwo, "The online monograph says only that use is authorised from 2 years of age.");
        }

        var table = plan.Renal;
        e.Start(plan.Start.Line, plan.Start.Rule, plan.Start.Alternative);

        if (plan.Covid)
        {
            e.Duration = FdaPrescribingInformation.CovidDurationText;
            if (!p.Adult)
            {
                e.Note("Its COVID-19 kidney statement has no age limit, so it is read for this child as for adults.");
            }
        }

        if (!plan.Covid && (p.Age >= 65 || p.Request.HigherRisk) && e.Dose!.Mg > 2)
        {
            e.AddAlternative(DoseLine.Daily(2), "elderly, or a history of infections or thromboembolism (\"may be appropriate\")");
        }

        LabelSteps.ApplyRenal(e, p, table, p.ForEgfrRule, table.Rows.Single(r => r.Step.Kind == StepKind.NotRecommended).Rule, FlagCodes.CrclUsedForEgfr);
        if (e.Status == RecommendationStatus.Silent)
        {
            e.Note("The online monograph mentions COVID-19 renal dose reductions \"based on eGFR\" without giving them.");
        }
        else if (p.Request.StrongOat3Inhibitor && e.IsDose)
        {
            e.End(RecommendationStatus.Silent, Oat3, "The online monograph says strong OAT3 inhibitors require \"dosage adjustments\" but gives no dose.");
        }

        // Its stop statements apply in every band, also where it gives no dose (decisions.md, Agreement between sources).
        CommonModifiers.Apply(e, p, CommonTable);
        return e;
    }
}
