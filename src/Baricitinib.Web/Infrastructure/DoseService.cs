using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Web.Infrastructure;

/// <summary>
/// The one path from text to result that the page and the API share: parse, validate, calculate (all in the
/// library), and write one structured <c>DoseCalculated</c> event with the inputs (no identifiers), the rule-set
/// version and the result.
/// </summary>
public sealed partial class DoseService(DosingCalculator calculator, ILogger<DoseService> logger)
{
    /// <summary>Parses and calculates; parse errors come first and hide validation errors on the same field.</summary>
    public DoseOutcome Evaluate(ParseResult parsed, string channel)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var outcome = calculator.Calculate(parsed.Request);
        var errors = parsed.CombineWith(outcome.Errors);
        var result = errors.Count == 0 ? outcome.Result : null;
        if (result is not null)
        {
            Log(channel, parsed, result);
        }

        return new DoseOutcome(result, errors);
    }

    private void Log(string channel, ParseResult parsed, DosingResult result)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var inputs = DosingRequestParser.ToPairs(parsed.Request).ToDictionary(p => p.Key, p => p.Value);
        var flags = result.Flags.Select(f => f.Code).ToArray();
        var status = WireNames.Of(result.Recommendation.Status);
        LogCalculated(logger, channel, status, result.Recommendation.DoseMg,
            result.Recommendation.Source, result.RuleSetVersion, inputs, flags);
    }

    [LoggerMessage(EventId = 1001, EventName = "UnhandledApiError", Level = LogLevel.Error, Message = "Unhandled API error, reference {Reference}")]
    public static partial void LogUnhandledApiError(ILogger logger, Exception? exception, string reference);

    [LoggerMessage(EventId = 1000, EventName = "DoseCalculated", Level = LogLevel.Information,
        Message = "DoseCalculated via {Channel}: {Status} {DoseMg} mg from {Source} (rule set {RuleSetVersion}); inputs {Inputs}; flags {Flags}")]
    private static partial void LogCalculated(ILogger logger, string channel, string status, int? doseMg, string source,
        string ruleSetVersion, Dictionary<string, string> inputs, string[] flags);
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
