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
        "SmPC 2023-10-18 with the current package leaflet", true, Documents.EuSmpc,
        [AdultDose, AaDose, LowerGroup, AaLowerGroup, AaExtensive, Taper, NoCovid, AdultsOnly, UnderTwo,
         ChildHeavy, ChildLight, ChildTooLight, ChildHigherRisk, JiaAdult, JiaAdultLowerGroup,
         .. AdultRenal.Rows.Select(r => r.Rule), .. ChildRenal.Rows.Select(r => r.Rule), Dialysis,
         SixtyInside, AdultOat3, Oat3Wording, ChildOat3, Oat3WithRenal, HepaticSevere, Blood, Tuberculosis, Combination, Pregnancy, Lactation]) { PrimaryName = "EU (EMA)" };

    public string ShortName => "the EU SmPC";

    /// <summary>
    /// True when the EU dose starts from the weight bands: JIA from 2 years at any age (adults then follow the adult
    /// rules) and atopic dermatitis 2 to &lt;18 years.
    /// </summary>
    public static bool UsesWeightBands(Indication indication, double age) =>
        age >= 2 && (indication == Indication.JuvenileIdiopathicArthritis || (indication == Indication.AtopicDermatitis && age < 18));

    /// <summary>True when the EU children's rules apply (weight bands with the children's kidney rule): under 18.</summary>
    public static bool UsesChildRules(Indication indication, double age) => age < 18 && UsesWeightBands(indication, age);

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
        var e = new Evaluation(Id, p.Detail);
        var indication = p.Indication;
        if (indication == Indication.Covid19)
        {
            e.Stop(FlagCodes.IndicationNotApproved, "COVID-19 is not an authorised indication in the EU (the application was withdrawn).", NoCovid);
            return e.End(RecommendationStatus.NotApproved, NoCovid);
        }

        if (indication is Indication.RheumatoidArthritis or Indication.AlopeciaAreata && !p.Adult)
        {
            e.Stop(FlagCodes.AgeOutsideAuthorisation, $"{Text.Indication(indication)} is authorised in the EU for adults only (age ≥18 years).", AdultsOnly);
            return e.End(RecommendationStatus.NotApproved, AdultsOnly);
        }

        if (indication is Indication.AtopicDermatitis or Indication.JuvenileIdiopathicArthritis && p.Age < 2)
        {
            e.Stop(FlagCodes.AgeOutsideAuthorisation, "Not authorised in the EU under 2 years of age.", UnderTwo);
            return e.End(RecommendationStatus.NotApproved, UnderTwo);
        }

        return UsesChildRules(indication, p.Age) ? EvaluateChild(e, p) : EvaluateAdult(e, p);
    }

    private static Evaluation EvaluateAdult(Evaluation e, Patient p)
    {
        var indication = p.Indication;
        var aa = indication == Indication.AlopeciaAreata;
        var jia = indication == Indication.JuvenileIdiopathicArthritis;
        if (jia)
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
            e.SetDose(band.Dose, JiaAdult);
        }

        var riskGroup = p.Age >= 65 || p.Request.HigherRisk;
        if (riskGroup && (!jia || e.Dose!.Mg > 2))
        {
            var rule = jia ? JiaAdultLowerGroup : aa ? AaLowerGroup : LowerGroup;
            e.SetDose(DoseLine.Daily(2), rule);
            e.AddAlternative(DoseLine.Daily(4), "if 2 mg once daily fails to control disease activity adequately");
            var why = p.Age >= 65 ? "age ≥65 years" : "a higher-risk group (VTE, MACE, malignancy or chronic/recurrent infections)";
            e.Flag(FlagCodes.EuLowerDoseGroup, Severity.Info, $"EU: 2 mg once daily is recommended for {why}.", rule);
        }
        else if (!jia)
        {
            e.SetDose(DoseLine.Daily(4), aa ? AaDose : AdultDose);
            if (indication == Indication.RheumatoidArthritis)
            {
                e.AddAlternative(DoseLine.Daily(2), "once disease activity is under sustained control (consider switching)");
            }
            else
            {
                e.AddAlternative(DoseLine.Daily(2), "once sustained control is achieved (tapering; wording not confirmed: check the current label)");
            }
        }

        if (aa && p.Request.ExtensiveScalpHairLoss)
        {
            e.Flag(FlagCodes.EuExtensiveHairLoss, Severity.Info, "Extensive scalp hair loss does not change the EU dose.", AaExtensive);
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

        if (jia && e.IsDose && e.Deciding != JiaAdult)
        {
            e.SetDose(e.Dose!, JiaAdult); // every step for an adult with JIA rests on this calculator's reading
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
