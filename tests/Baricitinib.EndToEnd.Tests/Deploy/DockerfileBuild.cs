using System.Net;
using System.Net.Sockets;
using System.Text;
using Baricitinib.EndToEnd.Tests.Cluster;

namespace Baricitinib.EndToEnd.Tests.Deploy;

/// <summary>
/// The build stage of <c>deploy/Dockerfile</c>, without Docker: into an empty folder, copies exactly the files its
/// <c>COPY</c> lines name (in order, minus what <c>.dockerignore</c> excludes) and runs its <c>RUN</c> commands there
/// (the image's <c>/app</c> becomes a folder beside it). A missing project file fails the restore here as it would in
/// the image. The published output also serves the process-level tests (a refused start, a start that answers).
/// </summary>
public sealed class DockerfileBuild : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "baricitinib-dockerfile-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>What the image's <c>/app</c> holds.</summary>
    public string App => Path.Combine(Folder, "app");

    /// <summary>Each step and its output, for the failure message.</summary>
    public StringBuilder Transcript { get; } = new();

    /// <summary>Why the build stage failed, or null when it published.</summary>
    public string? Failure { get; private set; }

    public async Task InitializeAsync()
    {
        var root = ClusterFixture.RepositoryRoot;
        var source = Path.Combine(Folder, "src");
        Directory.CreateDirectory(source);
        var ignored = DockerIgnore(Path.Combine(root, ".dockerignore"));
        foreach (var line in BuildStage(File.ReadAllLines(Path.Combine(root, "deploy", "Dockerfile"))))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "COPY":
                    var destination = Path.Combine(source, words[^1]);
                    foreach (var item in words[1..^1])
                    {
                        Copy(Path.Combine(root, item), item.EndsWith('/') || Directory.Exists(Path.Combine(root, item)) ? destination : Path.Combine(destination, Path.GetFileName(item)), item, ignored);
                    }

                    Transcript.AppendLine(line);
                    break;
                case "RUN":
                    var arguments = words[2..].Select(w => w == "/app" ? App : w).ToList();
                    Transcript.AppendLine(line);
                    var (exit, output, timedOut) = await Processes.RunAsync(words[1], arguments, source, TimeSpan.FromMinutes(8));
                    Transcript.AppendLine(output);
                    if (exit != 0)
                    {
                        Failure = timedOut ? $"{line} took longer than 8 minutes" : $"{line} failed with exit code {exit}";
                        return;
                    }

                    break;
                default:
                    break; // WORKDIR is the folder itself
            }
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a process still holds a file: the temporary folder is left
        }

        return Task.CompletedTask;
    }

    /// <summary>The lines of the first stage (up to the next FROM), continuation lines joined.</summary>
    internal static IEnumerable<string> BuildStage(IEnumerable<string> dockerfile)
    {
        var stage = 0;
        foreach (var raw in dockerfile)
        {
            var line = raw.Trim();
            if (line.StartsWith("FROM ", StringComparison.Ordinal) && ++stage > 1)
            {
                yield break;
            }

            if (stage == 1 && (line.StartsWith("COPY ", StringComparison.Ordinal) || line.StartsWith("RUN ", StringComparison.Ordinal)))
            {
                yield return line;
            }
        }
    }

    private static List<string> DockerIgnore(string file) =>
        File.Exists(file) ? [.. File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))] : [];

    /// <summary>Whether a relative path (with '/') is excluded: <c>name/</c> at the top, <c>**/name/</c> anywhere.</summary>
    private static bool Ignored(string relative, List<string> patterns) => patterns.Any(p =>
    {
        var name = p.TrimEnd('/');
        var segments = relative.Split('/');
        return name.StartsWith("**/", StringComparison.Ordinal)
            ? segments.Contains(name[3..], StringComparer.Ordinal)
            : relative == name || relative.StartsWith(name + "/", StringComparison.Ordinal);
    });

    private static void Copy(string from, string to, string item, List<string> ignored)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
            return;
        }

        if (!Directory.Exists(from))
        {
            throw new FileNotFoundException($"The Dockerfile copies {item}, which is not in the repository.");
        }

        var root = ClusterFixture.RepositoryRoot;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!Ignored(relative, ignored))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    /// <summary>A loopback port nothing listens on at the moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerfileGroup : ICollectionFixture<DockerfileBuild>
{
    public const string Name = "dockerfile";
}
