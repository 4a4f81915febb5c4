using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// EU summary of product characteristics (EMEA/H/C/004085), rebuilt from the 2023 SmPC, the current package
/// leaflet and secondary copies (clinical-sources.md section 3). Adult renal rules are in creatinine clearance.
/// </summary>
internal sealed class EuSmpc : IDosingSource
{
    private static readonly string Eu = Documents.EuSmpc.Cite;
    public const string Id = "eu-smpc";
    private const string AdultScope = "Rheumatoid arthritis, atopic dermatitis, alopecia areata, adults";
    private const string ChildScope = "JIA (from 2 years) and atopic dermatitis (2 to <18 years)";
    private const string All = "All indications";

    internal static readonly Rule AdultDose = new("eu.adult.dose", "Rheumatoid arthritis, atopic dermatitis, adults", "Adults under 65 with no higher-risk factor", "4 mg once daily; consider 2 mg once disease is under sustained control", Eu + " §4.2", "clinical-sources 3.1; E4");
    internal static readonly Rule AaDose = new("eu.aa.dose", "Alopecia areata, adults", "Adults with alopecia areata", "4 mg once daily", Eu + " §4.2 / package leaflet", "clinical-sources 3.1; E5");
    internal static readonly Rule LowerGroup = new("eu.adult.lower-group", "Rheumatoid arthritis, atopic dermatitis, adults", "Age ≥65, or increased risk of VTE, MACE or malignancy, or chronic/recurrent infections", "2 mg once daily; 4 mg may be considered if 2 mg fails to control disease", Eu + " §4.2", "clinical-sources 3.1; E4");
    internal static readonly Rule AaLowerGroup = new("eu.aa.lower-group", "Alopecia areata, adults", "Age ≥65, or higher-risk groups", "2 mg once daily (same risk groups as RA: unverified for AA)", Eu + " §4.2", "clinical-sources 3.1; E5 leaflet", Verified: false);
    internal static readonly Rule AaExtensive = new("eu.aa.extensive", "Alopecia areata, adults", "Extensive scalp hair loss", "No change under the EU label", Documents.Reading + "extensive scalp hair loss changes nothing under the EU label", "decisions.md, Doses (clinical-sources 3.1)");
    internal static readonly Rule NoCovid = new("eu.covid", "COVID-19", "Any patient", "Not authorised in the EU (application withdrawn 2022-12-07)", "EMA, Olumiant EPAR: COVID-19 application withdrawn (2022-12-07)", "clinical-sources 3.6; E7");
    internal static readonly Rule AdultsOnly = new("eu.adults-only", "Rheumatoid arthritis, alopecia areata", "Age <18 years", "Not approved (\"do not give … under 18 years old\" for AA)", Eu + " §4.1, leaflet", "clinical-sources 3.1; E5");
    internal static readonly Rule UnderTwo = new("eu.under-2", "JIA, atopic dermatitis", "Age <2 years", "Not approved (\"do not give to children younger than 2 years\")", Eu + ", package leaflet", "clinical-sources 3.2; E5");
    internal static readonly Rule ChildHeavy = new("eu.child.30kg", ChildScope, "Weight ≥30 kg", "4 mg once daily", Eu + " §4.2", "clinical-sources 3.2; E4, E5");
    internal static readonly Rule ChildLight = new("eu.child.10kg", ChildScope, "Weight 10 to <30 kg", "2 mg once daily", Eu + " §4.2", "clinical-sources 3.2; E4, E5");
    internal static readonly Rule ChildTooLight = new("eu.child.under-10kg", ChildScope, "Weight <10 kg", "No dose defined", Eu + " §4.2", "clinical-sources 3.2; derived");
    internal static readonly Rule JiaAdult = new("eu.jia.adult", "Juvenile idiopathic arthritis, adults (≥18 years)", "Weight-band dose, then the adult rules", "The weight-band dose (≥30 kg 4 mg), then the adult rules as for rheumatoid arthritis: the 2 mg risk-group rule and creatinine clearance bands (the SmPC does not address adults with JIA)", Eu + " §4.2; " + Documents.Reading + "adults with JIA start from the weight band, then follow the adult rules", "clinical-sources 3.1, 3.2; decisions.md, Primary source", Verified: false);
    internal static readonly Rule JiaAdultLowerGroup = new("eu.jia.adult.lower-group", "Juvenile idiopathic arthritis, adults (≥18 years)", "Age ≥65, or increased risk of VTE, MACE or malignancy, or chronic/recurrent infections", "2 mg once daily, as for an adult with rheumatoid arthritis", Eu + " §4.2; " + Documents.Reading + "adults with JIA follow the adult 2 mg risk-group rule", "clinical-sources 3.1, 3.2; decisions.md, Primary source", Verified: false);
    internal static readonly Rule Oat3Wording = new("eu.adult.oat3.wording", "Adults", "Strong OAT3 inhibitor while the dose is already 2 mg", "2 mg once daily (section 4.2); copies of section 4.5 say the dose \"should be halved\"", Eu + " §4.2, §4.5; " + Documents.Reading + "the dose stays 2 mg once daily", "clinical-sources 3.4; decisions.md, Doses (2026-12-06)", Verified: false);
    internal static readonly Rule Taper = new("eu.aa-ad.taper", "Alopecia areata, atopic dermatitis, adults on 4 mg", "Sustained control achieved", "2 mg once daily may be considered (tapering)", Eu + " §4.2; " + Documents.Reading + "the 2 mg taper is offered for alopecia areata and atopic dermatitis", "clinical-sources 3.1; decisions.md, Doses", Verified: false);
    internal static readonly Rule ChildHigherRisk = new("eu.child.higher-risk", ChildScope, "Higher-risk group", "The adult 2 mg risk-group rule does not apply to children; no change", Documents.Reading + "the adult 2 mg risk-group rule applies to adults only", "decisions.md, Primary source");
    internal static readonly Rule Dialysis = new("eu.renal.dialysis", All, "Dialysis, end-stage renal disease or acute kidney injury", "Not recommended (creatinine clearance <30 mL/min)", Eu + " §4.2", "clinical-sources 3.3; E3, E6b; derived");

    private static readonly BandRow AdultThirtyToSixty = new(Band.Closed(30, 60), RenalStep.Fixed(2), new("eu.adult.renal.30", AdultScope, "Creatinine clearance 30–60 mL/min, both ends included", "2 mg once daily", Eu + " §4.2", "clinical-sources 3.3; E3, E6b; 60 read as inside the band (decisions.md)"));

    // Exactly at 60 the band rests on this calculator's reading of "between 30 and 60" (decisions.md, Kidney function).
    internal static readonly Rule SixtyInside = new("eu.adult.renal.60-inside", AdultScope, "Creatinine clearance exactly 60 mL/min", "Read as inside the 30–60 band: 2 mg once daily", Eu + " §4.2; " + Documents.Reading + "60 is inside the 30–60 band", "clinical-sources 3.3; decisions.md, Kidney function");

    private static readonly BandTable AdultRenal = new("creatinine clearance",
        new(Band.Above(60), RenalStep.Keep, new("eu.adult.renal.60", AdultScope, "Creatinine clearance >60 mL/min", "No adjustment", Eu + " §4.2", "clinical-sources 3.3; E3")),
        AdultThirtyToSixty,
        new(Band.Below(30), RenalStep.NotRecommended, new("eu.adult.renal.0", AdultScope, "Creatinine clearance <30 mL/min", "Not recommended", Eu + " §4.2", "clinical-sources 3.3; E3, E6b")));

    private static readonly BandTable ChildRenal = new("eGFR",
        new(Band.AtLeast(60), RenalStep.Keep, new("eu.child.renal.60", ChildScope, "eGFR ≥60 (bedside Schwartz)", "No adjustment", Eu + " §4.2", "clinical-sources 3.3", Verified: false)),
        new(Band.From(40, 60), RenalStep.Halve, new("eu.child.renal.40", ChildScope, "eGFR 40 to <60 (bedside Schwartz)", "Half dose: 2 mg (≥30 kg) or 1 mg (10 to <30 kg)", Eu + " §4.2; package leaflet", "clinical-sources 3.3; E5 (leaflet 'reduced by half'); threshold per decisions.md", Verified: false)),
        new(Band.Below(40), RenalStep.NotRecommended, new("eu.child.renal.0", ChildScope, "eGFR <40 (bedside Schwartz)", "Not recommended", Eu + " §4.2", "decisions.md (threshold to check against the current SmPC)", Verified: false)));

    internal static readonly Rule AdultOat3 = new("eu.adult.oat3", "Adults", "Strong OAT3 inhibitor (e.g. probenecid)", "2 mg once daily", Eu + " §4.2, §4.5", "clinical-sources 3.4; E3, E6a");
    internal static readonly Rule ChildOat3 = new("eu.child.oat3", ChildScope, "Strong OAT3 inhibitor", "Half dose", Eu + ", package leaflet", "clinical-sources 3.4; E5");
    internal static readonly Rule Oat3WithRenal = new("eu.oat3.with-renal", All, "Strong OAT3 inhibitor with renal impairment", "No further reduction stated: adults 2 mg; children halved once", Documents.Reading + "the label gives no further reduction when renal impairment and an OAT3 inhibitor meet: adults 2 mg, children halved once", "clinical-sources 3.4 (ambiguous); decisions.md, Doses");
    internal static readonly Rule HepaticSevere = new("eu.hepatic.severe", All, "Severe hepatic impairment", "Not recommended (mild or moderate: no adjustment)", Eu + " §4.2", "clinical-sources 3.5; E3");
    internal static readonly Rule Blood = new("eu.blood", All, "ALC <500, ANC <1000 cells/mm³ or Hb <8 g/dL", "Do not start; interrupt until recovered", Eu + " §4.2, §4.4", "clinical-sources 3.6; E3");
    internal static readonly Rule Tuberculosis = new("eu.tb", All, "Active tuberculosis", "Should not be given", Eu + " §4.4", "clinical-sources 4.2 M13: wording not confirmed", Verified: false);
    internal static readonly Rule Combination = new("eu.combination", All, "Biologic DMARDs, other JAK inhibitors or potent immunosuppressants", "Not recommended", Eu + " §4.5", "clinical-sources 4.1 A12, 4.2 M12", Verified: false);
    internal static readonly Rule Pregnancy = new("eu.pregnancy", All, "Pregnancy", "Contraindicated; contraception during treatment and for ≥1 week after", Eu + " §4.3, §4.6", "clinical-sources 3.6; E5, E8");
    internal static readonly Rule Lactation = new("eu.lactation", All, "Breastfeeding", "Should not be used while breastfeeding", Eu + " §4.6", "clinical-sources 3.6; E5, E8");

    // The common modifiers, in the order they are applied (sections 4.2–4.6).
    private static readonly ModifierRule[] StopsBeforeCounts =
    [
        new(Modifier.SevereHepatic, FlagCodes.HepaticNotRecommended, Severity.Stop, "Severe hepatic impairment: not recommended.", HepaticSevere),
        new(Modifier.ActiveTuberculosis, FlagCodes.ActiveTuberculosis, Severity.Stop, "Active tuberculosis: baricitinib should not be given.", Tuberculosis),
        new(Modifier.ConcomitantImmunosuppressant, FlagCodes.ConcomitantImmunosuppressant, Severity.Stop, "Not recommended with biologic DMARDs, other JAK inhibitors or potent immunosuppressants.", Combination),
        new(Modifier.Pregnant, FlagCodes.Pregnancy, Severity.Stop, "Pregnancy: contraindicated in the EU.", Pregnancy),
    ];

    private static readonly ModifierRule[] AfterCounts =
    [
        new(Modifier.Breastfeeding, FlagCodes.Breastfeeding, Severity.Warning, "Breastfeeding: baricitinib should not be used while breastfeeding.", Lactation),
    ];

    public SourceInfo Info { get; } = new(Id, "EU summary of product characteristics (Olumiant)",
        "SmPC 2023-10-18 with the current package leaflet", Documents.EuSmpc,
        [AdultDose, AaDose, LowerGroup, AaLowerGroup, AaExtensive, Taper, NoCovid, AdultsOnly, UnderTwo,
         ChildHeavy, ChildLight, ChildTooLight, ChildHigherRisk, JiaAdult, JiaAdultLowerGroup,
         .. AdultRenal.Rows.Select(r => r.Rule), .. ChildRenal.Rows.Select(r => r.Rule), Dialysis,
         SixtyInside, AdultOat3, Oat3Wording, ChildOat3, Oat3WithRenal, HepaticSevere, Blood, Tuberculosis, Combination, Pregnancy, Lactation]) { PrimaryName = "EU (EMA)" };

    public string ShortName => "the EU SmPC";

    /// <summary>What the EU label does with one indication, and how a patient is evaluated under it.</summary>
    private abstract record Plan
    {
        public abstract Evaluation Evaluate(Evaluation e, Patient p);
    }

    /// <summary>Not an authorised EU indication.</summary>
    private sealed record NotAuthorised(Rule Rule, string Message) : Plan
    {
        public override Evaluation Evaluate(Evaluation e, Patient p)
        {
            e.Stop(FlagCodes.IndicationNotApproved, Message, Rule);
            return e.End(RecommendationStatus.NotApproved, Rule);
        }
    }

    /// <summary>Authorised from <paramref name="MinimumAge"/>.</summary>
    /// <param name="MinimumAge">The youngest authorised age, in years.</param>
    /// <param name="AgeRule">The rule that says so, and <paramref name="AgeMessage"/> what a younger patient is told.</param>
    /// <param name="AgeMessage">The stop message below the minimum age.</param>
    /// <param name="ChildWeightBands">Under 18 the dose is set by weight (the children's rules).</param>
    /// <param name="Adult">How an adult is dosed.</param>
    private sealed record Authorised(double MinimumAge, Rule AgeRule, string AgeMessage, bool ChildWeightBands, AdultPlan Adult) : Plan
    {
        public override Evaluation Evaluate(Evaluation e, Patient p)
        {
            if (p.Age < MinimumAge)
            {
                e.Stop(FlagCodes.AgeOutsideAuthorisation, AgeMessage, AgeRule);
                return e.End(RecommendationStatus.NotApproved, AgeRule);
            }

            return ChildWeightBands && !p.Adult ? EvaluateChild(e, p) : EvaluateAdult(e, p, Adult);
        }
    }

    /// <summary>How an adult is dosed under one indication.</summary>
    /// <param name="Dose">The adult dose rule (4 mg), or, when <paramref name="FromWeightBand"/>, the rule every step rests on.</param>
    /// <param name="LowerGroup">The 2 mg rule for age ≥65 or a higher-risk group.</param>
    /// <param name="StepDown">When 2 mg may follow 4 mg, or null (no step down named).</param>
    /// <param name="FromWeightBand">The dose starts from the children's weight bands (JIA in adults).</param>
    /// <param name="ExtensiveHairLoss">The rule saying extensive scalp hair loss changes nothing, where it applies.</param>
    private sealed record AdultPlan(Rule Dose, Rule LowerGroup, string? StepDown, bool FromWeightBand, Rule? ExtensiveHairLoss = null);

    /// <summary>Every indication decides here, once; the compiler names this place when one is added.</summary>
    private static Plan PlanFor(Indication indication) => indication switch
    {
        Indication.Covid19 => new NotAuthorised(NoCovid, "COVID-19 is not an authorised indication in the EU (the application was withdrawn)."),
        Indication.RheumatoidArthritis => new Authorised(18, AdultsOnly, AdultsOnlyMessage(indication), ChildWeightBands: false,
            new AdultPlan(AdultDose, LowerGroup, "once disease activity is under sustained control (consider switching)", FromWeightBand: false)),
        Indication.AlopeciaAreata => new Authorised(18, AdultsOnly, AdultsOnlyMessage(indication), ChildWeightBands: false,
            new AdultPlan(AaDose, AaLowerGroup, TaperingStepDown, FromWeightBand: false, AaExtensive)),
        Indication.AtopicDermatitis => new Authorised(2, UnderTwo, UnderTwoMessage, ChildWeightBands: true,
            new AdultPlan(AdultDose, LowerGroup, TaperingStepDown, FromWeightBand: false)),
        Indication.JuvenileIdiopathicArthritis => new Authorised(2, UnderTwo, UnderTwoMessage, ChildWeightBands: true,
            new AdultPlan(JiaAdult, JiaAdultLowerGroup, StepDown: null, FromWeightBand: true)),
    };

    private const string TaperingStepDown = "once sustained control is achieved (tapering; wording not confirmed: check the current label)";
    private const string UnderTwoMessage = "Not authorised in the EU under 2 years of age.";

    private static string AdultsOnlyMessage(Indication indication) => $"{IndicationNames.Of(indication).Title} is authorised in the EU for adults only (age ≥18 years).";

    /// <summary>
    /// True when the EU dose starts from the weight bands: JIA from 2 years at any age (adults then follow the adult
    /// rules) and atopic dermatitis 2 to &lt;18 years.
    /// </summary>
    public static bool UsesWeightBands(Indication indication, double age) =>
        PlanFor(indication) is Authorised { ChildWeightBands: true } plan && age >= plan.MinimumAge && (age < 18 || plan.Adult.FromWeightBand);

    /// <summary>The weight-band dose, or null below 10 kg (no dose defined).</summary>
    private static (DoseLine Dose, Rule Rule)? WeightBandDose(double weight) => weight switch
    {
        >= 30 => (DoseLine.Daily(4), ChildHeavy),
        >= 10 => (DoseLine.Daily(2), ChildLight),
        _ => null,
    };

    /// <summary>
    /// Below 10 kg the label defines no dose; its kidney band and stop statements still apply, and a stop wins over
    /// "no label dose" (decisions.md, Doses).
    /// </summary>
    private static Evaluation NoDoseBelowTenKg(Evaluation e, Patient p, BandTable renal, KidneyReading? reading, string fallbackCode)
    {
        e.Flag(FlagCodes.BelowLabelWeight, Severity.Warning, "The EU label defines no dose below 10 kg.", ChildTooLight);
        e.End(RecommendationStatus.NoLabelDose, ChildTooLight, "The EU label defines no dose below 10 kg.");
        LabelSteps.ApplyRenal(e, p, renal, reading, Dialysis, fallbackCode);
        return CommonStops(e, p);
    }

    public Evaluation Evaluate(Patient p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return PlanFor(p.Indication).Evaluate(new Evaluation(Id, p.Detail), p);
    }

    private static Evaluation EvaluateAdult(Evaluation e, Patient p, AdultPlan adult)
    {
        var fromBand = adult.FromWeightBand;
        if (fromBand)
        {
            // decisions.md: an adult with JIA starts from the weight band, then follows the adult rules (unverified path).
            if (p.Request.WeightKg is not { } weight)
            {
                return e.NeedsInput(Fields.WeightKg, "Needs the weight (kg): the EU JIA dose starts from the weight bands.");
            }

            if (WeightBandDose(weight) is not { } band)
            {
                return NoDoseBelowTenKg(e, p, AdultRenal, p.ForCrclRule, FlagCodes.EgfrUsedForCrcl);
            }

            e.SetDose(band.Dose, band.Rule);
            e.SetDose(band.Dose, adult.Dose);
        }

        var riskGroup = p.Age >= 65 || p.Request.HigherRisk;
        if (riskGroup && (!fromBand || e.Dose!.Mg > 2))
        {
            e.SetDose(DoseLine.Daily(2), adult.LowerGroup);
            e.AddAlternative(DoseLine.Daily(4), "if 2 mg once daily fails to control disease activity adequately");
            var why = p.Age >= 65 ? "age ≥65 years" : "a higher-risk group (VTE, MACE, malignancy or chronic/recurrent infections)";
            e.Flag(FlagCodes.EuLowerDoseGroup, Severity.Info, $"EU: 2 mg once daily is recommended for {why}.", adult.LowerGroup);
        }
        else if (!fromBand)
        {
            e.SetDose(DoseLine.Daily(4), adult.Dose);
            if (adult.StepDown is { } stepDown)
            {
                e.AddAlternative(DoseLine.Daily(2), stepDown);
            }
        }

        if (adult.ExtensiveHairLoss is { } extensive && p.Request.ExtensiveScalpHairLoss)
        {
            e.Flag(FlagCodes.EuExtensiveHairLoss, Severity.Info, "Extensive scalp hair loss does not change the EU dose.", extensive);
        }

        LabelSteps.ApplyRenal(e, p, AdultRenal, p.ForCrclRule, Dialysis, FlagCodes.EgfrUsedForCrcl);
        var inRenalBand = e.IsDose && e.Row == AdultThirtyToSixty;
        if (inRenalBand && e.Deciding == AdultThirtyToSixty.Rule && e.Reading is { Value: 60 })
        {
            e.SetDose(e.Dose!, SixtyInside); // exactly 60: the band rests on this calculator's reading
        }

        if (p.Request.StrongOat3Inhibitor && e.IsDose && e.Dose is { } dose)
        {
            if (dose.Mg > 2)
            {
                e.SetDose(DoseLine.Daily(2), AdultOat3);
                e.Flag(FlagCodes.Oat3DoseReduced, Severity.Warning, "Strong OAT3 inhibitor (e.g. probenecid): 2 mg once daily.", AdultOat3);
            }
            else
            {
                // Already 2 mg before the OAT3 step: section 4.2 keeps 2 mg, copies of section 4.5 say "halve".
                e.SetDose(dose, Oat3Wording);
                e.Flag(FlagCodes.EuOat3WordingUnclear, Severity.Info,
                    $"Strong OAT3 inhibitor while the dose is already {dose.Text}: SmPC section 4.2 gives 2 mg once daily, while copies of section 4.5 say the dose \"should be halved\"; the dose stays {dose.Text}. Check the current SmPC.", Oat3Wording);
            }

            // No dose above 2 mg with a strong OAT3 inhibitor, so no 4 mg alternative either.
            e.KeepAlternativesUpTo(2);

            if (inRenalBand)
            {
                e.Flag(FlagCodes.Oat3RenalCombinationUnclear, Severity.Info,
                    "Renal impairment and a strong OAT3 inhibitor both point to 2 mg once daily; the EU label gives no further reduction.", Oat3WithRenal);
            }
        }

        if (fromBand && e.IsDose && e.Deciding != adult.Dose)
        {
            e.SetDose(e.Dose!, adult.Dose); // every step for an adult with JIA rests on this calculator's reading
        }

        return CommonStops(e, p);
    }

    private static Evaluation EvaluateChild(Evaluation e, Patient p)
    {
        if (p.Request.WeightKg is not { } weight)
        {
            return e.NeedsInput(Fields.WeightKg, "Needs the weight (kg): the EU children's dose is set by weight.");
        }

        if (WeightBandDose(weight) is not { } band)
        {
            return NoDoseBelowTenKg(e, p, ChildRenal, p.ForEgfrRule, FlagCodes.CrclUsedForEgfr);
        }

        e.SetDose(band.Dose, band.Rule);
        if (p.Request.HigherRisk)
        {
            e.Flag(FlagCodes.EuHigherRiskChild, Severity.Info, "The EU 2 mg risk-group rule applies to adults; for children it changes nothing.", ChildHigherRisk);
        }

        var before = e.Dose;
        LabelSteps.ApplyRenal(e, p, ChildRenal, p.ForEgfrRule, Dialysis, FlagCodes.CrclUsedForEgfr);
        var renalHalved = e.IsDose && before is not null && e.Dose!.Mg < before.Mg;
        if (p.Request.StrongOat3Inhibitor && e.IsDose && e.Dose is { } dose)
        {
            if (renalHalved)
            {
                e.Flag(FlagCodes.Oat3RenalCombinationUnclear, Severity.Info,
                    "Renal impairment and a strong OAT3 inhibitor each halve the children's dose; the dose is halved once, not twice.", Oat3WithRenal);
            }
            else
            {
                var halved = LabelSteps.Halve(dose);
                e.SetDose(halved, ChildOat3);
                e.Flag(FlagCodes.Oat3DoseReduced, Severity.Warning, $"Strong OAT3 inhibitor (e.g. probenecid): dose halved to {halved.Text}.", ChildOat3);
            }
        }

        return CommonStops(e, p);
    }

    private static Evaluation CommonStops(Evaluation e, Patient p)
    {
        if (e.Status is not (RecommendationStatus.Dose or RecommendationStatus.NotRecommended or RecommendationStatus.NoLabelDose))
        {
            return e;
        }

        CommonModifiers.Apply(e, p, StopsBeforeCounts);

        LabelSteps.ApplyBloodCounts(e, p, BloodThresholds.Chronic, Blood, stop: true);

        CommonModifiers.Apply(e, p, AfterCounts);
        return e;
    }
}
