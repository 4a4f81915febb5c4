using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>Runs every row of <c>Cases/dosing-cases.csv</c>: the primary result, its flags and which sources differ.</summary>
public class DosingCaseTableTests
{
    public sealed record DosingCase(string Name, string Query, string Status, string Dose, string[] Flags, string[] Differs, string[] Absent)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<DosingCase> Cases() => [.. Rows()];

    /// <summary>The sources the rows were derived for, from the table's "# sources:" line.</summary>
    private static readonly string[] DerivedFor = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "dosing-cases.csv"))
        .Single(l => l.StartsWith("# sources:", StringComparison.Ordinal))["# sources:".Length..]
        .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static List<DosingCase> Rows()
    {
        var data = new List<DosingCase>();
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", "dosing-cases.csv");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var c = line.Split('|');
            Assert.True(c.Length is 6 or 7, $"Expected 6 or 7 columns: {line}");
            data.Add(new DosingCase(c[0], c[1], c[2], c[3], Words(c[4]), Words(c[5]), c.Length == 7 ? Words(c[6]) : []));
        }

        return data;

        static string[] Words(string s) => s == "-" ? [] : s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void The_case_table_covers_every_indication_and_both_jurisdictions()
    {
        var queries = Rows().Select(c => c.Query).ToList();
        foreach (var indication in WireNames.All<Indication>())
        {
            Assert.Contains(queries, q => q.Contains("indication=" + indication, StringComparison.Ordinal));
        }

        Assert.Contains(queries, q => q.Contains("jurisdiction=eu", StringComparison.Ordinal));
        Assert.True(queries.Count >= 90);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_case_gives_the_expected_primary_result_flags_and_differing_sources(DosingCase c)
    {
        var result = TestRequests.Calculate(c.Query);

        Assert.Equal(c.Status, WireNames.Of(result.Recommendation.Status));
        Assert.Equal(c.Dose, result.Recommendation.Text);
        var codes = result.Flags.Select(f => f.Code).ToList();
        foreach (var flag in c.Flags)
        {
            Assert.True(codes.Contains(flag), $"Expected flag {flag}; got {string.Join(", ", codes)}");
        }

        foreach (var absent in c.Absent)
        {
            if (absent == "alternatives")
            {
                Assert.Empty(result.Recommendation.Alternatives);
            }
            else
            {
                Assert.False(codes.Contains(absent), $"Expected no flag {absent}; got {string.Join(", ", codes)}");
            }
        }

        var differs = result.Sources.Where(s => s.Agreement == Agreement.Differs && DerivedFor.Contains(s.Source)).Select(s => s.Source).Order().ToList();
        Assert.Equal(c.Differs.Order().ToList(), differs);
        Assert.All(result.Sources.Where(s => s.Agreement == Agreement.Differs), s => Assert.False(string.IsNullOrWhiteSpace(s.Note)));
    }
}
