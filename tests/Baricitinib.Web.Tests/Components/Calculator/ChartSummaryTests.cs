using Baricitinib.Dosing.Engine;
using Baricitinib.Web.Components.Calculator;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>The plain-text chart note: what a clinician pastes, in words, with public citations only.</summary>
public class ChartSummaryTests : WebTestContext
{
    private static string Summary(string query)
    {
        var state = CalculatorState.FromUri(new Uri("http://localhost/?" + query));
        return ChartSummary.For(Calculate(query), state, SourceRegistry.Default,
            new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1)), "Europe/Paris");
    }

    [Fact]
    public void A_dose_note_gives_the_dose_label_revision_patient_kidney_function_warnings_disagreements_version_and_time()
    {
        var text = Summary("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=45");
        Assert.StartsWith("Baricitinib: 1 mg once daily.", text, StringComparison.Ordinal);
        Assert.Contains("Label: OLUMIANT (baricitinib) tablets: US Prescribing Information (rev. 06/2026), US PI (rev. 06/2026) §2.5, §8.6.", text, StringComparison.Ordinal);
        Assert.Contains("Patient: Indication Rheumatoid arthritis; Regulatory label US (FDA); Age (years) 55; eGFR (mL/min/1.73 m²) 45", text, StringComparison.Ordinal);
        Assert.Contains("Kidney function used: eGFR 45 mL/min/1.73 m² (as entered), band 30 to <60.", text, StringComparison.Ordinal);
        Assert.Contains("- Warning: eGFR 45 (30 to <60): dose reduced to 1 mg once daily.", text, StringComparison.Ordinal);
        Assert.Contains("Where the sources disagree:", text, StringComparison.Ordinal);
        Assert.Contains("- EU summary of product characteristics (Olumiant): 2 mg once daily", text, StringComparison.Ordinal);
        Assert.Contains("Rule set 2026.12.1; 2026-11-25 14:30 Europe/Paris.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rheumatoid-arthritis", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indication=alopecia-areata&ageYears=40&egfr=20", "Baricitinib: Not recommended.")]
    [InlineData("indication=atopic-dermatitis&ageYears=30&egfr=90", "Baricitinib: Not approved.")]
    [InlineData("indication=covid-19&ageYears=8&egfr=20", "Baricitinib: Not recommended.")]
    public void A_note_without_a_dose_carries_no_dose_and_cites_no_internal_file(string query, string first)
    {
        var text = Summary(query);
        Assert.StartsWith(first, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Alternative:", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"clinical-sources|decisions\.md|\.txt\b|\b[SEMA][0-9]{1,2}[a-z]?\b", text);
    }

    [Fact]
    public void The_note_gives_only_regulatory_documents_doses_and_says_in_one_line_that_web_documents_also_differ()
    {
        // US RA at eGFR 45: the EU SmPC (2 mg) and the web article's text (2 mg) differ.
        var text = Summary("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=45");
        Assert.Contains("- EU summary of product characteristics (Olumiant): 2 mg once daily", text, StringComparison.Ordinal);
        Assert.Contains("- Web documents that are not regulatory documents also differ; the calculator page shows them.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Web article", text, StringComparison.Ordinal);
        Assert.DoesNotContain("monograph", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_web_articles_every_other_day_dose_never_reaches_the_note()
    {
        // US RA at eGFR 29.9: the seed calculator's "2 mg every other day" differs from "not recommended".
        var text = Summary("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=29.9");
        Assert.DoesNotContain("every other day", text, StringComparison.Ordinal);
        Assert.Contains("Web documents that are not regulatory documents also differ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_differing_label_without_a_dose_gives_its_recovery_dose()
    {
        var text = Summary("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=45&absoluteLymphocyteCount=450");
        Assert.Contains("- EU summary of product characteristics (Olumiant): Not recommended (2 mg once daily once ALC ≥ 500 cells/mm³)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_in_pounds_is_given_once_with_its_unit()
    {
        var text = Summary("indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&sex=female&weightKg=176.4&weightUnit=lb&serumCreatinine=1.2");
        Assert.Contains("; Weight 176.4 lb;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(kg)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unverified_result_says_to_check_the_current_label() =>
        Assert.Contains("check the current label", Summary("indication=covid-19&ageYears=12&egfr=20"), StringComparison.Ordinal);

    private static IReadOnlyList<SummaryLine> Lines(string query)
    {
        var state = CalculatorState.FromUri(new Uri("http://localhost/?" + query));
        return ChartSummary.Lines(Calculate(query), state, SourceRegistry.Default,
            new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1)), "Europe/Paris");
    }

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=45")]
    [InlineData("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=75")]
    [InlineData("indication=covid-19&ageYears=8.9&egfr=29.9&strongOat3Inhibitor=true")]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45&absoluteLymphocyteCount=400")]
    public void The_note_is_its_lines_in_order_each_numbered_higher_than_the_one_before(string query)
    {
        var lines = Lines(query);

        Assert.Equal(Summary(query), string.Join(Environment.NewLine, lines.Select(l => l.Text)));
        for (var i = 1; i < lines.Count; i++)
        {
            Assert.True(lines[i].Sequence > lines[i - 1].Sequence, $"line {i} ({lines[i].Text}) comes after line {i - 1}");
        }
    }

    [Fact]
    public void A_line_that_stays_keeps_its_number_when_a_line_before_it_appears_or_goes()
    {
        var reduced = Lines("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=45"); // a warning, two disagreements
        var full = Lines("indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=75"); // no warning, three

        Assert.Contains(reduced, l => l.Slot == SummarySlot.Finding);
        Assert.DoesNotContain(full, l => l.Slot == SummarySlot.Finding);
        foreach (var slot in new[] { SummarySlot.Dose, SummarySlot.Label, SummarySlot.Patient, SummarySlot.DisagreementHeading, SummarySlot.RuleSet, SummarySlot.Restates })
        {
            Assert.Equal(reduced.Single(l => l.Slot == slot).Sequence, full.Single(l => l.Slot == slot).Sequence);
        }

        Assert.Equal(reduced[^1].Text, full[^1].Text);
        Assert.Equal(reduced.Single(l => l.Slot == SummarySlot.RuleSet).Text, full.Single(l => l.Slot == SummarySlot.RuleSet).Text);
    }
}
