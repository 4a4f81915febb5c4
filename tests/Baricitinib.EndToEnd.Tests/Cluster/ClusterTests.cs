using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Baricitinib.EndToEnd.Tests.Cluster;

/// <summary>
/// Two instances behind HAProxy with the key ring in Redis (<c>deploy/local-cluster.sh</c>): a page survives the loss
/// of its instance, what one instance protects the other reads, the balancer's clients keep their own rate-limit
/// buckets, and the cluster stops cleanly.
/// </summary>
[Collection(ClusterGroup.Name)]
public partial class ClusterTests(ClusterFixture cluster)
{
    private const string AntiforgeryCookie = ".AspNetCore.Antiforgery.";

    [Fact]
    public async Task After_kill_9_of_the_instance_serving_the_page_it_comes_back_on_the_other_with_the_same_inputs_and_result_within_10_seconds()
    {
        var context = await cluster.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = cluster.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        var killed = "";
        try
        {
            await page.GotoAsync("/?jurisdiction=us");
            await Expect(Calculator(page)).ToHaveAttributeAsync("data-interactive", "true");
            Assert.Contains(sockets, url => url.Contains("/_blazor?id=", StringComparison.Ordinal)); // a WebSocket through the balancer
            await page.GetByLabel("Indication").SelectOptionAsync("rheumatoid-arthritis");
            await page.GetByLabel("Age (years)").FillAsync("55");
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("45");
            await Expect(page.GetByTestId("recommended-dose")).ToHaveTextAsync("1 mg once daily");
            await Expect(page).ToHaveURLAsync(EgfrInAddress());

            killed = await ServingInstanceAsync(context);
            var survivor = killed == "app1" ? "app2" : "app1";
            var clock = Stopwatch.StartNew();
            Process.GetProcessById(cluster.Pid(killed)).Kill(); // SIGKILL: no drain, no goodbye to the circuit

            // The page reconnects through the balancer, the survivor rejects the unknown circuit, the page reloads
            // from its address onto the survivor and connects a new circuit.
            while (await ServingInstanceAsync(context) != survivor && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(100);
            }

            var left = (float)Math.Max(1, 10_000 - clock.ElapsedMilliseconds);
            await Expect(Calculator(page)).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = left });
            await Expect(page.GetByTestId("recommended-dose")).ToHaveTextAsync("1 mg once daily", new() { Timeout = 1_000 });
            clock.Stop();
            Assert.Equal(survivor, await ServingInstanceAsync(context));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"back after {clock.Elapsed.TotalSeconds:0.0} s");
            await Expect(page.GetByLabel("Indication")).ToHaveValueAsync("rheumatoid-arthritis");
            await Expect(page.GetByLabel("Age (years)")).ToHaveValueAsync("55");
            await Expect(page.GetByLabel("eGFR (mL/min/1.73 m²)")).ToHaveValueAsync("45");

            // And it is live on the survivor: a new value gives a new answer.
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("25");
            await Expect(page.GetByTestId("recommendation")).ToHaveAttributeAsync("data-status", "not-recommended");
        }
        finally
        {
            await context.CloseAsync();
            if (killed.Length > 0)
            {
                await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2)); // bring the killed instance back
            }
        }
    }

    [Fact]
    public async Task A_page_prerendered_by_one_instance_runs_its_circuit_on_the_other()
    {
        // The prerendered component descriptors and persisted state (with the antiforgery request token) are Data
        // Protection payloads: the other instance can start the circuit only with the same key ring.
        // The page itself is fetched from app1 directly; the browser holds the balancer's cookie for app2, so the
        // circuit goes through HAProxy to app2 (with a routed document Chromium falls back from WebSockets to long
        // polling; the other tests check WebSockets).
        var context = await cluster.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = cluster.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "SRV", Value = "app2", Domain = "127.0.0.1", Path = "/" }]);
        var page = await context.NewPageAsync();
        const string Address = "/?jurisdiction=us&indication=rheumatoid-arthritis&ageYears=58&egfr=77";
        var fromApp1 = $"http://127.0.0.1:{cluster.AppPort("app1")}{Address}";
        await page.RouteAsync(url => url.EndsWith(Address, StringComparison.Ordinal), async route =>
            await route.FulfillAsync(new RouteFulfillOptions { Response = await route.FetchAsync(new RouteFetchOptions { Url = fromApp1 }) }));
        var logBefore = cluster.BalancerLog().Length;
        try
        {
            await page.GotoAsync(Address);
            await Expect(Calculator(page)).ToHaveAttributeAsync("data-interactive", "true");
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("45");
            await Expect(page.GetByTestId("recommended-dose")).ToHaveTextAsync("1 mg once daily");
        }
        finally
        {
            await context.CloseAsync();
        }

        var log = cluster.BalancerLog()[logBefore..];
        var circuit = log.Split('\n').Where(l => l.Contains("/_blazor", StringComparison.Ordinal)).ToList();
        Assert.True(circuit.Count > 0, log);
        Assert.All(circuit, line => Assert.Contains("be_app/app2", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_antiforgery_cookie_issued_by_one_instance_is_read_by_the_other_and_not_by_a_separate_key_ring()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var issued = await http.GetAsync(new Uri($"http://127.0.0.1:{cluster.AppPort("app1")}/"));
        var cookie = SetCookie(issued, AntiforgeryCookie) ?? throw new InvalidOperationException("app1 issued no antiforgery cookie");

        // app2 decrypts the cookie token, so it keeps it (an instance that cannot read it issues a new one).
        var other = await GetWithCookieAsync(http, new Uri($"http://127.0.0.1:{cluster.AppPort("app2")}/"), cookie);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Null(SetCookie(other, AntiforgeryCookie));

        // Negative control: the same app with its own key ring (no Redis) cannot read it and replaces it.
        await using var separate = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Serilog:MinimumLevel:Default", "Warning"));
        var stranger = await GetWithCookieAsync(separate.CreateClient(), new Uri("/", UriKind.Relative), cookie);
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        Assert.NotNull(SetCookie(stranger, AntiforgeryCookie));
    }

    [Fact]
    public async Task A_restarted_instance_finds_the_key_ring_in_Redis_instead_of_making_its_own()
    {
        Assert.Equal("1", await RedisAsync("LLEN", "baricitinib:dataprotection-keys"));
        Process.GetProcessById(cluster.Pid("app2")).Kill();
        await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2));
        Assert.Equal("1", await RedisAsync("LLEN", "baricitinib:dataprotection-keys"));

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var cookie = SetCookie(await http.GetAsync(new Uri($"http://127.0.0.1:{cluster.AppPort("app1")}/")), AntiforgeryCookie)!;
        Assert.Null(SetCookie(await GetWithCookieAsync(http, new Uri($"http://127.0.0.1:{cluster.AppPort("app2")}/"), cookie), AntiforgeryCookie));
    }

    [Fact]
    public async Task Two_clients_behind_the_balancer_get_separate_rate_limit_buckets_and_cannot_spoof_their_address()
    {
        using var first = ClientFrom("127.0.0.2");
        using var second = ClientFrom("127.0.0.3");
        var api = new Uri(cluster.BaseAddress, "/api/v1/sources");

        // Round robin spreads the first client over both instances: go on until both buckets are empty.
        var refusedInARow = 0;
        for (var i = 0; i < 4 * ClusterFixture.RateLimit + 4 && refusedInARow < 2; i++)
        {
            var status = (await first.GetAsync(api)).StatusCode;
            refusedInARow = status == HttpStatusCode.TooManyRequests ? refusedInARow + 1 : 0;
        }

        Assert.Equal(2, refusedInARow);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, api) { Headers = { { "X-Forwarded-For", "10.20.30.40" } } };
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.SendAsync(spoofed)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync(api)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(api)).StatusCode);
    }

    [Fact]
    public async Task An_instance_stopped_with_SIGTERM_fails_readiness_at_once_keeps_serving_and_no_request_through_the_balancer_fails()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ready = new Uri($"http://127.0.0.1:{cluster.AppPort("app2")}/healthz/ready");
        var live = new Uri($"http://127.0.0.1:{cluster.AppPort("app2")}/healthz/live");
        var throughBalancer = new Uri(cluster.BaseAddress, "/healthz/live");
        var statuses = new List<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                statuses.Add((await http.GetAsync(throughBalancer)).StatusCode);
                await Task.Delay(25);
            }
        });
        try
        {
            await Task.Delay(300);
            var app2 = Process.GetProcessById(cluster.Pid("app2"));
            using (var term = Process.Start("kill", ["-TERM", app2.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            // Draining: not ready, still answering.
            var clock = Stopwatch.StartNew();
            while ((await http.GetAsync(ready)).StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "readiness still 200 two seconds after SIGTERM");
                await Task.Delay(20);
            }

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(live)).StatusCode);
            await app2.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            await Task.Delay(500);
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
            await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2));
        }

        Assert.True(statuses.Count > 40, $"{statuses.Count} requests");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task While_Redis_is_down_and_after_it_returns_every_request_through_the_balancer_succeeds_and_readiness_is_degraded_not_failing()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var page = new Uri(cluster.BaseAddress, "/?indication=rheumatoid-arthritis&ageYears=61&egfr=33");
        var sources = new Uri(cluster.BaseAddress, "/sources");
        var logBefore = cluster.BalancerLog().Length;
        var failures = new List<string>();
        var probes = 0;
        async Task ProbeAsync(TimeSpan during)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < during)
            {
                foreach (var address in new[] { page, sources })
                {
                    probes++;
                    var response = await http.GetAsync(address);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{clock.Elapsed.TotalSeconds:0.0} s {address.PathAndQuery}: {(int)response.StatusCode}");
                    }
                }

                await Task.Delay(100);
            }
        }

        try
        {
            await cluster.RunScriptAsync("stop-redis", TimeSpan.FromSeconds(30));
            // Longer than HAProxy needs to take a failing server out (two failed checks a second apart).
            await ProbeAsync(TimeSpan.FromSeconds(5));
            foreach (var app in new[] { "app1", "app2" })
            {
                var clock = Stopwatch.StartNew();
                var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{cluster.AppPort(app)}/healthz/ready"));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{app} readiness took {clock.Elapsed.TotalMilliseconds:0} ms");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                var report = await ready.Content.ReadAsStringAsync();
                Assert.Contains("\"status\":\"Degraded\"", report, StringComparison.Ordinal);
                Assert.Contains("redis: Redis does not answer", report, StringComparison.Ordinal);
            }
        }
        finally
        {
            await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2));
        }

        await ProbeAsync(TimeSpan.FromSeconds(3));
        Assert.True(probes > 40, $"{probes} probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var healthy = false;
        for (var i = 0; i < 50 && !healthy; i++)
        {
            var report = await http.GetStringAsync(new Uri($"http://127.0.0.1:{cluster.AppPort("app1")}/healthz/ready"));
            healthy = report.Contains("\"status\":\"Healthy\"", StringComparison.Ordinal);
            await Task.Delay(200);
        }

        Assert.True(healthy, "app1 readiness did not return to Healthy after Redis came back");
        // The balancer logs the path, never the query string (clinical values).
        var log = cluster.BalancerLog()[logBefore..];
        Assert.Contains("GET / HTTP/1.1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("egfr", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ageYears", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_Redis_restarts_and_then_one_instance_restarts_a_cookie_issued_before_is_still_read_by_both()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var cookie = SetCookie(await http.GetAsync(new Uri($"http://127.0.0.1:{cluster.AppPort("app1")}/")), AntiforgeryCookie)
            ?? throw new InvalidOperationException("app1 issued no antiforgery cookie");
        var keys = await RedisAsync("LLEN", "baricitinib:dataprotection-keys");

        await cluster.RunScriptAsync("stop-redis", TimeSpan.FromSeconds(30));
        await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2)); // Redis back, from its append-only file
        Assert.Equal(keys, await RedisAsync("LLEN", "baricitinib:dataprotection-keys"));
        Process.GetProcessById(cluster.Pid("app2")).Kill();
        await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2));

        Assert.Equal(keys, await RedisAsync("LLEN", "baricitinib:dataprotection-keys")); // the restarted instance made no key of its own
        foreach (var app in new[] { "app1", "app2" })
        {
            var response = await GetWithCookieAsync(http, new Uri($"http://127.0.0.1:{cluster.AppPort(app)}/"), cookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(SetCookie(response, AntiforgeryCookie)); // read, so not replaced
        }
    }

    [Fact]
    public async Task A_CDS_Hooks_token_used_on_one_instance_is_refused_as_a_replay_on_the_other()
    {
        // The jti replay cache is the distributed cache, Redis in a cluster: a token cannot be used once per instance.
        const string Body = """{"hook":"order-sign","hookInstance":"9c2b1f0e-0d0c-4c8e-9a55-2f4a1c9d0b11","context":{"userId":"PractitionerRole/1","patientId":"p1","draftOrders":{"resourceType":"Bundle","entry":[]}}}""";
        var token = CdsToken();
        using var http = new HttpClient();
        async Task<HttpStatusCode> Call(string app, string jwt)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{cluster.AppPort(app)}/cds-services/baricitinib-renal-dose"))
            {
                Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", jwt);
            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Call("app1", token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Call("app2", token));
        Assert.Equal(HttpStatusCode.OK, await Call("app2", CdsToken())); // a fresh token is fine
    }

    private string CdsToken() => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
    {
        Issuer = ClusterFixture.CdsIssuer,
        Audience = new Uri(cluster.BaseAddress, "/cds-services/baricitinib-renal-dose").ToString(),
        Expires = DateTime.UtcNow.AddMinutes(4),
        IssuedAt = DateTime.UtcNow,
        Claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString() },
        SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
            new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(ClusterFixture.CdsKey) { KeyId = "cluster-key" }, "ES384"),
    });

    private static ILocator Calculator(IPage page) => page.GetByTestId("calculator");

    private static async Task<string> ServingInstanceAsync(IBrowserContext context) =>
        (await context.CookiesAsync()).SingleOrDefault(c => c.Name == "SRV")?.Value ?? "";

    private static string? SetCookie(HttpResponseMessage response, string prefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal))
            : null;

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient http, Uri address, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Add("Cookie", cookie);
        return http.SendAsync(request);
    }

    /// <summary>A client whose connections come from another loopback address (a second machine, as the balancer sees it).</summary>
    private static HttpClient ClientFrom(string localAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (connection, cancel) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(connection.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private async Task<string> RedisAsync(params string[] command)
    {
        var start = new ProcessStartInfo("redis-cli", ["-p", cluster.RedisPort.ToString(CultureInfo.InvariantCulture), .. command])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    [GeneratedRegex("egfr=45")]
    private static partial Regex EgfrInAddress();
}

/// <summary><c>deploy/local-cluster.sh down</c> stops every process it started and frees every port; <c>up</c> brings it all back.</summary>
[Collection(ClusterGroup.Name)]
public class ClusterLifecycleTests(ClusterFixture cluster)
{
    private static readonly string[] Processes = ["redis", "app1", "app2", "haproxy"];

    [Fact]
    public async Task The_cluster_stops_cleanly_and_starts_again()
    {
        var pids = Processes.Select(cluster.Pid).ToList();
        try
        {
            await StopAndCheckAsync(pids);
        }
        finally
        {
            await cluster.RunScriptAsync("up", TimeSpan.FromMinutes(2));
        }

        Assert.Equal(0, (await cluster.RunScriptAsync("status", TimeSpan.FromSeconds(30), check: false)).ExitCode);
    }

    private async Task StopAndCheckAsync(List<int> pids)
    {
        var (stopped, output) = await cluster.RunScriptAsync("down", TimeSpan.FromMinutes(2), check: false);
        Assert.True(stopped == 0, output);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs"));
        foreach (var port in new[] { cluster.BalancerPort, cluster.AppPort("app1"), cluster.AppPort("app2"), cluster.RedisPort })
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            Assert.ThrowsAny<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
        }

        var (status, report) = await cluster.RunScriptAsync("status", TimeSpan.FromSeconds(30), check: false);
        Assert.Equal(3, status);
        Assert.Contains("app1 stopped", report, StringComparison.Ordinal);
    }

    /// <summary>Running, not a zombie waiting for its parent (a daemon's parent is PID 1, which may reap late).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
