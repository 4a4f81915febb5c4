using System.Diagnostics;

namespace Baricitinib.EndToEnd.Tests;

/// <summary>Runs a program to its end (a script, a restore, the published app) and returns what it wrote.</summary>
internal static class Processes
{
    /// <summary>The exit code and everything written (standard output, then standard error); <c>TimedOut</c> when it
    /// was stopped after <paramref name="timeout"/> (its whole process tree is killed).</summary>
    public static async Task<(int Exit, string Output, bool TimedOut)> RunAsync(string program, IEnumerable<string> arguments, string folder,
        TimeSpan timeout, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await output + await errors, TimedOut: true);
        }

        return (process.ExitCode, await output + await errors, TimedOut: false);
    }
}
