using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>
/// Safety invariants over generated patients (FsCheck, 10,000 requests each; decisions.md, Safety properties).
/// Generators favour the band, age and weight edges, where mistakes live.
/// </summary>
public class SafetyPropertyTests
{
    private const int Runs = 10_000;
    private static readonly string[] LabelSources = ["fda-pi", "fda-eua-pediatric-covid", "eu-smpc"];
    private static readonly DosingCalculator Calculator = new();

    private static readonly Gen<double> Ages = Gen.OneOf(
        Gen.Elements(0.5, 1.9, 2.0, 8.9, 9.0, 17.9, 18.0, 64.9, 65.0, 85.0),
        Gen.Choose(0, 1200).Select(i => i / 10.0));

    private static readonly Gen<double> KidneyValues = Gen.OneOf(
        Gen.Elements(0.0, 14.9, 15.0, 29.9, 30.0, 39.9, 40.0, 49.0, 49.5, 50.0, 59.9, 60.0, 60.1, 90.0),
        Gen.Choose(0, 2500).Select(i => i / 10.0));

    private static readonly Gen<bool> Rarely = Gen.Elements(false, false, false, true);

    /// <summary>A patient plus how much kidney function falls (mL/min or mL/min/1.73 m²; creatinine rises by delta/100 mg/dL).</summary>
    public sealed record GeneratedCase(DosingRequest Request, int KidneyKind, double Delta)
    {
        public override string ToString() => $"{string.Join("&", DosingRequestParser.ToPairs(Request).Select(p => $"{p.Key}={p.Value}"))} kind={KidneyKind} delta={Delta}";
    }

    internal static readonly Gen<DosingRequest> Patients =
        from indication in Gen.Elements(Enum.GetValues<Indication>())
        from jurisdiction in Gen.Elements(Jurisdiction.Us, Jurisdiction.Eu)
        from age in Ages
        from sex in Gen.Elements(Sex.Female, Sex.Male)
        from weight in Gen.OneOf(Gen.Elements(9.9, 10.0, 29.9, 30.0), Gen.Choose(5, 150).Select(i => (double)i))
        from height in Gen.Choose(60, 200)
        from kind in Gen.Choose(0, 3)
        from k1 in KidneyValues
        from k2 in KidneyValues
        from scr in Gen.Choose(2, 60).Select(i => i / 10.0)
        from dialysis in Gen.Elements(false, false, false, false, false, false, false, true)
        from oat3 in Rarely
        from hepatic in Gen.Elements(Enum.GetValues<HepaticImpairment>())
        from counts in Gen.Elements<double?>(null, null, null, 150, 199.9, 200, 499.9, 500, 999.9, 1000)
        from hb in Gen.Elements<double?>(null, null, 7.9, 8, 12)
        from pregnant in Rarely
        from breastfeeding in Rarely
        from tb in Gen.Elements(false, false, false, false, false, false, false, true)
        from immuno in Gen.Elements(false, false, false, false, false, false, false, true)
        from higherRisk in Rarely
        from extensive in Rarely
        select new DosingRequest
        {
            Indication = indication,
            Jurisdiction = jurisdiction,
            AgeYears = age,
            Sex = sex,
            WeightKg = weight,
            HeightCm = height,
            Egfr = kind is 0 or 3 ? k1 : null,
            CreatinineClearance = kind is 1 or 3 ? k2 : null,
            SerumCreatinine = kind == 2 ? scr : null,
            DialysisOrAki = dialysis,
            StrongOat3Inhibitor = oat3,
            HepaticImpairment = hepatic,
            AbsoluteLymphocyteCount = counts,
            AbsoluteNeutrophilCount = counts is { } c ? c * 2 : null,
            Hemoglobin = hb,
            Pregnant = pregnant,
            Breastfeeding = breastfeeding,
            ActiveTuberculosis = tb,
            ConcomitantImmunosuppressant = immuno,
            HigherRisk = higherRisk,
            ExtensiveScalpHairLoss = extensive,
        };

    private static readonly Arbitrary<GeneratedCase> Cases = Arb.From(
        from request in Patients
        from delta in Gen.OneOf(Gen.Elements(0.1, 1.0), Gen.Choose(1, 1000).Select(i => i / 10.0))
        select new GeneratedCase(request, request.SerumCreatinine is null ? 0 : 2, delta),
        Shrink);

    /// <summary>Smaller counterexamples: one modifier fewer at a time, whole-number kidney values, a delta of 1.</summary>
    private static IEnumerable<GeneratedCase> Shrink(GeneratedCase c)
    {
        foreach (var request in Simpler(c.Request))
        {
            yield return c with { Request = request };
        }

        if (c.Delta != 1.0)
        {
            yield return c with { Delta = 1.0 };
        }
    }

    /// <summary>Simpler patients than <paramref name="r"/>: one modifier fewer at a time, whole-number kidney values.</summary>
    internal static List<DosingRequest> Simpler(DosingRequest r)
    {
        var simpler = new List<DosingRequest>();
        void Add(bool applies, Func<DosingRequest> shrunk)
        {
            if (applies)
            {
                simpler.Add(shrunk());
            }
        }

        Add(r.DialysisOrAki, () => r with { DialysisOrAki = false });
        Add(r.StrongOat3Inhibitor, () => r with { StrongOat3Inhibitor = false });
        Add(r.HepaticImpairment is not (null or HepaticImpairment.None), () => r with { HepaticImpairment = HepaticImpairment.None });
        Add(r.AbsoluteLymphocyteCount is not null || r.AbsoluteNeutrophilCount is not null, () => r with { AbsoluteLymphocyteCount = null, AbsoluteNeutrophilCount = null });
        Add(r.Hemoglobin is not null, () => r with { Hemoglobin = null });
        Add(r.Pregnant, () => r with { Pregnant = false });
        Add(r.Breastfeeding, () => r with { Breastfeeding = false });
        Add(r.ActiveTuberculosis, () => r with { ActiveTuberculosis = false });
        Add(r.ConcomitantImmunosuppressant, () => r with { ConcomitantImmunosuppressant = false });
        Add(r.HigherRisk, () => r with { HigherRisk = false });
        Add(r.ExtensiveScalpHairLoss, () => r with { ExtensiveScalpHairLoss = false });
        Add(r.Egfr is { } e && e != Math.Round(e), () => r with { Egfr = Math.Round(r.Egfr!.Value) });
        Add(r.CreatinineClearance is { } k && k != Math.Round(k), () => r with { CreatinineClearance = Math.Round(r.CreatinineClearance!.Value) });
        Add(r.Egfr is not null && r.CreatinineClearance is not null, () => r with { CreatinineClearance = null });
        return simpler;
    }

    /// <summary>The property over generated cases: FsCheck shrinks a failure to a simpler patient and prints the seed
    /// that replays it (<c>[Property(Replay = "…")]</c>).</summary>
    private static Property Check(Func<GeneratedCase, bool> property) => Prop.ForAll(Cases, property);

    private static DosingResult Result(DosingRequest request)
    {
        var outcome = Calculator.Calculate(request);
        return outcome.Result ?? throw new InvalidOperationException("Generated an invalid request: " + string.Join("; ", outcome.Errors.Select(e => e.Message)));
    }

    private static double MgPerDay(Recommendation r) =>
        r.Status != RecommendationStatus.Dose ? 0 : r.Frequency == Frequency.EveryOtherDay ? r.DoseMg!.Value / 2.0 : r.DoseMg!.Value;

    private static DosingRequest Lower(DosingRequest r, double delta) => r with
    {
        Egfr = r.Egfr is { } e ? Math.Max(0, e - delta) : null,
        CreatinineClearance = r.CreatinineClearance is { } c ? Math.Max(0, c - delta) : null,
        SerumCreatinine = r.SerumCreatinine is { } s ? Math.Min(20, s + (delta / 100)) : null,
    };

    [Property(MaxTest = Runs)]
    public Property The_dose_never_rises_as_kidney_function_falls_for_the_primary_and_each_label_source() =>
        Check(c =>
        {
            var high = Result(c.Request);
            var low = Result(Lower(c.Request, c.Delta));
            if (MgPerDay(low.Recommendation) > MgPerDay(high.Recommendation))
            {
                return false;
            }

            foreach (var source in LabelSources)
            {
                var before = high.Sources.SingleOrDefault(s => s.Source == source)?.Recommendation;
                var after = low.Sources.SingleOrDefault(s => s.Source == source)?.Recommendation;
                if (before is not null && after is not null && MgPerDay(after) > MgPerDay(before))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = Runs)]
    public Property The_primary_label_always_decides_it_is_never_silent_and_never_needs_an_input() =>
        Check(c => Result(c.Request).Recommendation.Status is not (RecommendationStatus.Silent or RecommendationStatus.NeedsInput));

    [Property(MaxTest = Runs)]
    public Property No_dose_is_given_where_the_primary_label_says_not_recommended_and_a_stop_flag_says_why() =>
        Check(c =>
        {
            var r = Result(c.Request).Recommendation;
            var flags = Result(c.Request).Flags;
            return r.Status == RecommendationStatus.Dose
                ? r.DoseMg is not null && r.Frequency is not null
                : r.DoseMg is null && r.Frequency is null
                  && (r.Status is not (RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved) || flags.Any(f => f.Severity == Severity.Stop));
        });

    [Property(MaxTest = Runs)]
    public Property No_dose_anywhere_exceeds_4_mg_and_the_primary_dose_is_at_least_1_mg_once_daily() =>
        Check(c =>
        {
            var result = Result(c.Request);
            var all = result.Sources.Select(s => s.Recommendation).Append(result.Recommendation).ToList();
            var doses = all.Where(r => r.DoseMg is not null).Select(r => r.DoseMg!.Value)
                .Concat(all.SelectMany(r => r.Alternatives).Select(a => a.DoseMg));
            var primary = result.Recommendation;
            return doses.All(d => d is >= 1 and <= 4)
                && (primary.Status != RecommendationStatus.Dose || primary.Frequency == Frequency.OnceDaily);
        });

    [Property(MaxTest = Runs)]
    public Property Every_differing_source_has_a_note_and_every_other_source_has_a_row() =>
        Check(c =>
        {
            var result = Result(c.Request);
            return result.Sources.Count == SourceRegistry.Default.Sources.Count - 1
                && result.Sources.Where(s => s.Agreement == Agreement.Differs).All(s => !string.IsNullOrWhiteSpace(s.Note))
                && result.Sources.Where(s => s.Agreement == Agreement.Silent).All(s => !string.IsNullOrWhiteSpace(s.Note))
                && result.Sources.All(s => s.Source != result.Recommendation.Source);
        });

    private static readonly string[] BloodCountWhen = ["once ALC", "once ANC", "once Hb"];

    private static IEnumerable<Recommendation> EveryRecommendation(DosingResult result) =>
        result.Sources.Select(s => s.Recommendation).Prepend(result.Recommendation);

    [Property(MaxTest = Runs)]
    public Property No_result_without_a_dose_carries_a_dose_or_an_alternative_except_the_dose_once_blood_counts_recover() =>
        Check(c => EveryRecommendation(Result(c.Request))
            .Where(r => r.Status != RecommendationStatus.Dose)
            .All(r => r.DoseMg is null && r.Frequency is null && r.Duration is null
                && r.Alternatives.All(a => r.Status == RecommendationStatus.NotRecommended
                    && BloodCountWhen.Any(w => a.When.StartsWith(w, StringComparison.Ordinal)))));

    [Property(MaxTest = Runs)]
    public Property No_dose_step_flag_appears_on_a_result_without_a_dose() =>
        Check(c =>
        {
            var result = Result(c.Request);
            return result.Recommendation.Status == RecommendationStatus.Dose
                || result.Flags.All(f => !FlagCatalog.IsDoseStep(f.Code));
        });

    [Property(MaxTest = Runs)]
    public Property Every_flag_code_is_in_the_catalogue_with_a_documented_severity_and_listed_once() =>
        Check(c =>
        {
            var flags = Result(c.Request).Flags;
            return flags.All(f => FlagCatalog.Find(f.Code) is { } d && d.Severities.Contains(f.Severity))
                && flags.Count(f => f.Code == "unverified-rule") <= 1;
        });

    [Property(MaxTest = Runs)]
    public Property The_seed_calculator_answers_whenever_an_eGFR_is_available_outside_its_gap() =>
        Check(c =>
        {
            var result = Result(c.Request);
            var row = result.Sources.SingleOrDefault(s => s.Source == "seed-article-calculator");
            if (row is null)
            {
                return false;
            }

            var estimates = result.KidneyFunction.Estimates;
            var egfr = estimates.FirstOrDefault(e => e.Measure == KidneyMeasure.Egfr)
                ?? estimates.FirstOrDefault(e => e.Measure == KidneyMeasure.Crcl);
            var inGap = egfr is { Value: > 49 and <= 50 };
            var answerable = c.Request.DialysisOrAki || (egfr is not null && !inGap);
            return !answerable || (row.Agreement != Agreement.Silent && row.Recommendation.Status != RecommendationStatus.Silent);
        });

    [Property(MaxTest = Runs)]
    public Property No_input_text_of_any_kind_throws()
    {
        var names = Fields.All.Select(f => f.Name).Append("egrf").Append("").ToArray();
        var texts = Gen.OneOf(
            Gen.Elements("", " ", "abc", "-1", "1e308", "1e400", "NaN", "Infinity", "59,9", "1.2.3", "true", "covid-19", "umol/L", "eu", "0", "250", "9999999"),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));
        var pairs = Gen.ListOf(from name in Gen.Elements(names) from text in texts select new KeyValuePair<string, string?>(name, text));
        // Shrinks by dropping one field at a time, down to the one text that throws.
        return Prop.ForAll(Arb.From(pairs, list => list.Select((_, i) => list.Where((_, j) => j != i).ToList())), list =>
        {
            foreach (var mode in new[] { InputMode.Page, InputMode.Api })
            {
                var parsed = DosingRequestParser.Parse(list, mode);
                _ = Calculator.Calculate(parsed.Request);
            }

            return true;
        });
    }

    [Property(MaxTest = Runs)]
    public Property No_request_of_any_values_throws()
    {
        var doubles = Gen.OneOf(
            Gen.Elements<double?>(null, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -1, 0, 1e-300),
            ArbMap.Default.GeneratorFor<double>().Select(d => (double?)d));
        var requests =
            from p in Patients
            from age in doubles
            from egfr in doubles
            from crcl in doubles
            from scr in doubles
            from weight in doubles
            from height in doubles
            select p with { AgeYears = age, Egfr = egfr, CreatinineClearance = crcl, SerumCreatinine = scr, WeightKg = weight, HeightCm = height };
        return Prop.ForAll(Arb.From(requests, Simpler), r => Calculator.Calculate(r) is { } o && (o.Result is not null || o.Errors.Count > 0));
    }
}
