using System.Runtime.CompilerServices;
using Baricitinib.Dosing.Engine;
using PublicApiGenerator;

namespace Baricitinib.Dosing.Tests.PublicApi;

/// <summary>
/// The library's public API is a contract with the web project and with pharmacists' scripts: any change shows up
/// here as a diff against <c>Baricitinib.Dosing.approved.txt</c>. To accept a change, review the
/// <c>.received.txt</c> written beside it and copy it over the approved file.
/// </summary>
public class PublicApiApprovalTests
{
    [Fact]
    public void The_public_API_matches_the_approved_file()
    {
        var api = typeof(DosingCalculator).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });
        var folder = Folder();
        var approvedPath = Path.Combine(folder, "Baricitinib.Dosing.approved.txt");
        var receivedPath = Path.Combine(folder, "Baricitinib.Dosing.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (Normalise(approved) != Normalise(api))
        {
            File.WriteAllText(receivedPath, api);
            Assert.Fail($"The public API changed. Review {receivedPath} and copy it to {approvedPath} if the change is intended.");
        }

        File.Delete(receivedPath);
    }

    private static string Normalise(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
