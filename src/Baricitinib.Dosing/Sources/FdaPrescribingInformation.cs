using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// US FDA prescribing information (OLUMIANT, NDA 207924; latest revision 06/2026, dosing rebuilt from 2020–2023
/// copies): clinical-sources.md section 1. Adults only; children with COVID-19 are under the EUA.
/// </summary>
internal sealed class FdaPrescribingInformation : IDosingSource
{
    private static readonly string Us = Documents.FdaPi.Cite;
    public const string Id = "fda-pi";
    private const string Adults = "adults (≥18 years)";
    private const string Ra = "Rheumatoid arthritis, " + Adults;
    private const string Aa = "Alopecia areata, " + Adults;
    private const string Covid = "COVID-19 (hospitalised), " + Adults;
    private const string Egfr = "eGFR";

    // Doses (section 1.2)
    internal static readonly Rule RaDose = new("fda-pi.ra.dose", Ra, "Adults with rheumatoid arthritis", "2 mg once daily (no 4 mg RA dose in the US)", Us + " §2.2", "clinical-sources 1.2; S4, S5");
    internal static readonly Rule AaDose = new("fda-pi.aa.dose", Aa, "Adults with alopecia areata", "2 mg once daily; 4 mg if inadequate response", Us + " §2.4", "clinical-sources 1.2; S5, S14");
    internal static readonly Rule AaExtensive = new("fda-pi.aa.extensive", Aa, "Nearly complete or complete scalp hair loss", "Consider 4 mg once daily; decrease to 2 mg once an adequate response is reached", Us + " §2.4", "clinical-sources 1.2; S5, S14");
    internal static readonly Rule CovidDose = new("fda-pi.covid.dose", Covid, "Hospitalised adults with COVID-19", "4 mg once daily for 14 days or until hospital discharge", Us + " §2.3", "clinical-sources 1.2; S13");
    internal static readonly Rule NotApprovedIndication = new("fda-pi.not-approved", "Atopic dermatitis, juvenile idiopathic arthritis", "Any patient", "Not approved in the US", Us + " §1 indications", "clinical-sources 1.2; S3, S5, S15");
    internal static readonly Rule AdultsOnly = new("fda-pi.adults-only", "Rheumatoid arthritis, alopecia areata", "Age <18 years", "Not approved (safety and effectiveness not established)", Us + " §8.4", "clinical-sources 1.2, 1.8; S16");
    internal static readonly Rule ChildrenCovid = new("fda-pi.children-covid", "COVID-19, age <18 years", "Children", "Not covered by the prescribing information: see the emergency use authorization", Documents.Reading + "the prescribing information covers adults; children with COVID-19 are treated under the FDA emergency use authorization", "decisions.md, Primary source (clinical-sources 2; S11)");

    // Renal (section 1.3)
    internal static readonly Rule Dialysis = new("fda-pi.renal.dialysis", "All indications, " + Adults, "Dialysis, end-stage renal disease or acute kidney injury", "Not recommended", Us + " §2.5", "clinical-sources 1.3; S9 (EUA wording)", Verified: false);

    private static readonly BandTable RaRenal = new(Egfr,
        new(Band.AtLeast(60), RenalStep.Keep, new("fda-pi.ra.renal.60", Ra, "eGFR ≥60", "2 mg once daily (no adjustment)", Us + " §2.5, §8.6", "clinical-sources 1.3; S5")),
        new(Band.From(30, 60), RenalStep.Fixed(1), new("fda-pi.ra.renal.30", Ra, "eGFR 30 to <60", "1 mg once daily", Us + " §2.5, §8.6", "clinical-sources 1.3; S6")),
        new(Band.From(15, 30), RenalStep.NotRecommended, new("fda-pi.ra.renal.15", Ra, "eGFR 15 to <30", "Not recommended", Us + " §2.5, §8.6", "clinical-sources 1.3; S6")),
        new(Band.Below(15), RenalStep.NotRecommended, new("fda-pi.ra.renal.0", Ra, "eGFR <15", "Not recommended", Us + " §2.5, §8.6", "clinical-sources 1.3; S6")));

    private static readonly BandTable AaRenal = new(Egfr,
        new(Band.AtLeast(60), RenalStep.Keep, new("fda-pi.aa.renal.60", Aa, "eGFR ≥60", "No adjustment (2 mg or 4 mg)", Us + " §2.5", "clinical-sources 1.3", Verified: false)),
        new(Band.From(30, 60), RenalStep.Halve, new("fda-pi.aa.renal.30", Aa, "eGFR 30 to <60", "4 mg → 2 mg; 2 mg → 1 mg once daily", Us + " §2.5", "clinical-sources 1.3", Verified: false)),
        new(Band.From(15, 30), RenalStep.NotRecommended, new("fda-pi.aa.renal.15", Aa, "eGFR 15 to <30", "Not recommended", Us + " §2.5", "clinical-sources 1.3", Verified: false)),
        new(Band.Below(15), RenalStep.NotRecommended, new("fda-pi.aa.renal.0", Aa, "eGFR <15", "Not recommended", Us + " §2.5", "clinical-sources 1.3", Verified: false)));

    private static readonly BandTable CovidRenal = new(Egfr,
        new(Band.AtLeast(60), RenalStep.Keep, new("fda-pi.covid.renal.60", Covid, "eGFR ≥60", "4 mg once daily (no adjustment)", Us + " §2.5", "clinical-sources 1.3; S9, S13")),
        new(Band.From(30, 60), RenalStep.Fixed(2), new("fda-pi.covid.renal.30", Covid, "eGFR 30 to <60", "2 mg once daily", Us + " §2.5", "clinical-sources 1.3; S8, S10")),
        new(Band.From(15, 30), RenalStep.Fixed(1), new("fda-pi.covid.renal.15", Covid, "eGFR 15 to <30", "1 mg once daily", Us + " §2.5", "clinical-sources 1.3; S8")),
        new(Band.Below(15), RenalStep.NotRecommended, new("fda-pi.covid.renal.0", Covid, "eGFR <15", "Not recommended", Us + " §2.5", "clinical-sources 1.3; S8, S9")));

    // Strong OAT3 inhibitors (section 1.5)
    internal static readonly Rule RaOat3 = new("fda-pi.ra.oat3", Ra, "Strong OAT3 inhibitor (e.g. probenecid)", "2 mg → 1 mg once daily", Us + " §2.6, §7", "clinical-sources 1.5; 2020 wording S6, current steps unverified per decisions.md", Verified: false);
    internal static readonly Rule AaOat3 = new("fda-pi.aa.oat3", Aa, "Strong OAT3 inhibitor", "4 mg → 2 mg; 2 mg → 1 mg once daily", Us + " §2.6, §7", "clinical-sources 1.5", Verified: false);
    internal static readonly Rule CovidOat3 = new("fda-pi.covid.oat3", Covid, "Strong OAT3 inhibitor", "4 mg → 2 mg; 2 mg → 1 mg once daily", Us + " §2.7, §7", "clinical-sources 1.5", Verified: false);
    internal static readonly Rule Oat3AtOneMg = new("fda-pi.oat3.at-1mg", "All indications, " + Adults, "Strong OAT3 inhibitor while the dose is 1 mg", "Consider discontinuing probenecid (no lower dose exists)", Us + " §2.6/2.7", "clinical-sources 1.5", Verified: false);
    internal static readonly Rule Oat3WithRenal = new("fda-pi.oat3.with-renal", "All indications, " + Adults, "Strong OAT3 inhibitor with renal impairment", "Ambiguous: renal step first, then OAT3 step, never below 1 mg", Documents.Reading + "the label does not say how the renal and OAT3 steps combine; the renal step is applied first, then the OAT3 step, never below 1 mg", "clinical-sources 1.5 (ambiguity); decisions.md, Doses", Verified: false);

    // Other modifiers (sections 1.4, 1.6–1.8)
    internal static readonly Rule HepaticSevere = new("fda-pi.hepatic.severe", "Rheumatoid arthritis, alopecia areata", "Severe hepatic impairment", "Not recommended (mild or moderate: no adjustment)", Us + " §2.5, §8.7", "clinical-sources 1.4; S6");
    internal static readonly Rule CovidHepatic = new("fda-pi.covid.hepatic", Covid, "Severe hepatic impairment", "Use only if the potential benefit outweighs the potential risk", Us + " §8.7", "clinical-sources 1.4", Verified: false);
    internal static readonly Rule ChronicBlood = new("fda-pi.blood.ra-aa", "Rheumatoid arthritis, alopecia areata", "ALC <500, ANC <1000 cells/mm³ or Hb <8 g/dL", "Avoid initiation, or interrupt until recovered", Us + " §2.1, §2.5", "clinical-sources 1.6; S4, S5");
    internal static readonly Rule CovidBlood = new("fda-pi.blood.covid", Covid, "ALC <200 or ANC <500 cells/mm³ (no Hb threshold)", "Avoid initiation, or interrupt until recovered", Us + " §2.1", "clinical-sources 1.6; S4, S13");
    internal static readonly Rule Tuberculosis = new("fda-pi.tb", "All indications, " + Adults, "Active tuberculosis", "Should not be given (boxed warning)", Us + " boxed warning", "clinical-sources 4.2 M13; S3");
    internal static readonly Rule Combination = new("fda-pi.combination", "Rheumatoid arthritis, alopecia areata", "Other JAK inhibitors, biologic DMARDs or immunomodulators, potent immunosuppressants", "Not recommended", Us + " §1 limitations of use", "clinical-sources 1.7; S15, S18");
    internal static readonly Rule CovidCombination = new("fda-pi.covid.combination", Covid, "Concomitant immunosuppressant", "No such limitation; use with systemic corticosteroids is not precluded", Us, "clinical-sources 1.7 (S9)");
    internal static readonly Rule Pregnancy = new("fda-pi.pregnancy", "All indications", "Pregnancy", "No contraindication; animal data suggest possible fetal harm", Us + " §8.1", "clinical-sources 1.8; S16");
    internal static readonly Rule Lactation = new("fda-pi.lactation", "All indications", "Breastfeeding", "Do not breastfeed during treatment and for 4 days after the last dose", Us + " §8.2", "clinical-sources 1.8; S16");
    internal static readonly Rule CovidDuration = new("fda-pi.covid.duration", Covid, "Treatment duration", "14 days or until hospital discharge, whichever occurs first", Us + " §2.3", "clinical-sources 1.2; S13");

    private static readonly BloodThresholds CovidThresholds = new(200, 500, null);

    public const string CovidDurationText = "for 14 days or until hospital discharge, whichever occurs first";

    public SourceInfo Info { get; } = new(Id, "US FDA prescribing information (OLUMIANT)",
        "Revision 06/2026 (dosing sections rebuilt from 2020–2023 copies)", Documents.FdaPi,
        [RaDose, AaDose, AaExtensive, CovidDose, CovidDuration, NotApprovedIndication, AdultsOnly, ChildrenCovid,
         .. RaRenal.Rows.Select(r => r.Rule), .. AaRenal.Rows.Select(r => r.Rule), .. CovidRenal.Rows.Select(r => r.Rule), Dialysis,
         RaOat3, AaOat3, CovidOat3, Oat3AtOneMg, Oat3WithRenal, HepaticSevere, CovidHepatic, ChronicBlood, CovidBlood,
         Tuberculosis, Combination, CovidCombination, Pregnancy, Lactation]) { PrimaryName = "US (FDA)" };

    public string ShortName => "the US prescribing information";

    /// <summary>What the US label does with one indication, and how a patient is evaluated under it.</summary>
    private abstract record Plan
    {
        public abstract Evaluation Evaluate(Evaluation e, Patient p);
    }

    /// <summary>Not an approved US indication.</summary>
    private sealed record NotApproved : Plan
    {
        public override Evaluation Evaluate(Evaluation e, Patient p)
        {
            e.Stop(FlagCodes.IndicationNotApproved, $"{IndicationNames.Of(p.Indication).Title} is not an approved US indication for baricitinib.", NotApprovedIndication);
            return e.End(RecommendationStatus.NotApproved, NotApprovedIndication);
        }
    }

    /// <summary>Approved for adults.</summary>
    /// <param name="Dose">The starting dose, its rule and its alternative.</param>
    /// <param name="Renal">The kidney bands.</param>
    /// <param name="Oat3">The OAT3 step's rule.</param>
    /// <param name="Blood">The blood-count thresholds.</param>
    /// <param name="Covid">COVID-19: children are treated under the EUA (this label is silent), a treatment duration,
    /// the COVID-19 modifiers and blood-count rule.</param>
    private sealed record ApprovedForAdults((DoseLine Line, Rule Rule, (DoseLine, string)? Alternative) Dose, BandTable Renal, Rule Oat3,
        BloodThresholds Blood, bool Covid) : Plan
    {
        public override Evaluation Evaluate(Evaluation e, Patient p) => EvaluateAdult(e, p, this);
    }

    /// <summary>Every indication decides here, once; the compiler names this place when one is added.</summary>
    private static Plan PlanFor(Patient p) => p.Indication switch
    {
        Indication.RheumatoidArthritis => new ApprovedForAdults((DoseLine.Daily(2), RaDose, null), RaRenal, RaOat3, BloodThresholds.Chronic, Covid: false),
        Indication.AlopeciaAreata when p.Request.ExtensiveScalpHairLoss => new ApprovedForAdults(
            (DoseLine.Daily(4), AaExtensive, (DoseLine.Daily(2), "once an adequate response is reached")), AaRenal, AaOat3, BloodThresholds.Chronic, Covid: false),
        Indication.AlopeciaAreata => new ApprovedForAdults(
            (DoseLine.Daily(2), AaDose, (DoseLine.Daily(4), "nearly complete or complete scalp hair loss, or inadequate response to 2 mg")), AaRenal, AaOat3, BloodThresholds.Chronic, Covid: false),
        Indication.Covid19 => new ApprovedForAdults((DoseLine.Daily(4), CovidDose, null), CovidRenal, CovidOat3, CovidThresholds, Covid: true),
        Indication.AtopicDermatitis or Indication.JuvenileIdiopathicArthritis => new NotApproved(),
    };

    public Evaluation Evaluate(Patient p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return PlanFor(p).Evaluate(new Evaluation(Id, p.Detail), p);
    }

    private static Evaluation EvaluateAdult(Evaluation e, Patient p, ApprovedForAdults plan)
    {
        if (!p.Adult)
        {
            if (plan.Covid)
            {
                return e.End(RecommendationStatus.Silent, null,
                    "The prescribing information covers adults; children are treated under the emergency use authorization.");
            }

            e.Stop(FlagCodes.AgeOutsideAuthorisation, $"{IndicationNames.Of(p.Indication).Title} is approved in the US for adults only (age ≥18 years).", AdultsOnly);
            return e.End(RecommendationStatus.NotApproved, AdultsOnly);
        }

        e.Start(plan.Dose.Line, plan.Dose.Rule, plan.Dose.Alternative);

        if (plan.Covid)
        {
            e.Duration = CovidDurationText;
            e.Flag(FlagCodes.TreatmentDuration, Severity.Info, "Treat " + CovidDurationText + ".", CovidDuration);
        }

        var before = e.Dose;
        LabelSteps.ApplyRenal(e, p, plan.Renal, p.ForEgfrRule, Dialysis, FlagCodes.CrclUsedForEgfr);
        var renalReduced = e.Dose is not null && before is not null && e.Dose.Mg < before.Mg;
        LabelSteps.ApplyOat3Halving(e, p, plan.Oat3, Oat3AtOneMg, Oat3WithRenal, renalReduced);

        CommonModifiers.Apply(e, p, plan.Covid ? CovidModifiers : ChronicModifiers);

        LabelSteps.ApplyBloodCounts(e, p, plan.Blood, plan.Covid ? CovidBlood : ChronicBlood, stop: true);

        CommonModifiers.Apply(e, p, PregnancyAndLactation);
        return e;
    }

    // The common modifiers, in the order they are applied (sections 1.4, 1.7, 1.8; boxed warning).
    private static readonly ModifierRule[] ChronicModifiers =
    [
        new(Modifier.SevereHepatic, FlagCodes.HepaticNotRecommended, Severity.Stop, "Severe hepatic impairment: not recommended.", HepaticSevere),
        new(Modifier.ActiveTuberculosis, FlagCodes.ActiveTuberculosis, Severity.Stop, "Active tuberculosis: baricitinib should not be given.", Tuberculosis),
        new(Modifier.ConcomitantImmunosuppressant, FlagCodes.ConcomitantImmunosuppressant, Severity.Stop, "Not recommended with other JAK inhibitors, biologic DMARDs or immunomodulators, or potent immunosuppressants such as azathioprine or cyclosporine.", Combination),
    ];

    private static readonly ModifierRule[] CovidModifiers =
    [
        new(Modifier.SevereHepatic, FlagCodes.HepaticBenefitRisk, Severity.Warning, "Severe hepatic impairment has not been studied in COVID-19: use only if the potential benefit outweighs the potential risk.", CovidHepatic),
        new(Modifier.ActiveTuberculosis, FlagCodes.ActiveTuberculosis, Severity.Stop, "Active tuberculosis: baricitinib should not be given.", Tuberculosis),
        new(Modifier.ConcomitantImmunosuppressant, FlagCodes.ConcomitantImmunosuppressant, Severity.Info, "COVID-19: the label has no limitation on combination; use with systemic corticosteroids is not precluded.", CovidCombination),
    ];

    /// <summary>The US pregnancy and lactation warnings, which keep the dose (also applied under the EUA).</summary>
    internal static readonly ModifierRule[] PregnancyAndLactation =
    [
        new(Modifier.Pregnant, FlagCodes.Pregnancy, Severity.Warning, "Pregnancy: not contraindicated in the US, but animal data suggest baricitinib may cause fetal harm and no human data support its use.", Pregnancy),
        new(Modifier.Breastfeeding, FlagCodes.Breastfeeding, Severity.Warning, "Breastfeeding: do not breastfeed during treatment and for 4 days after the last dose.", Lactation),
    ];
}
