using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// FDA emergency use authorization fact sheet, COVID-19 in hospitalised children 2 to &lt;18 years
/// (clinical-sources.md section 2). Revision not confirmed; still in force as far as is known [M].
/// </summary>
internal sealed class FdaPediatricCovidEua : IDosingSource
{
    private static readonly string Eua = Documents.FdaEua.Cite;
    public const string Id = "fda-eua-pediatric-covid";
    private const string Older = "COVID-19, children 9 to <18 years";
    private const string Younger = "COVID-19, children 2 to <9 years";
    private const string Children = "COVID-19, children 2 to <18 years";

    internal static readonly Rule OlderDose = new("eua.dose.9", Older, "Age ≥9 years", "4 mg once daily for 14 days or until hospital discharge", Eua + ", dosing", "clinical-sources 2; S9, S12");
    internal static readonly Rule YoungerDose = new("eua.dose.2", Younger, "Age 2 to <9 years", "2 mg once daily for 14 days or until hospital discharge", Eua + ", dosing", "clinical-sources 2; S9, S12");
    internal static readonly Rule UnderTwo = new("eua.under-2", "COVID-19, children <2 years", "Age <2 years", "Not recommended", Eua, "clinical-sources 2; S9");
    internal static readonly Rule CovidOnly = new("eua.covid-only", "Other indications", "Any", "No rule: the authorization covers COVID-19 in children 2 to <18 years only", Eua + ", scope", "clinical-sources 2; S11");
    internal static readonly Rule AdultsLeft = new("eua.adults", "COVID-19, adults", "Age ≥18 years", "No rule: adults are under the full approval since 2022-05-10", Eua, "clinical-sources 2 (S2, S11)");
    internal static readonly Rule Dialysis = new("eua.renal.dialysis", Children, "Dialysis, end-stage renal disease or acute kidney injury", "Not recommended", Eua, "clinical-sources 2; S9");

    private static readonly BandTable OlderRenal = new("eGFR",
        new(Band.AtLeast(60), RenalStep.Keep, new("eua.9.renal.60", Older, "eGFR ≥60", "4 mg once daily (no adjustment)", Eua + ", Table 1", "clinical-sources 2; S10")),
        new(Band.From(30, 60), RenalStep.Fixed(2), new("eua.9.renal.30", Older, "eGFR 30 to <60", "2 mg once daily", Eua + ", Table 1", "clinical-sources 2; S10")),
        new(Band.From(15, 30), RenalStep.Fixed(1), new("eua.9.renal.15", Older, "eGFR 15 to <30", "1 mg once daily", Eua + ", Table 1", "clinical-sources 2; S8 adult row; grouping with ≥9 years unverified", Verified: false)),
        new(Band.Below(15), RenalStep.NotRecommended, new("eua.9.renal.0", Older, "eGFR <15", "Not recommended", Eua + ", Table 1", "clinical-sources 2; S9")));

    private static readonly BandTable YoungerRenal = new("eGFR",
        new(Band.AtLeast(60), RenalStep.Keep, new("eua.2.renal.60", Younger, "eGFR ≥60", "2 mg once daily", Eua + ", Table 1", "clinical-sources 2; S10")),
        new(Band.From(30, 60), RenalStep.Fixed(1), new("eua.2.renal.30", Younger, "eGFR 30 to <60", "1 mg once daily", Eua + ", Table 1", "clinical-sources 2; S10")),
        new(Band.From(15, 30), RenalStep.NotRecommended, new("eua.2.renal.15", Younger, "eGFR 15 to <30", "Not recommended (UNVERIFIED: the only copy is cut off)", Eua + ", Table 1", "clinical-sources 2; S10 truncated", Verified: false)),
        new(Band.Below(15), RenalStep.NotRecommended, new("eua.2.renal.0", Younger, "eGFR <15", "Not recommended", Eua + ", Table 1", "clinical-sources 2; S9")));

    internal static readonly Rule Oat3 = new("eua.oat3", Children, "Strong OAT3 inhibitor", "4 mg → 2 mg; 2 mg → 1 mg once daily", Eua + ", interactions", "clinical-sources 2; S9 'adjustments recommended', steps as adults", Verified: false);
    internal static readonly Rule Oat3AtOneMg = new("eua.oat3.at-1mg", Children, "Strong OAT3 inhibitor while the dose is 1 mg", "Consider discontinuing probenecid", Eua + "; " + Documents.Reading + "the adult OAT3 steps apply", "clinical-sources 2 (steps as adults)", Verified: false);
    internal static readonly Rule Oat3WithRenal = new("eua.oat3.with-renal", Children, "Strong OAT3 inhibitor with renal impairment", "Ambiguous: renal step first, then OAT3 step, never below 1 mg", Documents.Reading + "the authorization does not say how the renal and OAT3 steps combine; the renal step is applied first, then the OAT3 step, never below 1 mg", "clinical-sources 1.5, 2; decisions.md, Doses", Verified: false);
    internal static readonly Rule Hepatic = new("eua.hepatic", Children, "Severe hepatic impairment", "Use only if the potential benefit outweighs the potential risk", Eua, "clinical-sources 1.4", Verified: false);
    internal static readonly Rule BloodStop = new("eua.blood.stop", Children, "ALC <200 or ANC <500 cells/mm³", "Avoid initiation, or interrupt until recovery (the fact sheet gives dose modifications for abnormal haematological values; read as for adults with COVID-19)", Eua + ", dosage modifications; " + Documents.Reading + "the adult COVID-19 thresholds apply", "clinical-sources 1.6, 2; decisions.md, Statuses versus flags (2026-12-06)", Verified: false);
    internal static readonly Rule Blood = new("eua.blood", Children, "ANC 500 to <1000 cells/mm³ or Hb <8 g/dL", "Limited information; dose unchanged", Eua + ", warnings", "clinical-sources 1.6; S11b");
    internal static readonly Rule Tuberculosis = new("eua.tb", Children, "Active tuberculosis", "Should not be given (as the US boxed warning)", Documents.FdaPi.Cite + " boxed warning, applied to the authorization", "clinical-sources 4.2 M13; S3", Verified: false);
    internal static readonly Rule Combination = new("eua.combination", Children, "Concomitant immunosuppressant", "Use with systemic corticosteroids is not precluded", Eua, "clinical-sources 1.7; S9");
    internal static readonly Rule Authorization = new("eua.status", Children, "Any", "Authorized for emergency use, not approved; only for the duration of the declaration", Eua, "clinical-sources 2; S11");
    internal static readonly Rule Duration = new("eua.duration", Children, "Treatment duration", "14 days or until hospital discharge, whichever occurs first", Eua, "clinical-sources 2; S9, S12");

    // The common modifiers, in the order they are applied; pregnancy and lactation as the prescribing information.
    private static readonly ModifierRule[] Modifiers =
    [
        new(Modifier.SevereHepatic, FlagCodes.HepaticBenefitRisk, Severity.Warning, "Severe hepatic impairment has not been studied: use only if the potential benefit outweighs the potential risk.", Hepatic),
        new(Modifier.ActiveTuberculosis, FlagCodes.ActiveTuberculosis, Severity.Stop, "Active tuberculosis: baricitinib should not be given.", Tuberculosis),
        new(Modifier.ConcomitantImmunosuppressant, FlagCodes.ConcomitantImmunosuppressant, Severity.Info, "COVID-19: use with systemic corticosteroids is not precluded.", Combination),
    ];

    public SourceInfo Info { get; } = new(Id, "FDA emergency use authorization, COVID-19 in children 2 to <18 years",
        "Fact sheet; revision not confirmed", Documents.FdaEua,
        [OlderDose, YoungerDose, UnderTwo, Duration, Authorization, CovidOnly, AdultsLeft,
         .. OlderRenal.Rows.Select(r => r.Rule), .. YoungerRenal.Rows.Select(r => r.Rule), Dialysis,
         Oat3, Oat3AtOneMg, Oat3WithRenal, Hepatic, BloodStop, Blood, Tuberculosis, Combination,
         FdaPrescribingInformation.Pregnancy, FdaPrescribingInformation.Lactation]) { PrimaryName = "US (FDA emergency use authorization)" };

    public string ShortName => "the FDA emergency use authorization";

    // Below these the authorization's dose modifications stop the dose (as for adults); between them and the
    // "limited information" values the dose is kept with a warning.
    private static readonly BloodThresholds StopThresholds = new(200, 500, null);
    private static readonly BloodThresholds LimitedInformation = new(null, 1000, 8);

    public Evaluation Evaluate(Patient p)
    {
        var e = new Evaluation(Id, p.Detail);
        // Every indication decides here; the compiler names this place when one is added.
        var covered = p.Indication switch
        {
            Indication.Covid19 => true,
            Indication.RheumatoidArthritis or Indication.AlopeciaAreata or Indication.AtopicDermatitis or Indication.JuvenileIdiopathicArthritis => false,
        };
        if (!covered)
        {
            return e.End(RecommendationStatus.Silent, null, "The emergency use authorization covers COVID-19 only.");
        }

        if (p.Adult)
        {
            return e.End(RecommendationStatus.Silent, null,
                "The emergency use authorization covers children 2 to <18 years; adults are treated under the prescribing information.");
        }

        if (p.Age < 2)
        {
            e.Stop(FlagCodes.AgeOutsideAuthorisation, "Under 2 years: baricitinib is not recommended (the authorization starts at 2 years).", UnderTwo);
            return e;
        }

        e.Flag(FlagCodes.EmergencyUseAuthorization, Severity.Info,
            "Children 2 to <18 years with COVID-19 are treated under an FDA emergency use authorization, not an approval; check that it is still in force.", Authorization);
        var older = p.Age >= 9;
        e.SetDose(DoseLine.Daily(older ? 4 : 2), older ? OlderDose : YoungerDose);
        e.Duration = FdaPrescribingInformation.CovidDurationText;
        e.Flag(FlagCodes.TreatmentDuration, Severity.Info, "Treat " + FdaPrescribingInformation.CovidDurationText + ".", Duration);

        var before = e.Dose;
        LabelSteps.ApplyRenal(e, p, older ? OlderRenal : YoungerRenal, p.ForEgfrRule, Dialysis, FlagCodes.CrclUsedForEgfr);
        var renalReduced = e.Dose is not null && before is not null && e.Dose.Mg < before.Mg;
        LabelSteps.ApplyOat3Halving(e, p, Oat3, Oat3AtOneMg, Oat3WithRenal, renalReduced);

        CommonModifiers.Apply(e, p, Modifiers);
        LabelSteps.ApplyBloodCounts(e, p, StopThresholds, BloodStop, stop: true);
        LabelSteps.ApplyBloodCounts(e, p, LimitedInformation, Blood, stop: false, stoppedBelow: StopThresholds);

        CommonModifiers.Apply(e, p, FdaPrescribingInformation.PregnancyAndLactation);
        return e;
    }
}
