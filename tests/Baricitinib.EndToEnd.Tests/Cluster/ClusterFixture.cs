
namespace Baricitinib.EndToEnd.Tests.Cluster;

/// <summary>
/// The local cluster of <c>deploy/local-cluster.sh</c> (Redis, two published instances, HAProxy) on ports of its
/// own, started once for the cluster tests and stopped after them; one headless Chromium. The script installs Redis
/// and HAProxy from Debian's packages when they are missing; when that is impossible the tests fail saying why.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int RateLimit = 5;

    /// <summary>The EHR trusted by the cluster's CDS Hooks service, and its signing key (made for this run).</summary>
    public const string CdsIssuer = "https://ehr.cluster.test";

    public static System.Security.Cryptography.ECDsa CdsKey { get; } = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

    private static string CdsJwks
    {
        get
        {
            var key = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(CdsKey) { KeyId = "cluster-key" });
            return $$"""{"keys":[{"kty":"EC","crv":"{{key.Crv}}","x":"{{key.X}}","y":"{{key.Y}}","kid":"cluster-key","use":"sig","alg":"ES384"}]}""";
        }
    }

    private HeadlessChromium? _chromium;

    public static string RepositoryRoot { get; } = FindRoot();

    public string Directory { get; } = Path.Combine(RepositoryRoot, "artifacts", "cluster-tests");

    public int BalancerPort { get; } = Port("CLUSTER_TEST_PORT", 18080);

    public Uri BaseAddress => new($"http://127.0.0.1:{BalancerPort}/");

    public IBrowser Browser => _chromium?.Browser ?? throw new InvalidOperationException("The browser is not started.");

    public int AppPort(string app) => app switch
    {
        "app1" => _app1Port,
        "app2" => _app2Port,
        _ => throw new ArgumentOutOfRangeException(nameof(app), app, "app1 or app2"),
    };

    private readonly int _app1Port = Port("CLUSTER_TEST_APP1_PORT", 18101);
    private readonly int _app2Port = Port("CLUSTER_TEST_APP2_PORT", 18102);

    public int RedisPort { get; } = Port("CLUSTER_TEST_REDIS_PORT", 18390);

    public async Task InitializeAsync()
    {
        await RunScriptAsync("up", TimeSpan.FromMinutes(6), publish: true);
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await RunScriptAsync("down", TimeSpan.FromMinutes(2));
    }

    /// <summary>Runs <c>deploy/local-cluster.sh</c> with this fixture's ports; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunScriptAsync(string command, TimeSpan timeout, bool publish = false, bool check = true)
    {
        var environment = new Dictionary<string, string?>
        {
            ["CLUSTER_DIR"] = Directory,
            ["CLUSTER_PORT"] = BalancerPort.ToString(CultureInfo.InvariantCulture),
            ["APP1_PORT"] = AppPort("app1").ToString(CultureInfo.InvariantCulture),
            ["APP2_PORT"] = AppPort("app2").ToString(CultureInfo.InvariantCulture),
            ["REDIS_PORT"] = RedisPort.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_RATE_LIMIT"] = RateLimit.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_DRAIN_SECONDS"] = "3",
            ["CLUSTER_SKIP_PUBLISH"] = publish ? "0" : "1",
            // The CDS Hooks service, as a hospital would set it up: the balancer's address and one trusted EHR.
            ["CLUSTER_APP_CdsHooks__PublicBaseUrl"] = BaseAddress.ToString(),
            ["CLUSTER_APP_CdsHooks__Security__Issuers__0__Issuer"] = CdsIssuer,
            ["CLUSTER_APP_CdsHooks__Security__Issuers__0__Jwks"] = CdsJwks,
            ["CLUSTER_APP_LabelWatch__Enabled"] = "false", // no request to DailyMed from the tests
        };
        var (exit, text, timedOut) = await Processes.RunAsync("bash", [Path.Combine(RepositoryRoot, "deploy", "local-cluster.sh"), command],
            RepositoryRoot, timeout, environment);
        if (timedOut)
        {
            throw new TimeoutException($"deploy/local-cluster.sh {command} took longer than {timeout}.");
        }

        if (check && exit != 0)
        {
            throw new InvalidOperationException($"deploy/local-cluster.sh {command} failed ({exit}):\n{text}");
        }

        return (exit, text);
    }

    /// <summary>The process id of app1, app2, redis or haproxy, from the script's pid file.</summary>
    public int Pid(string name) => int.Parse(File.ReadAllText(Path.Combine(Directory, name + ".pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>What HAProxy has logged so far (one line per request: backend/server and the request line).</summary>
    public string BalancerLog() => File.ReadAllText(Path.Combine(Directory, "haproxy.log"));

    private static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var port) ? port : fallback;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Baricitinib.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Baricitinib.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The cluster tests run alone (two app processes, HAProxy and Chromium on a small machine).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
