using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Baricitinib.Dosing.Engine;

namespace Baricitinib.Dosing.Tests.Docs;

/// <summary>Every reference a rule's provenance makes resolves inside the repository: docs/evidence.md explains each
/// review section, product decision, source tag and seed document it names.</summary>
public partial class EvidenceDocTests
{
    private static string Evidence([CallerFilePath] string path = "") =>
        File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..", "docs", "evidence.md")));

    private static IEnumerable<(string Rule, string Provenance)> Provenances() =>
        RuleSet.Sources.SelectMany(s => s.Rules.Select(r => (r.Id, r.Provenance)));

    [Fact]
    public void Every_review_section_a_provenance_names_is_summarised()
    {
        var evidence = Evidence();
        var missing = Provenances()
            .SelectMany(p => ReviewSection().Matches(p.Provenance).Select(m => (p.Rule, Top: m.Groups[1].Value, Sub: m.Groups[2].Value)))
            .Where(r => !evidence.Contains($"**clinical-sources {r.Top}**", StringComparison.Ordinal)
                || (r.Sub.Length > 0 && !evidence.Contains($"**{r.Top}{r.Sub}**", StringComparison.Ordinal)))
            .Select(r => $"{r.Rule}: clinical-sources {r.Top}{r.Sub}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_product_decision_a_provenance_names_is_summarised()
    {
        var evidence = Evidence();
        var missing = Provenances()
            .SelectMany(p => Decision().Matches(p.Provenance).Select(m => (p.Rule, Section: m.Groups[1].Value.Trim())))
            .Where(d => !Regex.IsMatch(evidence, $@"\*\*{Regex.Escape(d.Section)}[^*]*\*\*"))
            .Select(d => $"{d.Rule}: decisions.md, {d.Section}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_source_tag_and_seed_document_a_provenance_names_is_explained()
    {
        var evidence = Evidence();
        var highest = new Dictionary<char, int> { ['S'] = 21, ['E'] = 9, ['Q'] = 9 };
        var wrong = Provenances()
            .SelectMany(p => Tag().Matches(p.Provenance).Select(m => (p.Rule, Letter: m.Groups[1].Value[0], Number: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))))
            .Where(t => t.Number < 1 || t.Number > highest[t.Letter])
            .Select(t => $"{t.Rule}: {t.Letter}{t.Number} is not in the source list")
            .Concat(Provenances().SelectMany(p => SeedFile().Matches(p.Provenance).Select(m => (p.Rule, File: m.Value)))
                .Where(f => !evidence.Contains($"`{f.File}`", StringComparison.Ordinal))
                .Select(f => $"{f.Rule}: {f.File} is not described"))
            .Distinct()
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(Provenances(), p => Tag().IsMatch(p.Provenance));
        Assert.Contains(Provenances(), p => SeedFile().IsMatch(p.Provenance));
    }

    [GeneratedRegex(@"clinical-sources (\d+)(\.\d+)?")]
    private static partial Regex ReviewSection();

    [GeneratedRegex(@"decisions\.md, ([A-Z][a-z]+(?: [a-z]+)*)")]
    private static partial Regex Decision();

    [GeneratedRegex(@"\b([SEQ])(\d+)[a-z]?\b")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b\d{3}_[0-9a-f]{16}\.txt\b")]
    private static partial Regex SeedFile();
}
