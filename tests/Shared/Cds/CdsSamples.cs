using System.Text.Json.Nodes;

namespace Baricitinib.Tests.Shared;

/// <summary>
/// The CDS Hooks and FHIR samples of the specification and of FHIR and US Core (real, external material), read in
/// place for the conformance tests only: from <c>CDS_SAMPLES</c>, else <c>../shared/reference/cds-hooks</c> beside the
/// repository. When neither is there, those tests are reported as skipped with the reason
/// (<see cref="ConformanceFactAttribute"/>); every other test builds its own examples.
/// </summary>
internal static class CdsSamples
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>Why the conformance tests are skipped, or null when the samples are there.</summary>
    public static string? Missing => Found.Value is null
        ? "The CDS Hooks conformance samples are not here (set CDS_SAMPLES, or place shared/reference/cds-hooks beside the repository): the conformance tests are skipped."
        : null;

    private static string Folder => Found.Value ?? throw new DirectoryNotFoundException(Missing);

    public static string Path(string file) => System.IO.Path.Combine(Folder, file);

    public static string Text(string file) => File.ReadAllText(Path(file));

    public static JsonNode Json(string file) => JsonNode.Parse(Text(file))!;

    /// <summary>Every sample file name.</summary>
    public static IEnumerable<string> All() => Directory.EnumerateFiles(Folder).Select(f => System.IO.Path.GetFileName(f)!).Where(f => f != "README.md").Order();

    private static string? Find()
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

        return tried.FirstOrDefault(t => File.Exists(System.IO.Path.Combine(t, "README.md")));
    }
}

/// <summary>A test of the service against the external samples: skipped, with the reason, when they are not here.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (CdsSamples.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <inheritdoc cref="ConformanceFactAttribute"/>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (CdsSamples.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}
