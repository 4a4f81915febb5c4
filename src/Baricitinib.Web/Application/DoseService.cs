using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Logging;

namespace Baricitinib.Web.Application;

/// <summary>
/// The one path from text to result that the page and the API share: parse, validate, calculate (all in the
/// library), and write one structured <c>DoseCalculated</c> event with the channel, rule-set version, status, dose,
/// source and flag codes. Clinical inputs are health data: they are logged only at Debug (<c>DoseInputs</c>).
/// </summary>
/// <remarks>With the host's Serilog logger (<paramref name="serilog"/>, as in the app), <c>DoseCalculated</c> is written
/// straight to Serilog as a prepared event (<see cref="DoseCalculatedEvent"/>): the same template, level, event id,
/// source context and properties as through Microsoft.Extensions.Logging, without the bridge's per-event property
/// binding and scope conversion, which cost more than the calculation itself (docs/benchmarks.md).</remarks>
public sealed partial class DoseService(DosingCalculator calculator, ILogger<Calculations> logger, DoseMetrics? metrics = null,
    Serilog.ILogger? serilog = null)
{
    private readonly Serilog.ILogger? direct = serilog?.ForContext(Serilog.Core.Constants.SourceContextPropertyName, DoseCalculatedEvent.SourceContext);

    /// <summary>Parses and calculates; parse errors come first and hide validation errors on the same field. With
    /// <paramref name="log"/> false nothing is logged, counted or traced yet: the page does that once the inputs settle
    /// (<see cref="Settled"/>), so a calculation is one event, one span and one count whatever its channel.</summary>
    public DoseOutcome Evaluate(ParseResult parsed, string channel, bool log = true)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = calculator.Calculate(parsed.Request);
        var engineTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (channel == PageChannel)
        {
            metrics?.PageCalculated();
        }

        var errors = parsed.CombineWith(outcome.Errors);
        var dose = new DoseOutcome(errors.Count == 0 ? outcome.Result : null, errors) { EngineTime = engineTime };
        if (log)
        {
            Settled(channel, parsed, dose);
        }

        return dose;
    }

    /// <summary>
    /// A calculation the user settled on (at once for the API and CDS Hooks; after the inputs rest on the page): one
    /// <c>baricitinib.calculate</c> span (with the channel, status and rule set; its start is the engine's start), one
    /// count in <c>baricitinib.calculations</c> and the engine time, both by channel and status, and the log events.
    /// </summary>
    public void Settled(string channel, ParseResult parsed, DoseOutcome dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        var status = WireNames.Of(dose.Status);
        using (var activity = Telemetry.Activities.StartActivity("baricitinib.calculate", System.Diagnostics.ActivityKind.Internal,
            parentContext: default, startTime: DateTimeOffset.UtcNow - dose.EngineTime))
        {
            activity?.SetTag("baricitinib.channel", channel);
            activity?.SetTag("baricitinib.status", status);
            activity?.SetTag("baricitinib.rule_set", Baricitinib.Dosing.Engine.RuleSet.Version);
            activity?.SetEndTime(activity.StartTimeUtc + dose.EngineTime);
        }

        if (metrics is { Enabled: true })
        {
            metrics.Record(channel, dose.Status, dose.EngineTime);
        }

        if (dose.Result is { } result)
        {
            LogSettled(channel, parsed, result);
        }
    }

    /// <summary>The channel name of the calculator page.</summary>
    public const string PageChannel = "page";

    /// <summary>Counts one render pass of the calculator page (a metric; nothing is logged).</summary>
    public void PageRendered() => metrics?.PageRendered();

    /// <summary>Fields by their API names (query parameters, the values a CDS Hooks card maps), parsed exactly as
    /// <c>GET /api/v1/dose</c> parses them: the one path that makes a card and the API agree.</summary>
    public DoseOutcome EvaluateFields(IEnumerable<KeyValuePair<string, string?>> fields, string channel) =>
        Evaluate(DosingRequestParser.Parse(fields, InputMode.Api), channel);

    /// <summary>Writes the calculation's events: the result at Information, the inputs at Debug only.</summary>
    private void LogSettled(string channel, ParseResult parsed, DosingResult result)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(result);
        LogResult(channel, result);
        LogInputs(channel, parsed);
    }

    private void LogResult(string channel, DosingResult result)
    {
        if (direct is not null)
        {
            if (direct.IsEnabled(Serilog.Events.LogEventLevel.Information))
            {
                direct.Write(DoseCalculatedEvent.Create(channel, result));
            }

            return;
        }

        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var flags = result.Flags.Select(f => f.Code).ToArray();
        var status = WireNames.Of(result.Recommendation.Status);
        LogCalculated(logger, channel, status, result.Recommendation.DoseMg, result.Recommendation.Source, result.RuleSetVersion, flags);
    }

    private void LogInputs(string channel, ParseResult parsed)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var inputs = DosingRequestParser.ToPairs(parsed.Request).ToDictionary(p => p.Key, p => p.Value);
        LogInputs(logger, channel, inputs);
    }

    [LoggerMessage(EventId = 1001, EventName = "UnhandledError", Level = LogLevel.Error, Message = "Unhandled error, reference {Reference}")]
    public static partial void LogUnhandledError(ILogger logger, Exception? exception, string reference);

    [LoggerMessage(EventId = DoseCalculatedEvent.Id, EventName = DoseCalculatedEvent.Name, Level = LogLevel.Information,
        Message = DoseCalculatedEvent.Template)]
    private static partial void LogCalculated(ILogger logger, string channel, string status, int? doseMg, string source,
        string ruleSetVersion, string[] flags);

    [LoggerMessage(EventId = 1002, EventName = "DoseInputs", Level = LogLevel.Debug, Message = "DoseInputs via {Channel}: {Inputs}")]
    private static partial void LogInputs(ILogger logger, string channel, Dictionary<string, string> inputs);
}

/// <summary>What the page and the API show: a result's status, or why there is no result.</summary>
public enum OutcomeStatus
{
    /// <summary>A dose.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("dose")] Dose,
    /// <summary>The label says not to use it.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("not-recommended")] NotRecommended,
    /// <summary>No approval for this indication or age.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("not-approved")] NotApproved,
    /// <summary>The label defines no dose.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("no-label-dose")] NoLabelDose,
    /// <summary>Only required inputs are missing.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("incomplete")] Incomplete,
    /// <summary>A value is wrong.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("invalid")] Invalid,
}

/// <summary>A result, or the field errors that prevent one.</summary>
/// <param name="Result">The result, when every input is valid.</param>
/// <param name="Errors">Field errors, parse errors first.</param>
public sealed record DoseOutcome(DosingResult? Result, IReadOnlyList<FieldError> Errors)
{
    /// <summary>How long the rules engine took (parse excluded): recorded as <c>baricitinib.engine.duration</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan EngineTime { get; init; }

    /// <summary>The result's status; <see cref="OutcomeStatus.Incomplete"/> when only required inputs are missing,
    /// <see cref="OutcomeStatus.Invalid"/> when any value is wrong.</summary>
    public OutcomeStatus Status => Result?.Recommendation.Status switch
    {
        RecommendationStatus.Dose => OutcomeStatus.Dose,
        RecommendationStatus.NotRecommended => OutcomeStatus.NotRecommended,
        RecommendationStatus.NotApproved => OutcomeStatus.NotApproved,
        RecommendationStatus.NoLabelDose => OutcomeStatus.NoLabelDose,
        // The primary label always decides (a property test pins it); were it ever silent, no dose is shown.
        RecommendationStatus.Silent or RecommendationStatus.NeedsInput => OutcomeStatus.Incomplete,
        null => Errors.All(e => e.IsMissing) ? OutcomeStatus.Incomplete : OutcomeStatus.Invalid,
    };
}
