namespace Baricitinib.Dosing.Model;

/// <summary>Every flag code, as constants: the engine writes flags only with these, and <see cref="FlagCatalog"/> defines each.</summary>
public static class FlagCodes
{
    /// <summary><c>renal-not-recommended</c>.</summary>
    public const string RenalNotRecommended = "renal-not-recommended";

    /// <summary><c>kidney-failure-not-recommended</c>.</summary>
    public const string KidneyFailureNotRecommended = "kidney-failure-not-recommended";

    /// <summary><c>hepatic-not-recommended</c>.</summary>
    public const string HepaticNotRecommended = "hepatic-not-recommended";

    /// <summary><c>lymphocytes-low</c>.</summary>
    public const string LymphocytesLow = "lymphocytes-low";

    /// <summary><c>neutrophils-low</c>.</summary>
    public const string NeutrophilsLow = "neutrophils-low";

    /// <summary><c>hemoglobin-low</c>.</summary>
    public const string HemoglobinLow = "hemoglobin-low";

    /// <summary><c>active-tuberculosis</c>.</summary>
    public const string ActiveTuberculosis = "active-tuberculosis";

    /// <summary><c>concomitant-immunosuppressant</c>.</summary>
    public const string ConcomitantImmunosuppressant = "concomitant-immunosuppressant";

    /// <summary><c>pregnancy</c>.</summary>
    public const string Pregnancy = "pregnancy";

    /// <summary><c>indication-not-approved</c>.</summary>
    public const string IndicationNotApproved = "indication-not-approved";

    /// <summary><c>age-outside-authorisation</c>.</summary>
    public const string AgeOutsideAuthorisation = "age-outside-authorisation";

    /// <summary><c>renal-dose-reduced</c>.</summary>
    public const string RenalDoseReduced = "renal-dose-reduced";

    /// <summary><c>oat3-dose-reduced</c>.</summary>
    public const string Oat3DoseReduced = "oat3-dose-reduced";

    /// <summary><c>oat3-consider-stopping-inhibitor</c>.</summary>
    public const string Oat3ConsiderStoppingInhibitor = "oat3-consider-stopping-inhibitor";

    /// <summary><c>oat3-renal-combination-unclear</c>.</summary>
    public const string Oat3RenalCombinationUnclear = "oat3-renal-combination-unclear";

    /// <summary><c>kidney-measures-disagree</c>.</summary>
    public const string KidneyMeasuresDisagree = "kidney-measures-disagree";

    /// <summary><c>hepatic-benefit-risk</c>.</summary>
    public const string HepaticBenefitRisk = "hepatic-benefit-risk";

    /// <summary><c>breastfeeding</c>.</summary>
    public const string Breastfeeding = "breastfeeding";

    /// <summary><c>unverified-rule</c>.</summary>
    public const string UnverifiedRule = "unverified-rule";

    /// <summary><c>below-label-weight</c>.</summary>
    public const string BelowLabelWeight = "below-label-weight";

    /// <summary><c>near-band-edge</c>.</summary>
    public const string NearBandEdge = "near-band-edge";

    /// <summary><c>egfr-used-for-crcl</c>.</summary>
    public const string EgfrUsedForCrcl = "egfr-used-for-crcl";

    /// <summary><c>crcl-used-for-egfr</c>.</summary>
    public const string CrclUsedForEgfr = "crcl-used-for-egfr";

    /// <summary><c>emergency-use-authorization</c>.</summary>
    public const string EmergencyUseAuthorization = "emergency-use-authorization";

    /// <summary><c>eu-lower-dose-group</c>.</summary>
    public const string EuLowerDoseGroup = "eu-lower-dose-group";

    /// <summary><c>treatment-duration</c>.</summary>
    public const string TreatmentDuration = "treatment-duration";

    /// <summary><c>renal-band-limit</c>.</summary>
    public const string RenalBandLimit = "renal-band-limit";

    /// <summary><c>eu-extensive-hair-loss</c>.</summary>
    public const string EuExtensiveHairLoss = "eu-extensive-hair-loss";

    /// <summary><c>eu-higher-risk-child</c>.</summary>
    public const string EuHigherRiskChild = "eu-higher-risk-child";

    /// <summary><c>eu-oat3-wording-unclear</c>.</summary>
    public const string EuOat3WordingUnclear = "eu-oat3-wording-unclear";

    /// <summary><c>cg-weight-decides</c>.</summary>
    public const string CgWeightDecides = "cg-weight-decides";
}
