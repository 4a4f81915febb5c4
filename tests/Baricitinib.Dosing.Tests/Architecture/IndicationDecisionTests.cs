using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Baricitinib.Dosing.Tests.Architecture;

/// <summary>
/// Every decision over an indication is one exhaustive switch expression (no <c>_ =&gt;</c>, no <c>==</c>, <c>!=</c> or
/// <c>is</c> comparisons), so that when an indication is added the compiler names every place that must decide
/// (CS8509 is an error) instead of the new indication being dosed silently by a fallback.
/// </summary>
public partial class IndicationDecisionTests
{
    private static string RepoRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void No_code_compares_an_indication_with_equals_or_is_instead_of_switching_over_every_indication()
    {
        var found = SourceFiles()
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => Comparison().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoRoot(), l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "Decide with one switch over every indication:\n" + string.Join("\n", found));
    }

    [Fact]
    public void No_switch_over_indications_has_a_discard_arm()
    {
        var found = new List<string>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match start in SwitchStart().Matches(text))
            {
                var body = Block(text, start.Index + start.Length - 1);
                if (body.Contains("Indication.", StringComparison.Ordinal) && DiscardArm().IsMatch(body))
                {
                    found.Add($"{Path.GetRelativePath(RepoRoot(), file)}: {body[..Math.Min(80, body.Length)].ReplaceLineEndings(" ")}…");
                }
            }
        }

        Assert.True(found.Count == 0, "A switch over indications names every indication, never _ =>:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_checks_see_a_comparison_and_a_discard_arm_when_there_is_one()
    {
        Assert.Matches(Comparison(), "if (p.Indication == Indication.Covid19)");
        Assert.Matches(Comparison(), "if (indication is Indication.AtopicDermatitis or Indication.JuvenileIdiopathicArthritis)");
        Assert.DoesNotMatch(Comparison(), "Indication.Covid19 when !p.Adult => 4,");
        var text = "x switch { Indication.Covid19 => 1, _ => 2 };";
        Assert.Matches(DiscardArm(), Block(text, text.IndexOf('{', StringComparison.Ordinal)));
    }

    /// <summary>The text of the brace block that opens at <paramref name="open"/>, nested blocks included.</summary>
    private static string Block(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[open..(i + 1)];
            }
        }

        return text[open..];
    }

    [GeneratedRegex(@"(==|!=)\s*Indication\.|\bis\s+(not\s+)?Indication\.")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"\bswitch\s*\{")]
    private static partial Regex SwitchStart();

    [GeneratedRegex(@"(^|[\s,{])_\s*=>")]
    private static partial Regex DiscardArm();
}
