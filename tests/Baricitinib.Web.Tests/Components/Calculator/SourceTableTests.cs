using Baricitinib.Web.Components.Calculator;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>One row per other source, with its agreement and, when it differs, the conflict note.</summary>
public class SourceTableTests : WebTestContext
{
    [Fact]
    public void A_differing_source_row_shows_its_dose_and_conflict_note()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var table = Render<SourceTable>(p => p.Add(t => t.Rows, result.Sources));

        var rows = table.FindAll("[data-testid=source-row]");
        Assert.Equal(result.Sources.Count, rows.Count);
        var eu = rows.Single(r => r.GetAttribute("data-source") == "eu-smpc");
        Assert.Equal("differs", eu.GetAttribute("data-agreement"));
        Assert.Equal("2 mg once daily", eu.QuerySelector("[data-testid=source-dose]")!.TextContent);
        var why = eu.QuerySelector("[data-testid=conflict-note]")!.TextContent;
        Assert.StartsWith("The EU SmPC gives 2 mg once daily (creatinine clearance", why, StringComparison.Ordinal);
        Assert.DoesNotContain("The US prescribing information gives", why, StringComparison.Ordinal); // the card already says it
        Assert.Contains("The US prescribing information gives 1 mg once daily", result.Sources.Single(s => s.Source == "eu-smpc").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agreeing_rows_note_is_the_why_cell_text_before_its_citation()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var table = Render<SourceTable>(p => p.Add(t => t.Rows, result.Sources));
        var noted = result.Sources.Where(s => s.Agreement != Agreement.Differs && s.Note is not null).ToList();
        Assert.NotEmpty(noted);
        foreach (var source in noted)
        {
            var why = table.FindAll("[data-testid=source-row]").Single(r => r.GetAttribute("data-source") == source.Source).QuerySelectorAll("td")[2];
            Assert.Equal(source.Note + source.Citation, why.TextContent);
        }
    }

    [Fact]
    public void Agreeing_and_silent_rows_have_no_conflict_note()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var table = Render<SourceTable>(p => p.Add(t => t.Rows, result.Sources));
        foreach (var row in table.FindAll("[data-testid=source-row]").Where(r => r.GetAttribute("data-agreement") != "differs"))
        {
            Assert.Null(row.QuerySelector("[data-testid=conflict-note]"));
        }
    }

    [Fact]
    public void The_seed_calculator_row_shows_its_every_other_day_dose_where_the_label_says_not_recommended()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=29.9");
        var table = Render<SourceTable>(p => p.Add(t => t.Rows, result.Sources));
        var seed = table.FindAll("[data-testid=source-row]").Single(r => r.GetAttribute("data-source") == "seed-article-calculator");
        Assert.Equal("differs", seed.GetAttribute("data-agreement"));
        Assert.Equal("2 mg every other day", seed.QuerySelector("[data-testid=source-dose]")!.TextContent);
    }

    [Fact]
    public void A_blood_count_stop_row_shows_the_dose_once_counts_recover()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45&absoluteLymphocyteCount=450");
        var table = Render<SourceTable>(p => p.Add(t => t.Rows, result.Sources));
        var eu = table.Find("[data-testid=source-row][data-source=eu-smpc]");
        Assert.Equal("differs", eu.GetAttribute("data-agreement"));
        Assert.Equal("Not recommended", eu.QuerySelector("[data-testid=source-dose]")!.TextContent);
        var recovery = eu.QuerySelector("[data-testid=alternative]")!;
        Assert.Equal("2", recovery.GetAttribute("data-dose-mg"));
        Assert.Equal("then 2 mg once daily once ALC ≥ 500 cells/mm³", recovery.TextContent);
        Assert.Empty(table.FindAll("[data-testid=source-row][data-source=seed-monograph] [data-testid=alternative]"));
    }

    [Fact]
    public void Each_row_shows_its_agreement_and_citation_and_links_a_reading_to_the_sources_page()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var table = Render<SourceTable>(p => p.Add(t => t.Rows, result.Sources));

        foreach (var source in result.Sources)
        {
            var row = table.Find($"[data-testid=source-row][data-source={source.Source}]");
            var cells = row.QuerySelectorAll("th, td");
            Assert.Equal(4, cells.Length);
            Assert.StartsWith(source.Title, cells[0].TextContent, StringComparison.Ordinal);
            Assert.NotNull(cells[0].QuerySelector("[data-testid=document]"));
            var agreement = cells[2].QuerySelector("span.agreement")!;
            Assert.Equal($"agreement agreement-{row.GetAttribute("data-agreement")}", agreement.ClassName);
            Assert.Equal(Display.Agreement(source.Agreement), agreement.TextContent);
            Assert.Equal(source.Citation, cells[3].QuerySelector(".cite")!.TextContent);
        }

        // A clearance of exactly 60 rests on this calculator's reading that 60 is inside the EU 30–60 band.
        var atSixty = Render<SourceTable>(p => p.Add(t => t.Rows, Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45&creatinineClearance=60").Sources));
        var eu = atSixty.Find("[data-testid=source-row][data-source=eu-smpc] .cite a.reading");
        Assert.Equal("sources#choices", eu.GetAttribute("href"));
    }

    [Fact]
    public void Every_text_in_a_row_is_encoded_and_an_unverified_rule_is_marked()
    {
        var result = Calculate("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var real = result.Sources.First(s => s.Agreement == Baricitinib.Dosing.Model.Agreement.Differs);
        var hostile = real with
        {
            Title = "<i>title</i>",
            Recommendation = real.Recommendation with { Text = "<b>2 mg</b>", Verified = false },
            Note = "<script>note</script>",
            Citation = "<u>cite</u> & more",
        };

        var table = Render<SourceTable>(p => p.Add(t => t.Rows, [hostile]));

        var row = table.Find("[data-testid=source-row]");
        Assert.Empty(row.QuerySelectorAll("i, b, script, u"));
        Assert.Equal("unverified", row.QuerySelector("th span.unverified")!.TextContent);
        Assert.StartsWith("<i>title</i>", row.QuerySelector("th")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("<b>2 mg</b>", row.QuerySelector("[data-testid=source-dose]")!.TextContent);
        Assert.Equal(hostile.Why ?? "<script>note</script>", row.QuerySelector("[data-testid=conflict-note]")!.TextContent);
        Assert.Equal("<u>cite</u> & more", row.QuerySelector(".cite")!.TextContent);
    }
}
