using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;

namespace Baricitinib.Web.Tests.Snapshots;

/// <summary>
/// Verified HTML snapshots: the rendered markup must match <c>Snapshots/NAME.verified.html</c> semantically (bUnit's
/// <c>MarkupMatches</c>, so whitespace and attribute order do not count). A difference, or a missing snapshot, writes
/// <c>NAME.received.html</c> beside it and fails; review that file and rename it to accept the change.
/// </summary>
internal static class Snapshot
{
    public static void Verify<T>(IRenderedComponent<T> rendered, string name)
        where T : IComponent
    {
        var folder = Folder();
        var verified = Path.Combine(folder, name + ".verified.html");
        var received = Path.Combine(folder, name + ".received.html");
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, rendered.Markup);
            Assert.Fail($"No verified snapshot {verified}; review {received} and rename it to accept.");
        }

        try
        {
            rendered.MarkupMatches(File.ReadAllText(verified));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            File.WriteAllText(received, rendered.Markup);
            throw new Xunit.Sdk.XunitException($"Snapshot {name} differs; review {received}.{Environment.NewLine}{ex.Message}");
        }

        File.Delete(received);
    }

    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
