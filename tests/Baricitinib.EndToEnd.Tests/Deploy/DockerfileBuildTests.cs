using System.Diagnostics;
using System.Net;

namespace Baricitinib.EndToEnd.Tests.Deploy;

/// <summary>The Dockerfile's build stage works from exactly the files it copies, and what it publishes starts and
/// answers; a start it refuses is one line naming the key and exit code 1, with no stack trace.</summary>
[Collection(DockerfileGroup.Name)]
public class DockerfileBuildTests(DockerfileBuild build)
{
    private void Published() =>
        Assert.True(build.Failure is null, $"{build.Failure}\n{build.Transcript}");

    [Fact]
    public async Task The_build_stage_restores_and_publishes_from_the_files_its_COPY_lines_name_and_the_output_answers_liveness()
    {
        Published();
        Assert.True(File.Exists(Path.Combine(build.App, "Baricitinib.Web.dll")));
        Assert.True(File.Exists(Path.Combine(build.App, "wwwroot", "app.js")) || Directory.EnumerateFiles(build.App, "app*.js", SearchOption.AllDirectories).Any());

        var port = DockerfileBuild.FreePort();
        var (status, log) = await RunUntilLiveAsync(port, []);
        Assert.True(status == HttpStatusCode.OK, log);
    }

    [Fact]
    public void Every_build_file_at_the_root_that_MSBuild_or_the_SDK_reads_is_copied_before_the_restore()
    {
        var root = Cluster.ClusterFixture.RepositoryRoot;
        var copied = DockerfileBuild.BuildStage(File.ReadAllLines(Path.Combine(root, "deploy", "Dockerfile")))
            .TakeWhile(l => !l.StartsWith("RUN ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet(StringComparer.Ordinal);
        var buildFiles = Directory.EnumerateFiles(root)
            .Select(Path.GetFileName)
            .Where(name => name is "global.json" or "NuGet.config" or "nuget.config" || (name!.StartsWith("Directory.", StringComparison.Ordinal) && (name.EndsWith(".props", StringComparison.Ordinal) || name.EndsWith(".targets", StringComparison.Ordinal))))
            .ToList();
        Assert.NotEmpty(buildFiles);
        Assert.All(buildFiles, name => Assert.Contains(name!, copied));
    }

    [Fact]
    public async Task An_OTLP_endpoint_nothing_listens_on_starts_the_app_and_says_so_once()
    {
        Published();
        var port = DockerfileBuild.FreePort();
        var closed = DockerfileBuild.FreePort();
        var (status, log) = await RunUntilLiveAsync(port, new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{closed}" }, waitFor: "OtlpUnreachable");
        Assert.True(status == HttpStatusCode.OK, log);
        Assert.Single(log.Split('\n'), l => l.Contains("Nothing answers at the OTLP endpoint", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RateLimiting__PermitsPerMinute", "0", "RateLimiting:PermitsPerMinute")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not-a-url", "OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "bogus", "OTEL_EXPORTER_OTLP_PROTOCOL")]
    [InlineData("CdsHooks__PublicBaseUrl", "http://calc.example.org/", "CdsHooks:PublicBaseUrl")]
    [InlineData("AllowedHosts", "", "AllowedHosts")]
    [InlineData("Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default")]
    [InlineData("Redis__Configuration", "127.0.0.1:1,connectTimeout=300,connectRetry=0", "Redis:Configuration")]
    public async Task A_refused_start_prints_one_line_naming_the_key_and_exits_with_code_1(string variable, string value, string key)
    {
        Published();
        var environment = Environment(DockerfileBuild.FreePort());
        environment[variable] = value;
        var (exit, output, _) = await Processes.RunAsync("dotnet", [Path.Combine(build.App, "Baricitinib.Web.dll")], build.App, TimeSpan.FromSeconds(60), environment);

        Assert.True(exit == 1, $"exit code {exit}:\n{output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Refused to start: ", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(int port) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    /// <summary>Starts the published app, waits until <c>/healthz/live</c> answers (and the log shows
    /// <paramref name="waitFor"/>), stops it; returns the answer and everything it wrote.</summary>
    private async Task<(HttpStatusCode? Status, string Log)> RunUntilLiveAsync(int port, Dictionary<string, string?> extra, string? waitFor = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(build.App, "Baricitinib.Web.dll")])
        {
            WorkingDirectory = build.App,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Environment(port).Concat(extra))
        {
            start.Environment[key] = value;
        }

        var log = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        HttpStatusCode? status = null;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 150 && !process.HasExited; i++)
            {
                try
                {
                    status = (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz/live"))).StatusCode;
                    bool seen;
                    lock (log)
                    {
                        seen = waitFor is null || log.ToString().Contains(waitFor, StringComparison.Ordinal);
                    }

                    if (status == HttpStatusCode.OK && seen)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(200);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        lock (log)
        {
            return (status, log.ToString());
        }
    }
}
