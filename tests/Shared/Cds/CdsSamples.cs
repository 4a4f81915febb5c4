using System.Text.Json.Nodes;

namespace Baricitinib.Tests.Shared;

/// <summary>
/// The CDS Hooks and FHIR samples of <c>shared/reference/cds-hooks/</c> (real, external material), read in place:
/// <c>../shared</c> beside the repository, else <c>CDS_SAMPLES</c>. Missing samples fail the test with where it looked.
/// </summary>
internal static class CdsSamples
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Path(string file) => System.IO.Path.Combine(Folder.Value, file);

    public static string Text(string file) => File.ReadAllText(Path(file));

    public static JsonNode Json(string file) => JsonNode.Parse(Text(file))!;

    /// <summary>Every sample file name.</summary>
    public static IEnumerable<string> All() => Directory.EnumerateFiles(Folder.Value).Select(f => System.IO.Path.GetFileName(f)!).Where(f => f != "README.md").Order();

    private static string Find()
    {
        var tried = new List<string>();
        if (Environment.GetEnvironmentVariable("CDS_SAMPLES") is { Length: > 0 } configured)
        {
            tried.Add(configured);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Baricitinib.sln")))
            {
                tried.Add(System.IO.Path.Combine(folder.FullName, "..", "shared", "reference", "cds-hooks"));
                break;
            }
        }

        tried.Add("/work/shared/reference/cds-hooks");
        return tried.FirstOrDefault(t => File.Exists(System.IO.Path.Combine(t, "README.md")))
            ?? throw new DirectoryNotFoundException("CDS Hooks samples not found; looked in: " + string.Join(", ", tried) + ". Set CDS_SAMPLES.");
    }
}
