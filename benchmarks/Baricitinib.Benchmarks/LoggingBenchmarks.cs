using BenchmarkDotNet.Attributes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Web.Logging;
using Baricitinib.Web.Application;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Baricitinib.Benchmarks;

/// <summary>The one <c>DoseCalculated</c> event per calculation, inside a request-like scope: through
/// Microsoft.Extensions.Logging (the bridge) and straight to Serilog, each formatted as Serilog's console sink does into
/// a writer that discards the text; the same with the app's escaping enricher in front (what the app does: Serilog's
/// rendered compact JSON formatter and console sink); and made and enriched with no sink at all.</summary>
[MemoryDiagnoser]
public class LoggingBenchmarks : IDisposable
{
    private readonly Serilog.Core.Logger _serilog = new LoggerConfiguration().MinimumLevel.Information().Enrich.FromLogContext()
        .WriteTo.Sink(new DiscardingJsonSink()).CreateLogger();

    private readonly Serilog.Core.Logger _appSink = new LoggerConfiguration().MinimumLevel.Information().Enrich.FromLogContext()
        .Enrich.With<EscapeControlCharacters>().WriteTo.Sink(new DiscardingJsonSink()).CreateLogger();

    private readonly Serilog.Core.Logger _noSink = new LoggerConfiguration().MinimumLevel.Information().Enrich.FromLogContext()
        .WriteTo.Sink(new NoSink()).CreateLogger();

    private readonly SerilogLoggerFactory _factory;
    private readonly Microsoft.Extensions.Logging.ILogger _scopes;
    private readonly DoseService _bridged;
    private readonly DoseService _direct;
    private readonly DoseService _app;
    private readonly DoseService _unwritten;
    private readonly ParseResult _parsed = DosingRequestParser.ParseQuery("indication=rheumatoid-arthritis&ageYears=55&egfr=45", InputMode.Api);
    private readonly DoseOutcome _outcome;
    private readonly KeyValuePair<string, object?>[] _requestScope = [new("RequestId", "0HN8:00000001"), new("RequestPath", "/api/v1/dose")];

    public LoggingBenchmarks()
    {
        _factory = new SerilogLoggerFactory(_serilog);
        _scopes = _factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
        var calculator = new DosingCalculator();
        _bridged = new DoseService(calculator, _factory.CreateLogger<Calculations>());
        _direct = new DoseService(calculator, _factory.CreateLogger<Calculations>(), serilog: _serilog);
        _app = new DoseService(calculator, _factory.CreateLogger<Calculations>(), serilog: _appSink);
        _unwritten = new DoseService(calculator, _factory.CreateLogger<Calculations>(), serilog: _noSink);
        _outcome = new DoseOutcome(calculator.Calculate(_parsed.Request).Result!, []);
    }

    [Benchmark(Baseline = true)]
    public void DoseCalculated_through_the_logging_bridge()
    {
        Log(_bridged);
    }

    [Benchmark]
    public void DoseCalculated_straight_to_Serilog()
    {
        Log(_direct);
    }

    [Benchmark]
    public void DoseCalculated_as_the_app_writes_it_with_Serilog_s_formatter_and_sink()
    {
        Log(_app);
    }

    [Benchmark]
    public void DoseCalculated_made_and_enriched_with_no_sink()
    {
        Log(_unwritten);
    }

    // One calculation's event inside a request-like scope, as the API logs it.
    private void Log(DoseService service)
    {
        using var scope = _scopes.BeginScope(_requestScope);
        service.Settled("api", _parsed, _outcome);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _serilog.Dispose();
        _appSink.Dispose();
        _noSink.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Formats each event as the console sink does (the compact JSON text of one event, then one write), into a
/// writer that discards it.</summary>
internal sealed class DiscardingJsonSink : Serilog.Core.ILogEventSink
{
    private readonly RenderedCompactJsonFormatter _formatter = new();

    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, text);
        TextWriter.Null.Write(text.ToString());
    }
}

/// <summary>Takes each event and does nothing with it.</summary>
internal sealed class NoSink : Serilog.Core.ILogEventSink
{
    public void Emit(Serilog.Events.LogEvent logEvent)
    {
    }
}
