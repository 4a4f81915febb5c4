using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>The computed conflict matrix reproduces cells of clinical-sources.md section 5.</summary>
public class ConflictMatrixTests
{
    private static MatrixRow Row(string indication, string population, string condition) =>
        ConflictMatrix.All.Single(r => r.Indication == indication && r.Population == population && r.Condition == condition);

    private static string Cell(MatrixRow row, string source) => row.Cells.Single(c => c.Source == source).Text;

    [Fact]
    public void Every_row_has_one_cell_per_source_and_exactly_one_reference()
    {
        Assert.True(ConflictMatrix.All.Count >= 40);
        Assert.All(ConflictMatrix.All, r =>
        {
            Assert.Equal(RuleSet.Sources.Select(s => s.Id), r.Cells.Select(c => c.Source));
            Assert.Single(r.Cells, c => c.IsReference);
        });
    }

    [Fact]
    public void RA_50_to_60_is_1_mg_in_the_US_2_mg_in_the_EU_and_2_mg_in_both_seed_article_readings()
    {
        var row = Row("Rheumatoid arthritis", "adult <65", "50 to <60");
        Assert.Equal(("1 mg once daily", "2 mg once daily", "2 mg once daily", "2 mg once daily", "1 mg once daily"),
            (Cell(row, "fda-pi"), Cell(row, "eu-smpc"), Cell(row, "seed-article-calculator"), Cell(row, "seed-article-text"), Cell(row, "seed-monograph")));
    }

    [Fact]
    public void RA_15_to_30_is_not_recommended_by_the_labels_but_dosed_by_both_seed_article_readings()
    {
        var row = Row("Rheumatoid arthritis", "adult <65", "15 to <30");
        Assert.Equal(("Not recommended", "Not recommended", "2 mg every other day", "1 mg once daily", "Not recommended"),
            (Cell(row, "fda-pi"), Cell(row, "eu-smpc"), Cell(row, "seed-article-calculator"), Cell(row, "seed-article-text"), Cell(row, "seed-monograph")));
    }

    [Fact]
    public void COVID_15_to_30_is_1_mg_in_the_US_and_not_recommended_in_the_seed_monograph()
    {
        var row = Row("COVID-19", "adult", "15 to <30");
        Assert.Equal("1 mg once daily", Cell(row, "fda-pi"));
        Assert.Equal("Not approved", Cell(row, "eu-smpc"));
        Assert.Equal("Not recommended", Cell(row, "seed-monograph"));
        Assert.Equal(Agreement.Differs, row.Cells.Single(c => c.Source == "seed-monograph").Agreement);
    }

    [Fact]
    public void The_EUA_is_the_reference_for_children_with_COVID_19_and_its_2_to_9_year_15_to_30_cell_is_unverified()
    {
        var row = Row("COVID-19", "child 2 to <9 years", "15 to <30");
        var eua = row.Cells.Single(c => c.Source == "fda-eua-pediatric-covid");
        Assert.True(eua.IsReference);
        Assert.Equal("Not recommended", eua.Text);
        Assert.False(eua.Verified);
    }

    [Fact]
    public void Atopic_dermatitis_children_get_the_EU_weight_band_doses_and_no_US_approval()
    {
        Assert.Equal("4 mg once daily", Cell(Row("Atopic dermatitis", "child ≥2 years, ≥30 kg", "normal"), "eu-smpc"));
        Assert.Equal("2 mg once daily", Cell(Row("Atopic dermatitis", "child ≥2 years, 10 to <30 kg", "normal"), "eu-smpc"));
        Assert.Equal("Not approved", Cell(Row("Atopic dermatitis", "child ≥2 years, ≥30 kg", "normal"), "fda-pi"));
        Assert.Equal("No rule for this case", Cell(Row("JIA", "child ≥2 years, 10 to <30 kg", "normal"), "seed-monograph"));
    }
}
