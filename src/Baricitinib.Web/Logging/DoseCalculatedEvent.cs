using System.Diagnostics;
using Baricitinib.Dosing.Model;
using Serilog.Events;
using Serilog.Parsing;

namespace Baricitinib.Web.Logging;

/// <summary>
/// The <c>DoseCalculated</c> event built directly as a Serilog event: the template parsed once, the event id and
/// source context made once, each value wrapped as it is (no reflection, no destructuring). It carries exactly what
/// the Microsoft.Extensions.Logging path carries for the same call outside a scope (a test compares the two), plus
/// the current trace and span ids; never an input.
/// </summary>
internal static class DoseCalculatedEvent
{
    /// <summary>The event id.</summary>
    public const int Id = 1000;

    /// <summary>The event name.</summary>
    public const string Name = "DoseCalculated";

    /// <summary>The message template (the same text as the <c>[LoggerMessage]</c> one).</summary>
    public const string Template = "DoseCalculated via {Channel}: {Status} {DoseMg} mg from {Source} (rule set {RuleSetVersion}); flags {Flags}";

    /// <summary>The source context, so that <c>Serilog:MinimumLevel:Override</c> for the service applies.</summary>
    public static readonly string SourceContext = typeof(Calculations).FullName!;

    private static readonly MessageTemplate Parsed = new MessageTemplateParser().Parse(Template);

    private static readonly StructureValue EventId = new(
        [new LogEventProperty("Id", new ScalarValue(Id)), new LogEventProperty("Name", new ScalarValue(Name))]);

    // The event's own properties, the source context and the request's scope properties (RequestId, RequestPath,
    // ConnectionId) that enrichment adds: room for all of them, so the dictionary never grows.
    private const int Capacity = 12;

    private static readonly ScalarValue NoDose = new(null);

    /// <summary>The event for one calculation's result.</summary>
    public static LogEvent Create(string channel, DosingResult result)
    {
        var recommendation = result.Recommendation;
        var flags = new LogEventPropertyValue[result.Flags.Count];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = new ScalarValue(result.Flags[i].Code);
        }

        var activity = Activity.Current;
        var properties = new Dictionary<string, LogEventPropertyValue>(Capacity)
        {
            ["Channel"] = new ScalarValue(channel),
            ["Status"] = new ScalarValue(WireNames.Of(recommendation.Status)),
            ["DoseMg"] = recommendation.DoseMg is { } mg ? new ScalarValue(mg) : NoDose,
            ["Source"] = new ScalarValue(recommendation.Source),
            ["RuleSetVersion"] = new ScalarValue(result.RuleSetVersion),
            ["Flags"] = new SequenceValue(flags),
            ["EventId"] = EventId,
        };

        // Serilog's constructor from parts: the dictionary is the event's own, not copied property by property.
        return LogEvent.UnstableAssembleFromParts(
            DateTimeOffset.Now,
            LogEventLevel.Information,
            exception: null,
            Parsed,
            properties,
            activity?.TraceId ?? default,
            activity?.SpanId ?? default);
    }
}
