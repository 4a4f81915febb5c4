using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Engine;

/// <summary>One row of the conflict matrix: a representative patient and what every source says for them.</summary>
/// <param name="Indication">Indication, in words.</param>
/// <param name="Population">Who, in words.</param>
/// <param name="Condition">Kidney band or modifier, in words.</param>
/// <param name="Query">The request as a query string (opens the calculator on this patient).</param>
/// <param name="Cells">One cell per source, in rule-set order.</param>
public sealed record MatrixRow(string Indication, string Population, string Condition, string Query, IReadOnlyList<MatrixCell> Cells);

/// <summary>What one source says in one matrix row.</summary>
/// <param name="Source">Source id.</param>
/// <param name="Text">Its recommendation ("1 mg once daily", "Not recommended", "No rule for this case"…).</param>
/// <param name="IsReference">True for the US primary source of the row (the FDA PI, or the EUA for children).</param>
/// <param name="Agreement">How it compares with the reference (the reference itself "agrees").</param>
/// <param name="Verified">False when the rule behind it is unverified.</param>
public sealed record MatrixCell(string Source, string Text, bool IsReference, Agreement Agreement, bool Verified);

/// <summary>
/// The conflict matrix of clinical-sources.md section 5, computed by the engine itself for a representative
/// patient per row (US label as reference; EU cells use creatinine clearance equal to the eGFR), so it can never
/// disagree with the calculator.
/// </summary>
public static class ConflictMatrix
{
    private static readonly (string Indication, string Population, string Condition, string Query)[] Patients =
    [
        ("Rheumatoid arthritis", "adult <65", "≥60", "indication=rheumatoid-arthritis&ageYears=50&egfr=90&creatinineClearance=90"),
        ("Rheumatoid arthritis", "adult ≥65", "≥60", "indication=rheumatoid-arthritis&ageYears=70&egfr=90&creatinineClearance=90"),
        ("Rheumatoid arthritis", "adult <65", "50 to <60", "indication=rheumatoid-arthritis&ageYears=50&egfr=55&creatinineClearance=55"),
        ("Rheumatoid arthritis", "adult <65", "30 to <50", "indication=rheumatoid-arthritis&ageYears=50&egfr=40&creatinineClearance=40"),
        ("Rheumatoid arthritis", "adult <65", "15 to <30", "indication=rheumatoid-arthritis&ageYears=50&egfr=20&creatinineClearance=20"),
        ("Rheumatoid arthritis", "adult <65", "<15", "indication=rheumatoid-arthritis&ageYears=50&egfr=10&creatinineClearance=10"),
        ("Rheumatoid arthritis", "adult <65", "strong OAT3, ≥60", "indication=rheumatoid-arthritis&ageYears=50&egfr=90&creatinineClearance=90&strongOat3Inhibitor=true"),
        ("Rheumatoid arthritis", "adult <65", "strong OAT3 + 30 to <60", "indication=rheumatoid-arthritis&ageYears=50&egfr=45&creatinineClearance=45&strongOat3Inhibitor=true"),
        ("Rheumatoid arthritis", "adult <65", "severe hepatic", "indication=rheumatoid-arthritis&ageYears=50&egfr=90&creatinineClearance=90&hepaticImpairment=severe"),
        ("Rheumatoid arthritis", "<18 years", "any", "indication=rheumatoid-arthritis&ageYears=15&egfr=90&creatinineClearance=90"),
        ("Alopecia areata", "adult <65", "≥60", "indication=alopecia-areata&ageYears=40&egfr=90&creatinineClearance=90"),
        ("Alopecia areata", "adult <65, extensive hair loss", "≥60", "indication=alopecia-areata&ageYears=40&egfr=90&creatinineClearance=90&extensiveScalpHairLoss=true"),
        ("Alopecia areata", "adult ≥65", "≥60", "indication=alopecia-areata&ageYears=70&egfr=90&creatinineClearance=90"),
        ("Alopecia areata", "adult <65", "30 to <60", "indication=alopecia-areata&ageYears=40&egfr=45&creatinineClearance=45"),
        ("Alopecia areata", "adult <65", "<30", "indication=alopecia-areata&ageYears=40&egfr=20&creatinineClearance=20"),
        ("Alopecia areata", "adult <65", "strong OAT3, ≥60", "indication=alopecia-areata&ageYears=40&egfr=90&creatinineClearance=90&strongOat3Inhibitor=true"),
        ("COVID-19", "adult", "≥60", "indication=covid-19&ageYears=60&egfr=90&creatinineClearance=90"),
        ("COVID-19", "adult", "50 to <60", "indication=covid-19&ageYears=60&egfr=55&creatinineClearance=55"),
        ("COVID-19", "adult", "30 to <50", "indication=covid-19&ageYears=60&egfr=40&creatinineClearance=40"),
        ("COVID-19", "adult", "15 to <30", "indication=covid-19&ageYears=60&egfr=20&creatinineClearance=20"),
        ("COVID-19", "adult", "<15, dialysis, ESRD, AKI", "indication=covid-19&ageYears=60&dialysisOrAki=true"),
        ("COVID-19", "adult", "strong OAT3, ≥60", "indication=covid-19&ageYears=60&egfr=90&creatinineClearance=90&strongOat3Inhibitor=true"),
        ("COVID-19", "adult", "strong OAT3 + 15 to <30", "indication=covid-19&ageYears=60&egfr=20&creatinineClearance=20&strongOat3Inhibitor=true"),
        ("COVID-19", "adult", "severe hepatic", "indication=covid-19&ageYears=60&egfr=90&creatinineClearance=90&hepaticImpairment=severe"),
        ("COVID-19", "child 9 to <18 years", "≥60", "indication=covid-19&ageYears=12&egfr=90"),
        ("COVID-19", "child 9 to <18 years", "30 to <60", "indication=covid-19&ageYears=12&egfr=45"),
        ("COVID-19", "child 9 to <18 years", "15 to <30", "indication=covid-19&ageYears=12&egfr=20"),
        ("COVID-19", "child 2 to <9 years", "≥60", "indication=covid-19&ageYears=5&egfr=90"),
        ("COVID-19", "child 2 to <9 years", "30 to <60", "indication=covid-19&ageYears=5&egfr=45"),
        ("COVID-19", "child 2 to <9 years", "15 to <30", "indication=covid-19&ageYears=5&egfr=20"),
        ("COVID-19", "child <2 years", "any", "indication=covid-19&ageYears=1&egfr=90"),
        ("Atopic dermatitis", "adult <65", "≥60", "indication=atopic-dermatitis&ageYears=30&egfr=90&creatinineClearance=90"),
        ("Atopic dermatitis", "adult ≥65", "≥60", "indication=atopic-dermatitis&ageYears=70&egfr=90&creatinineClearance=90"),
        ("Atopic dermatitis", "adult", "CrCl 30–60", "indication=atopic-dermatitis&ageYears=30&egfr=45&creatinineClearance=45"),
        ("Atopic dermatitis", "adult", "<30", "indication=atopic-dermatitis&ageYears=30&egfr=20&creatinineClearance=20"),
        ("Atopic dermatitis", "child ≥2 years, ≥30 kg", "normal", "indication=atopic-dermatitis&ageYears=12&weightKg=40&egfr=90"),
        ("Atopic dermatitis", "child ≥2 years, 10 to <30 kg", "normal", "indication=atopic-dermatitis&ageYears=6&weightKg=20&egfr=90"),
        ("JIA", "child ≥2 years, ≥30 kg", "normal", "indication=juvenile-idiopathic-arthritis&ageYears=12&weightKg=40&egfr=90"),
        ("JIA", "child ≥2 years, 10 to <30 kg", "normal", "indication=juvenile-idiopathic-arthritis&ageYears=6&weightKg=20&egfr=90"),
        ("JIA", "child ≥2 years, ≥30 kg", "eGFR 40 to <60", "indication=juvenile-idiopathic-arthritis&ageYears=12&weightKg=40&egfr=50"),
        ("JIA", "child ≥2 years, ≥30 kg", "strong OAT3", "indication=juvenile-idiopathic-arthritis&ageYears=12&weightKg=40&egfr=90&strongOat3Inhibitor=true"),
        ("Rheumatoid arthritis", "adult, pregnant", "≥60", "indication=rheumatoid-arthritis&ageYears=30&egfr=90&creatinineClearance=90&pregnant=true"),
        ("Rheumatoid arthritis", "adult, breastfeeding", "≥60", "indication=rheumatoid-arthritis&ageYears=30&egfr=90&creatinineClearance=90&breastfeeding=true"),
    ];

    /// <summary>Every row over the product's sources, computed once.</summary>
    public static IReadOnlyList<MatrixRow> All => SourceRegistry.Default.Matrix;

    internal static IReadOnlyList<MatrixRow> Build(SourceRegistry registry)
    {
        var calculator = new DosingCalculator(registry);
        return [.. Patients.Select(p =>
        {
            var result = calculator.Calculate(DosingRequestParser.ParseQuery(p.Query, InputMode.Api).Request).Result
                ?? throw new InvalidOperationException("Invalid conflict-matrix patient: " + p.Query);
            var cells = registry.Sources.Select(s => s.Id == result.Recommendation.Source
                ? new MatrixCell(s.Id, result.Recommendation.Text, true, Agreement.Agrees, result.Recommendation.Verified)
                : result.Sources.Single(o => o.Source == s.Id) is var o
                    ? new MatrixCell(s.Id, o.Recommendation.Text, false, o.Agreement, o.Recommendation.Verified)
                    : throw new InvalidOperationException());
            return new MatrixRow(p.Indication, p.Population, p.Condition, p.Query, [.. cells]);
        })];
    }
}
