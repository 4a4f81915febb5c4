using System.Text;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Docs;

/// <summary>
/// <c>docs/api.md</c> lists every flag code of <see cref="FlagCatalog"/> with its severities between generated markers;
/// this test fails when they drift apart and writes the expected text to <c>docs/api.received.md</c>.
/// </summary>
public class FlagCatalogDocTests
{
    [Fact]
    public void The_API_document_lists_every_flag_code_with_its_severities() =>
        GeneratedSection.Check("api.md", "flags", Generate());

    [Fact]
    public void Every_flag_code_constant_has_one_catalogue_entry_and_no_entry_lacks_a_constant()
    {
        var constants = typeof(FlagCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        Assert.Equal(constants, FlagCatalog.All.Select(f => f.Code).Order().ToList());
    }

    [Fact]
    public void Every_flag_code_is_listed_once()
    {
        Assert.Equal(FlagCatalog.All.Count, FlagCatalog.All.Select(f => f.Code).Distinct().Count());
        Assert.All(FlagCatalog.All, f => Assert.NotEmpty(f.Severities));
    }

    private static string Generate()
    {
        var md = new StringBuilder("| code | severity | meaning | shown without a dose |\n|---|---|---|---|\n");
        foreach (var f in FlagCatalog.All)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| `{f.Code}` | {string.Join(" or ", f.Severities.Select(WireNames.Of))} | {f.Meaning.Replace("|", "\\|", StringComparison.Ordinal)} | {(f.IsDoseStep ? "no" : "yes")} |\n");
        }

        return md.ToString();
    }

}
