using Serilog.Core;
using Serilog.Events;

namespace Baricitinib.Web.Tests.Logging;

/// <summary>A Serilog sink that keeps every event, for tests of what the app logs (register it as an ILogEventSink).</summary>
internal sealed class LogCapture : ILogEventSink
{
    public List<LogEvent> Events { get; } = [];

    public void Emit(LogEvent logEvent)
    {
        lock (Events)
        {
            Events.Add(logEvent);
        }
    }

    /// <summary>A copy of the events so far.</summary>
    public List<LogEvent> Snapshot()
    {
        lock (Events)
        {
            return [.. Events];
        }
    }
}
