using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Baricitinib.Web.Logging;

/// <summary>
/// Text that came with a request (a path, a header, a reason) can hold line breaks and terminal escape codes; written
/// raw, a CR/LF forges a log line and ESC recolours a console. This enricher, ahead of every sink, writes every
/// control character in a text property as a visible escape (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\u001b</c>), so the
/// console and the JSON sink show the same safe text.
/// </summary>
public sealed class EscapeControlCharacters : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? replaced = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Escape(value) is { } safe)
            {
                (replaced ??= []).Add(new LogEventProperty(name, safe));
            }
        }

        foreach (var property in replaced ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with its text escaped, or null when nothing needs it.</summary>
    private static LogEventPropertyValue? Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when NeedsEscape(text) => new ScalarValue(Escape(text)),
        SequenceValue sequence when sequence.Elements.Any(e => Escape(e) is not null) =>
            new SequenceValue(sequence.Elements.Select(e => Escape(e) ?? e)),
        DictionaryValue dictionary when dictionary.Elements.Any(e => Escape(e.Key) is not null || Escape(e.Value) is not null) =>
            new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                (ScalarValue?)Escape(e.Key) ?? e.Key, Escape(e.Value) ?? e.Value))),
        StructureValue structure when structure.Properties.Any(p => Escape(p.Value) is not null) =>
            new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value) ?? p.Value)), structure.TypeTag),
        _ => null, // any other value (a number, a date, a text with nothing to escape) is written as it is
    };

    private static bool NeedsEscape(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every control character as a visible escape.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => escaped.Append("\\r"),
                '\n' => escaped.Append("\\n"),
                '\t' => escaped.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => escaped.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => escaped.Append(c), // any other character stays
            };
        }

        return escaped.ToString();
    }
}
