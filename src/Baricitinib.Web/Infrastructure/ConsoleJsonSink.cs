using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Baricitinib.Web.Infrastructure;

/// <summary>
/// Writes each event, formatted by <paramref name="formatter"/> (one line of compact JSON), to standard output as UTF-8
/// bytes, synchronously, one write per event (nothing is queued, so nothing is lost when the process stops). The text
/// and the bytes are built in buffers kept per thread: Serilog's console sink made a new string builder, a string and
/// its encoding for every event, which was most of what an event allocated.
/// </summary>
internal sealed class ConsoleJsonSink(ITextFormatter formatter, Stream output) : ILogEventSink, IDisposable
{
    // A buffer that grew past this for one large event (an exception's stack trace) is not kept.
    private const int KeptChars = 16 * 1024;

    [ThreadStatic]
    private static Buffers? t_buffers;

    private readonly Lock _write = new();

    public void Emit(LogEvent logEvent)
    {
        var buffers = t_buffers ??= new Buffers();
        var text = buffers.Text.GetStringBuilder();
        text.Clear();
        formatter.Format(logEvent, buffers.Text);

        var length = text.Length;
        if (buffers.Chars.Length < length)
        {
            buffers.Chars = new char[Math.Max(length, buffers.Chars.Length * 2)];
        }

        text.CopyTo(0, buffers.Chars, 0, length);
        var byteCount = Encoding.UTF8.GetMaxByteCount(length);
        if (buffers.Bytes.Length < byteCount)
        {
            buffers.Bytes = new byte[Math.Max(byteCount, buffers.Bytes.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(buffers.Chars, 0, length, buffers.Bytes, 0);
        lock (_write)
        {
            output.Write(buffers.Bytes, 0, written);
            output.Flush();
        }

        if (length > KeptChars)
        {
            t_buffers = null;
        }
    }

    public void Dispose() => output.Flush();

    private sealed class Buffers
    {
        public StringWriter Text { get; } = new(new StringBuilder(1024), System.Globalization.CultureInfo.InvariantCulture);

        public char[] Chars { get; set; } = new char[1024];

        public byte[] Bytes { get; set; } = new byte[3 * 1024];
    }
}
