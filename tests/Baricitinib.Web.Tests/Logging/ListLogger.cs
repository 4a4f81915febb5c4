using Microsoft.Extensions.Logging;

namespace Baricitinib.Web.Tests.Logging;

/// <summary>A logger that keeps each line's level and text, for tests of what a class logs through
/// Microsoft.Extensions.Logging.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Text)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add((logLevel, formatter(state, exception)));
}
