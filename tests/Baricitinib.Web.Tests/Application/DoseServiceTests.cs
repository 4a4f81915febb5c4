using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Web.Logging;
using Baricitinib.Web.Application;
using Microsoft.Extensions.Logging;

namespace Baricitinib.Web.Tests.Application;

/// <summary>One structured DoseCalculated event per calculation (no inputs); the inputs only in a Debug event.</summary>
public class DoseServiceTests
{
    private sealed class CapturingLogger : ILogger<Calculations>
    {
        public List<(EventId Id, IReadOnlyList<KeyValuePair<string, object?>> State)> Events { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public LogLevel Minimum { get; init; } = LogLevel.Trace;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Events.Add((eventId, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
            }
        }
    }

    private static ParseResult Parse(string query) => DosingRequestParser.ParseQuery(query, InputMode.Api);

    [Fact]
    public void At_Information_a_calculation_writes_one_DoseCalculated_event_with_version_and_result_and_no_input()
    {
        var logger = new CapturingLogger { Minimum = LogLevel.Information };
        var service = new DoseService(new DosingCalculator(), logger);

        service.Evaluate(Parse("indication=rheumatoid-arthritis&ageYears=55&egfr=45"), "api");

        var (id, state) = Assert.Single(logger.Events);
        Assert.Equal("DoseCalculated", id.Name);
        var properties = state.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("2026.12.1", properties["RuleSetVersion"]);
        Assert.Equal("dose", properties["Status"]);
        Assert.Equal(1, properties["DoseMg"]);
        Assert.Equal("fda-pi", properties["Source"]);
        Assert.Equal("api", properties["Channel"]);
        Assert.False(properties.ContainsKey("Inputs"));
        Assert.Equal(["renal-dose-reduced"], Assert.IsType<string[]>(properties["Flags"]));
    }

    [Fact]
    public void At_Debug_the_inputs_are_logged_in_their_own_event()
    {
        var logger = new CapturingLogger { Minimum = LogLevel.Debug };
        new DoseService(new DosingCalculator(), logger).Evaluate(Parse("indication=rheumatoid-arthritis&ageYears=55&egfr=45"), "api");
        var (_, state) = Assert.Single(logger.Events, e => e.Id.Name == "DoseInputs");
        var inputs = Assert.IsType<Dictionary<string, string>>(state.ToDictionary(kv => kv.Key, kv => kv.Value)["Inputs"]);
        Assert.Equal(new Dictionary<string, string> { ["indication"] = "rheumatoid-arthritis", ["ageYears"] = "55", ["egfr"] = "45" }, inputs);
    }

    [Fact]
    public void The_page_evaluates_without_logging_until_the_inputs_settle()
    {
        var logger = new CapturingLogger();
        var service = new DoseService(new DosingCalculator(), logger);
        var parsed = Parse("indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var outcome = service.Evaluate(parsed, "page", log: false);
        Assert.Empty(logger.Events);
        service.Settled("page", parsed, outcome);
        Assert.Single(logger.Events, e => e.Id.Name == "DoseCalculated");
    }

    [Fact]
    public void An_invalid_request_writes_no_calculation_event_and_returns_the_field_errors()
    {
        var logger = new CapturingLogger();
        var outcome = new DoseService(new DosingCalculator(), logger).Evaluate(Parse("indication=rheumatoid-arthritis&ageYears=abc&egfr=45"), "page");
        Assert.Empty(logger.Events);
        Assert.Null(outcome.Result);
        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal("ageYears", Assert.Single(outcome.Errors).Field);
    }
}
