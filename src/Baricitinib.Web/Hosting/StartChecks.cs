using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace Baricitinib.Web.Hosting;

/// <summary>
/// Settings read by libraries rather than by our options classes, checked before anything starts: Serilog levels,
/// the OpenTelemetry exporter's endpoint and protocol, <c>AllowedHosts</c>. A refused start is one line naming the key
/// and the reason, and exit code 1 (<see cref="Refusal"/>), never an abort with a stack trace.
/// </summary>
public static partial class StartChecks
{
    private static readonly string[] OtlpEndpoints =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    private static readonly string[] OtlpProtocols =
        ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL"];

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every bad key.</summary>
    public static void Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        CheckLevel(configuration, "Serilog:MinimumLevel", failures);
        CheckLevel(configuration, "Serilog:MinimumLevel:Default", failures);
        foreach (var level in configuration.GetSection("Serilog:MinimumLevel:Override").GetChildren())
        {
            CheckLevel(configuration, level.Path, failures);
        }

        foreach (var key in OtlpEndpoints)
        {
            if (configuration[key] is { Length: > 0 } value
                && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0))
            {
                failures.Add($"{key} must be an absolute http or https address (e.g. http://otel-collector:4317); it is '{value}'.");
            }
        }

        foreach (var key in OtlpProtocols)
        {
            if (configuration[key] is { Length: > 0 } value && value is not ("grpc" or "http/protobuf"))
            {
                failures.Add($"{key} must be grpc or http/protobuf; it is '{value}'.");
            }
        }

        if (configuration["AllowedHosts"] is { } hosts && string.IsNullOrWhiteSpace(hosts.Replace(";", "", StringComparison.Ordinal)))
        {
            failures.Add("AllowedHosts must name the public host name(s), ';'-separated, or * for any; it is empty, so every request would fail.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException("start", typeof(StartChecks), failures);
        }
    }

    private static void CheckLevel(IConfiguration configuration, string key, List<string> failures)
    {
        if (configuration.GetSection(key) is { Value: { Length: > 0 } value } && !Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out _))
        {
            failures.Add($"{key} must be one of Verbose, Debug, Information, Warning, Error, Fatal; it is '{value}'.");
        }
    }

    /// <summary>Runs the options validation that would otherwise run inside the host's start (and be logged there with a
    /// stack trace), so a refusal is the one line of <see cref="Refusal"/>.</summary>
    public static void ValidateOptions(IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// The one line a refused start prints, or null for an exception that is not a refusal (a defect: it is left to
    /// crash with its stack trace). Only when this app is the process: hosted by another program (the tests'
    /// WebApplicationFactory), the exception propagates to it.
    /// </summary>
    public static string? Refusal(Exception exception)
    {
        if (Assembly.GetEntryAssembly() != typeof(StartChecks).Assembly)
        {
            return null;
        }

        var reasons = Reasons(exception).ToList();
        return reasons.Count == 0 ? null : "Refused to start: " + string.Join(" ", reasons.Select(OneLine));
    }

    private static IEnumerable<string> Reasons(Exception exception) => exception switch
    {
        OptionsValidationException invalid => invalid.Failures,
        AggregateException all when all.InnerExceptions.All(e => Reasons(e).Any()) => all.InnerExceptions.SelectMany(Reasons),
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } => [$"urls: {exception.Message}"],
        _ => [], // any other exception is a defect, not a refusal: it keeps its stack trace
    };

    private static string OneLine(string text) => LineBreaks().Replace(text, " ");

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial System.Text.RegularExpressions.Regex LineBreaks();
}
