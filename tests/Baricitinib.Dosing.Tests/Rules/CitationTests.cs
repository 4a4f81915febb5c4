using System.Text.RegularExpressions;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Tests.Rules;

/// <summary>
/// Everything users read cites public documents only: no internal working reference (the reference file, the
/// decisions file, a seed file name, an evidence tag) in any rule's user-facing text or any text a result can carry.
/// </summary>
public partial class CitationTests
{
    [GeneratedRegex(@"clinical-sources|decisions\.md|\.txt\b|\b00[0-9]_[0-9a-f]{6,}|\b[SEMA][0-9]{1,2}[a-z]?\b|\bseed\b", RegexOptions.IgnoreCase)]
    private static partial Regex InternalReference();

    private static readonly string[] Indications = ["rheumatoid-arthritis", "alopecia-areata", "covid-19", "atopic-dermatitis", "juvenile-idiopathic-arthritis"];

    /// <summary>A spread of patients that reaches every source's branches: ages, kidney bands, weights and modifiers.</summary>
    public static IEnumerable<string> Patients()
    {
        string[] kidney = ["egfr=90", "egfr=59.9", "egfr=45", "egfr=29.9", "egfr=20", "egfr=10", "egfr=50", "creatinineClearance=45", "dialysisOrAki=true",
            "serumCreatinine=1.2&sex=female&weightKg=70&heightCm=165", "egfr=45&creatinineClearance=70"];
        string[] ages = ["1", "5", "12", "17.9", "40", "70"];
        string[] modifiers = ["", "&strongOat3Inhibitor=true", "&hepaticImpairment=severe", "&activeTuberculosis=true", "&concomitantImmunosuppressant=true",
            "&pregnant=true&breastfeeding=true", "&absoluteLymphocyteCount=150&absoluteNeutrophilCount=400&hemoglobin=7", "&higherRisk=true&extensiveScalpHairLoss=true"];
        foreach (var jurisdiction in new[] { "us", "eu" })
        {
            foreach (var indication in Indications)
            {
                foreach (var age in ages)
                {
                    foreach (var k in kidney)
                    {
                        foreach (var m in modifiers)
                        {
                            var weight = k.Contains("weightKg", StringComparison.Ordinal) ? "" : "&weightKg=" + (age is "1" ? "9" : "35");
                            yield return $"indication={indication}&jurisdiction={jurisdiction}&ageYears={age}&{k}{m}{weight}";
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<string> UserFacingTexts(DosingResult result)
    {
        foreach (var r in result.Sources.Select(s => s.Recommendation).Prepend(result.Recommendation))
        {
            yield return r.Text;
            yield return r.Citation;
            yield return r.Duration ?? "";
            foreach (var a in r.Alternatives)
            {
                yield return a.Text;
                yield return a.When;
            }
        }

        foreach (var f in result.Flags)
        {
            yield return f.Message;
            yield return f.Citation;
        }

        foreach (var s in result.Sources)
        {
            yield return s.Title;
            yield return s.Note ?? "";
            yield return s.Citation;
        }

        foreach (var e in result.KidneyFunction.Estimates)
        {
            yield return e.Note ?? "";
        }
    }

    [Fact]
    public void No_text_of_any_result_for_a_wide_spread_of_patients_contains_an_internal_reference()
    {
        var calculator = new DosingCalculator();
        var checkedResults = 0;
        foreach (var query in Patients())
        {
            if (calculator.Calculate(TestRequests.FromQuery(query)).Result is not { } result)
            {
                continue;
            }

            checkedResults++;
            foreach (var text in UserFacingTexts(result))
            {
                Assert.False(InternalReference().IsMatch(text), $"{query}: \"{text}\" cites an internal reference");
            }
        }

        Assert.True(checkedResults > 5000, $"only {checkedResults} results were checked");
    }

    [Fact]
    public void No_rule_shows_an_internal_reference_and_every_rule_keeps_its_provenance()
    {
        foreach (var source in RuleSet.Sources)
        {
            Assert.False(InternalReference().IsMatch(source.Title), source.Title);
            foreach (var rule in source.Rules)
            {
                foreach (var text in new[] { rule.Scope, rule.Condition, rule.Outcome, rule.Citation })
                {
                    Assert.False(InternalReference().IsMatch(text), $"{rule.Id}: \"{text}\" cites an internal reference");
                }

                Assert.False(string.IsNullOrWhiteSpace(rule.Provenance), $"{rule.Id} has no provenance");
                Assert.True(rule.Citation.StartsWith(source.Document.Cite, StringComparison.Ordinal)
                    || rule.Citation.StartsWith(Documents.Reading, StringComparison.Ordinal)
                    || rule.Citation.StartsWith("EMA", StringComparison.Ordinal)
                    || rule.Citation.StartsWith(Documents.FdaPi.Cite, StringComparison.Ordinal),
                    $"{rule.Id}: \"{rule.Citation}\" does not start with its document or with the calculator's reading");
            }
        }
    }

    [Fact]
    public void Every_source_names_its_public_document_and_labels_link_to_it()
    {
        foreach (var source in RuleSet.Sources)
        {
            var d = source.Document;
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.Equal(source.IsLabel, d.Kind != DocumentKind.ThirdPartyWebPage);
            if (source.IsLabel)
            {
                Assert.NotNull(d.Url);
                Assert.Equal("https", d.Url!.Scheme);
            }
            else
            {
                Assert.Contains("not a regulatory document", d.Explanation, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_prescribing_information_renal_rule_cites_the_document_revision_and_section() =>
        Assert.Equal("US PI (rev. 06/2026) §2.5, §8.6",
            TestRequests.Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45").Recommendation.Citation);
}
