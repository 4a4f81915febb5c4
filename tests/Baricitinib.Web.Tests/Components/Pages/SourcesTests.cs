using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Components.Pages;

namespace Baricitinib.Web.Tests.Components.Pages;

/// <summary>The sources page: the computed conflict matrix and every source's rules with citations and unverified marks.</summary>
public class SourcesTests : WebTestContext
{
    [Fact]
    public void The_conflict_matrix_has_a_row_per_patient_and_marks_differing_cells()
    {
        var page = Render<Sources>();
        Assert.Equal(ConflictMatrix.All.Count, page.FindAll("[data-testid=matrix-row]").Count);
        var differing = page.FindAll("[data-testid=matrix-cell][data-agreement=differs]");
        Assert.NotEmpty(differing);
        Assert.All(differing, c => Assert.Contains("differs:", c.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_rule_is_listed_with_its_citation_and_unverified_rules_are_marked()
    {
        var page = Render<Sources>();
        var rules = page.FindAll("[data-testid=source-rule]");
        Assert.Equal(RuleSet.Sources.Sum(s => s.Rules.Count), rules.Count);
        var unverified = rules.Where(r => r.GetAttribute("data-verified") == "false").ToList();
        Assert.Equal(RuleSet.UnverifiedRules().Count(), unverified.Count);
        Assert.All(unverified, r => Assert.Contains("unverified", r.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_matrix_row_links_to_the_calculator_for_that_patient()
    {
        var page = Render<Sources>();
        var link = page.Find("[data-testid=matrix-row] a");
        Assert.StartsWith("?indication=", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_shows_its_public_citation_and_its_provenance_for_review()
    {
        var page = Render<Sources>();
        foreach (var source in RuleSet.Sources)
        {
            foreach (var rule in source.Rules)
            {
                var row = page.Find($"[data-testid=source-rule][data-rule='{rule.Id}']");
                Assert.Equal(rule.Citation, row.QuerySelector("[data-testid=rule-citation]")!.TextContent.Trim());
                Assert.Equal(rule.Provenance, row.QuerySelector("[data-testid=rule-provenance]")!.TextContent.Trim());
            }
        }
    }

    [Fact]
    public void Each_source_names_its_document_and_the_calculators_readings_are_explained()
    {
        var page = Render<Sources>();
        Assert.Equal(RuleSet.Sources.Count, page.FindAll("[data-testid=source-document]").Count);
        Assert.NotEmpty(page.FindAll("#choices [data-testid=reading]"));
    }
}
