using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Web.Infrastructure;

/// <summary>
/// The one path from text to result that the page and the API share: parse, validate, calculate (all in the
/// library), and write one structured <c>DoseCalculated</c> event with the channel, rule-set version, status, dose,
/// source and flag codes. Clinical inputs are health data: they are logged only at Debug (<c>DoseInputs</c>).
/// </summary>
public sealed partial class DoseService(DosingCalculator calculator, ILogger<DoseService> logger)
{
    /// <summary>Parses and calculates; parse errors come first and hide validation errors on the same field. With
    /// <paramref name="log"/> false nothing is logged (the page logs once the inputs settle: <see cref="LogSettled"/>).</summary>
    public DoseOutcome Evaluate(ParseResult parsed, string channel, bool log = true)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var outcome = calculator.Calculate(parsed.Request);
        var errors = parsed.CombineWith(outcome.Errors);
        var result = errors.Count == 0 ? outcome.Result : null;
        if (result is not null && log)
        {
            LogSettled(channel, parsed, result);
        }

        return new DoseOutcome(result, errors);
    }

    /// <summary>Writes the calculation's events: the result at Information, the inputs at Debug only.</summary>
    public void LogSettled(string channel, ParseResult parsed, DosingResult result)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(result);
        LogResult(channel, result);
        LogInputs(channel, parsed);
    }

    private void LogResult(string channel, DosingResult result)
    {
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

    [LoggerMessage(EventId = 1001, EventName = "UnhandledApiError", Level = LogLevel.Error, Message = "Unhandled API error, reference {Reference}")]
    public static partial void LogUnhandledApiError(ILogger logger, Exception? exception, string reference);

    [LoggerMessage(EventId = 1000, EventName = "DoseCalculated", Level = LogLevel.Information,
        Message = "DoseCalculated via {Channel}: {Status} {DoseMg} mg from {Source} (rule set {RuleSetVersion}); flags {Flags}")]
    private static partial void LogCalculated(ILogger logger, string channel, string status, int? doseMg, string source,
        string ruleSetVersion, string[] flags);

    [LoggerMessage(EventId = 1002, EventName = "DoseInputs", Level = LogLevel.Debug, Message = "DoseInputs via {Channel}: {Inputs}")]
    private static partial void LogInputs(ILogger logger, string channel, Dictionary<string, string> inputs);
}

/// <summary>A result, or the field errors that prevent one.</summary>
/// <param name="Result">The result, when every input is valid.</param>
/// <param name="Errors">Field errors, parse errors first.</param>
public sealed record DoseOutcome(DosingResult? Result, IReadOnlyList<FieldError> Errors)
{
    /// <summary>"incomplete" when only required inputs are missing, "invalid" when any value is wrong.</summary>
    public string Status => Result is not null ? WireNames.Of(Result.Recommendation.Status)
        : Errors.All(e => e.IsMissing) ? "incomplete" : "invalid";
}
