using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Baricitinib.Dosing.Tests.Architecture;

/// <summary>
/// The library's folders depend one way, from the bottom layer up: Model, Rules, Kidney, Input, Sources, Validation,
/// Engine. A folder may use only folders below it, so there is no Engine ↔ Input ↔ Validation cycle.
/// </summary>
public partial class FolderDependencyTests
{
    private static readonly string[] Layers = ["Model", "Rules", "Kidney", "Input", "Sources", "Validation", "Engine"];

    [GeneratedRegex(@"Baricitinib\.Dosing\.(?<folder>[A-Z][A-Za-z]+)")]
    private static partial Regex Reference();

    [Fact]
    public void Every_folder_uses_only_the_folders_below_it()
    {
        var root = Path.Combine(RepoRoot(), "src", "Baricitinib.Dosing");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Properties")).ToList();
        Assert.Equal(Layers.Order(), folders.Order()!);
        var violations = new List<string>();
        foreach (var folder in Layers)
        {
            var level = Array.IndexOf(Layers, folder);
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.cs"))
            {
                foreach (Match m in Reference().Matches(File.ReadAllText(file)))
                {
                    var used = m.Groups["folder"].Value;
                    var usedLevel = Array.IndexOf(Layers, used);
                    if (usedLevel > level)
                    {
                        violations.Add($"{folder}/{Path.GetFileName(file)} uses {used}");
                    }
                }
            }
        }

        Assert.Empty(violations);
    }

    private static string RepoRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
