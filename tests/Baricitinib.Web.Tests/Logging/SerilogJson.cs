using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Baricitinib.Web.Tests.Logging;

/// <summary>The oracle for the app's log lines: the text Serilog's rendered compact JSON formatter writes for an event.</summary>
internal static class SerilogJson
{
    public static string Of(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new RenderedCompactJsonFormatter().Format(logEvent, text);
        return text.ToString();
    }
}
