namespace Baricitinib.Benchmarks.Shared;

/// <summary>
/// For a benchmark that hosts the product through <c>WebApplicationFactory</c>: the app's content root is
/// <c>src/Baricitinib.Web</c> of the checkout the benchmark was built from (a benchmark project is not next to it in a
/// test deps file, so the factory cannot find it by itself).
/// </summary>
internal static class ProductContentRoot
{
    /// <summary>Points the factory at <c>src/Baricitinib.Web</c> above this build's output.</summary>
    public static void Use()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Baricitinib.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BARICITINIB_WEB",
            Path.Combine(root?.FullName ?? throw new InvalidOperationException("Baricitinib.sln not found"), "src", "Baricitinib.Web"));
    }
}
