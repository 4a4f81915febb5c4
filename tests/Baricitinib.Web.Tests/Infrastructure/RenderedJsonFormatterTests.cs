using System.Diagnostics;
using Baricitinib.Web.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace Baricitinib.Web.Tests.Infrastructure;

/// <summary>The app's JSON log line is exactly the text of Serilog's rendered compact formatter, for every kind of event.</summary>
public class RenderedJsonFormatterTests
{
    private static readonly MessageTemplateParser Parser = new();

    private static string Ours(LogEvent e)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new RenderedJsonFormatter().Format(e, text);
        return text.ToString();
    }

    private static Exception Thrown()
    {
        try
        {
            try
            {
                throw new InvalidOperationException("inner \"quoted\"\nline");
            }
            catch (InvalidOperationException inner)
            {
                throw new ArgumentException("outer é", inner);
            }
        }
        catch (ArgumentException e)
        {
            return e;
        }
    }

    public static TheoryData<string, string> Templates => new()
    {
        { "plain", "No properties at all" },
        { "named", "Dose {Dose} mg via {Channel}" },
        { "formats", "Value {Value:0.00}, padded {Padded,8}, left {Left,-6}|" },
        { "destructured", "Object {@Structure} and stringified {$Stringified}" },
        { "positional", "First {0} then {1}" },
        { "missing", "Missing {Absent} here" },
        { "escaped braces", "Literal {{braces}} and {Dose}" },
        { "empty", "" },
    };

    private static IEnumerable<LogEventProperty> Properties() =>
    [
        new("Dose", new ScalarValue(2.5)),
        new("Channel", new ScalarValue("api \"quoted\" \\ back\tslash\r\n\u0001 ≥60 µmol/L 😀")),
        new("Value", new ScalarValue(1234.5678m)),
        new("Padded", new ScalarValue("ab")),
        new("Left", new ScalarValue(42)),
        new("Structure", new StructureValue([new LogEventProperty("Id", new ScalarValue(1000)), new LogEventProperty("Name", new ScalarValue("x"))], "Tagged")),
        new("Stringified", new ScalarValue("as text")),
        new("0", new ScalarValue(true)),
        new("1", new ScalarValue(null)),
        new("Flags", new SequenceValue([new ScalarValue("renal-dose-reduced"), new ScalarValue(3L), new ScalarValue(-0.0), new ScalarValue(1e20)])),
        new("Map", new DictionaryValue([new(new ScalarValue("k\"ey"), new ScalarValue(float.NaN)), new(new ScalarValue(7), new ScalarValue(double.PositiveInfinity))])),
        new("When", new ScalarValue(new DateTimeOffset(2026, 12, 4, 18, 30, 15, 123, TimeSpan.FromHours(1)))),
        new("Date", new ScalarValue(new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Unspecified))),
        new("Span", new ScalarValue(TimeSpan.FromMilliseconds(1500.25))),
        new("Guid", new ScalarValue(new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"))),
        new("Char", new ScalarValue('"')),
        new("Uri", new ScalarValue(new Uri("https://example.org/a?b=1&c=2"))),
        new("@Odd", new ScalarValue("a name that starts with @")),
        new("Name \"with\" quotes", new ScalarValue(0)),
        new("Untagged", new StructureValue([])),
        new("Nested", new SequenceValue([new SequenceValue([]), new StructureValue([new LogEventProperty("A", new SequenceValue([new ScalarValue(1)]))])])),
    ];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_level_with_and_without_an_exception_and_a_trace_is_written_exactly_as_Serilog_writes_it(string kind, string template)
    {
        var parsed = Parser.Parse(template);
        foreach (var level in Enum.GetValues<LogEventLevel>())
        {
            foreach (var exception in new[] { null, Thrown() })
            {
                foreach (var traced in new[] { false, true })
                {
                    var e = new LogEvent(
                        new DateTimeOffset(2026, 12, 4, 19, 13, 8, TimeSpan.FromHours(-5)).AddTicks(3_090_680), level, exception, parsed, Properties(),
                        traced ? ActivityTraceId.CreateRandom() : default, traced ? ActivitySpanId.CreateRandom() : default);

                    Assert.True(SerilogJson.Of(e) == Ours(e), $"{kind}, {level}, exception {exception is not null}, traced {traced}:\n{SerilogJson.Of(e)}\n{Ours(e)}");
                }
            }
        }
    }

    [Fact]
    public void The_dose_event_is_written_exactly_as_Serilog_writes_it_and_a_long_message_does_not_stay_in_the_buffer()
    {
        var result = new Baricitinib.Dosing.Engine.DosingCalculator().Calculate(
            Baricitinib.Dosing.Input.DosingRequestParser.ParseQuery("indication=rheumatoid-arthritis&ageYears=55&egfr=45", Baricitinib.Dosing.Input.InputMode.Api).Request).Result!;
        var dose = DoseCalculatedEvent.Create("api", result);
        var large = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Error, null, Parser.Parse("Large {Text}"),
            [new LogEventProperty("Text", new ScalarValue(new string('x', 40_000)))]);

        Assert.Equal(SerilogJson.Of(dose), Ours(dose));
        Assert.Equal(SerilogJson.Of(large), Ours(large));
        Assert.Equal(SerilogJson.Of(dose), Ours(dose));
    }
}
