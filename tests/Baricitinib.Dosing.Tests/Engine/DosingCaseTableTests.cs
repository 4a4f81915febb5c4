using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>Runs every row of <c>Cases/dosing-cases.csv</c>: the primary result, its flags, the sources that must differ
/// and those that must not. A source a row does not name is not checked by it, so a new source adds rows without
/// touching old ones.</summary>
public class DosingCaseTableTests
{
    public sealed record DosingCase(string Name, string Query, string Status, string Dose, string[] Flags, string[] MustDiffer, string[] MustNotDiffer, string[] Absent)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<DosingCase> Cases() => [.. Rows()];

    private static List<DosingCase> Rows()
    {
        var data = new List<DosingCase>();
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", "dosing-cases.csv");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var c = line.Split('|');
            Assert.True(c.Length is 7 or 8, $"Expected 7 or 8 columns: {line}");
            data.Add(new DosingCase(c[0], c[1], c[2], c[3], Words(c[4]), Words(c[5]), Words(c[6]), c.Length == 8 ? Words(c[7]) : []));
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

        var rows = result.Sources.ToDictionary(s => s.Source, StringComparer.Ordinal);
        Assert.Empty(c.MustDiffer.Intersect(c.MustNotDiffer, StringComparer.Ordinal)); // a row cannot ask both
        foreach (var source in c.MustDiffer)
        {
            Assert.True(rows.TryGetValue(source, out var row) && row.Agreement == Agreement.Differs, $"{source} must differ; it is {(row is null ? "not a row" : WireNames.Of(row.Agreement))}");
        }

        foreach (var source in c.MustNotDiffer)
        {
            Assert.True(!rows.TryGetValue(source, out var row) || row.Agreement != Agreement.Differs, $"{source} must not differ; it does: {row?.Note}");
        }

        Assert.All(result.Sources.Where(s => s.Agreement == Agreement.Differs), s => Assert.False(string.IsNullOrWhiteSpace(s.Note)));
    }
}
