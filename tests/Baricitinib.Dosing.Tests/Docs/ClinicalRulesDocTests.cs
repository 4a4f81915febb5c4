using System.Text;
using Baricitinib.Dosing.Engine;

namespace Baricitinib.Dosing.Tests.Docs;

/// <summary>
/// <c>docs/clinical-rules.md</c> lists every rule of every source between generated markers; this test fails when the
/// document and the rule set drift apart, and writes the expected text to <c>docs/clinical-rules.received.md</c>.
/// </summary>
public class ClinicalRulesDocTests
{
    [Fact]
    public void The_clinical_rules_document_lists_every_rule_of_the_rule_set() =>
        GeneratedSection.Check("clinical-rules.md", "rules", Generate(SourceRegistry.Default));

    [Fact]
    public void A_registered_source_is_listed_in_the_generated_document_with_no_other_edit()
    {
        var text = Generate(SourceRegistry.Default.With(new Baricitinib.Tests.Shared.ExampleSource()));
        Assert.Contains("(`example-guideline`)", text, StringComparison.Ordinal);
        Assert.Contains("`example.dose`", text, StringComparison.Ordinal);
    }

    private static string Generate(SourceRegistry registry)
    {
        var md = new StringBuilder();
        md.Append("Rule set version ").Append(RuleSet.Version).Append(".\n");
        foreach (var source in registry.Sources)
        {
            md.Append("\n### ").Append(source.Title).Append(" (`").Append(source.Id).Append("`)\n\n");
            var kind = Baricitinib.Dosing.Model.DocumentKinds.Describe(source.Document.Kind);
            md.Append(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(kind[0])}{kind[1..]}: {Baricitinib.Dosing.Model.DocumentKinds.Stance(source.Document.Kind)}. ").Append(source.DocumentDate).Append(".\n\n");
            var d = source.Document;
            md.Append(CultureInfo.InvariantCulture, $"Document: {Cell(d.Title)}; {Cell(d.Issuer)}; {Cell(d.Identifier ?? "no identifier recorded")}; {Cell(d.Revision)}; {(d.Url is null ? "no public address recorded" : $"<{d.Url}>")}.");
            md.Append(d.Explanation is null ? "\n\n" : $" {Cell(d.Explanation)}\n\n");
            md.Append("| rule | applies to | when | says | citation (shown to users) | provenance (for review) | verified |\n|---|---|---|---|---|---|---|\n");
            foreach (var r in source.Rules)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{r.Id}` | {Cell(r.Scope)} | {Cell(r.Condition)} | {Cell(r.Outcome)} | {Cell(r.Citation)} | {Cell(r.Provenance)} | {(r.Verified ? "yes" : "**no: check the current label**")} |\n");
            }
        }

        md.Append("\n### Unverified rules, for review\n\n");
        foreach (var (source, rule) in registry.Sources.SelectMany(s => s.Rules.Where(r => !r.Verified).Select(r => (s.Id, r))))
        {
            md.Append(CultureInfo.InvariantCulture, $"- `{rule.Id}` ({source}): {Cell(rule.Condition)} → {Cell(rule.Outcome)}. {Cell(rule.Citation)} ({Cell(rule.Provenance)})\n");
        }

        return md.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

}
