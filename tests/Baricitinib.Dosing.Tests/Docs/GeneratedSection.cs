using System.Runtime.CompilerServices;

namespace Baricitinib.Dosing.Tests.Docs;

/// <summary>
/// A section of a document in <c>docs/</c> that is generated from the library, between two markers: the test fails
/// when it drifts, and writes the expected document beside it as <c>*.received.md</c> to review and copy over.
/// </summary>
internal static class GeneratedSection
{
    public static void Check(string document, string section, string expected)
    {
        var start = $"<!-- generated:{section}:start -->";
        var end = $"<!-- generated:{section}:end -->";
        var path = Path.Combine(RepoRoot(), "docs", document);
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"{path} lacks the markers {start} and {end}.");
        if (text[(from + start.Length)..to].Trim() != expected.Trim())
        {
            var received = Path.ChangeExtension(path, ".received.md");
            File.WriteAllText(received, text[..(from + start.Length)] + "\n" + expected.Trim() + "\n" + text[to..]);
            Assert.Fail($"docs/{document} is out of date: review {received} and copy it over.");
        }
    }

    private static string RepoRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
