using System.Text;
using System.Text.Json;
using Baricitinib.Web.Infrastructure;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Baricitinib.Web.Tests.Infrastructure;

/// <summary>The console sink: each event is the formatter's line, as UTF-8, in one write, whole under concurrency.</summary>
public class ConsoleJsonSinkTests
{
    private static readonly MessageTemplateParser Parser = new();

    private static LogEvent Event(string template, params (string Name, object? Value)[] properties) => new(
        new DateTimeOffset(2026, 12, 4, 18, 30, 0, TimeSpan.Zero), LogEventLevel.Warning, exception: null, Parser.Parse(template),
        properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }

    [Fact]
    public void Each_event_is_the_formatter_s_line_as_utf8_in_one_write()
    {
        using var output = new CountingStream();
        using var sink = new ConsoleJsonSink(new RenderedCompactJsonFormatter(), output);
        var first = Event("Band {Band} for {Value} µmol/L", ("Band", "≥60"), ("Value", 88.4));
        var second = Event("Plain {Text}", ("Text", "quote \" and \\ and \u0001"));

        sink.Emit(first);
        sink.Emit(second);

        Assert.Equal(2, output.Writes);
        Assert.Equal(SerilogJson.Of(first) + SerilogJson.Of(second), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void A_very_large_event_is_written_whole_and_the_next_small_one_is_still_right()
    {
        using var output = new MemoryStream();
        using var sink = new ConsoleJsonSink(new RenderedCompactJsonFormatter(), output);
        var large = Event("Large {Text}", ("Text", new string('é', 40_000)));
        var small = Event("Small {Number}", ("Number", 7));

        sink.Emit(large);
        sink.Emit(small);

        Assert.Equal(SerilogJson.Of(large) + SerilogJson.Of(small), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Events_from_many_threads_are_whole_lines_of_json()
    {
        using var output = new MemoryStream();
        using var sink = new ConsoleJsonSink(new RenderedCompactJsonFormatter(), output);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                sink.Emit(Event("Event {Thread} {Index} {Padding}", ("Thread", thread), ("Index", i), ("Padding", new string('x', i % 300))));
            }
        })));

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4000, lines.Length);
        var seen = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("Thread").GetInt32(), json.RootElement.GetProperty("Index").GetInt32());
        }).ToHashSet();
        Assert.Equal(4000, seen.Count);
    }
}
