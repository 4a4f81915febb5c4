using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Web.Logging;
using Baricitinib.Web.Application;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Baricitinib.Web.Tests.Logging;

/// <summary>DoseCalculated written straight to Serilog (as the app does) is the same event as through
/// Microsoft.Extensions.Logging: template, level, event id, source context, every property and its value.</summary>
public class DoseCalculatedEventTests
{
    private static ParseResult Parse(string query) => DosingRequestParser.ParseQuery(query, InputMode.Api);

    private static LogEvent Written(string query, string channel, bool direct)
    {
        var capture = new LogCapture();
        using var serilog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(capture).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        var service = new DoseService(new DosingCalculator(), factory.CreateLogger<Calculations>(), serilog: direct ? serilog : null);
        service.Evaluate(Parse(query), channel);
        return Assert.Single(capture.Snapshot(), e => e.Level == LogEventLevel.Information);
    }

    private static SortedDictionary<string, string> Properties(LogEvent e) =>
        new(e.Properties.ToDictionary(p => p.Key, p => p.Value.ToString()), StringComparer.Ordinal);

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45", "api")] // a reduced dose, one flag
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=29.9", "page")] // not recommended: no dose
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=90", "api")] // full dose, no flag
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45&strongOat3Inhibitor=true&hepaticImpairment=moderate", "cds-hooks")] // several flags
    [InlineData("indication=alopecia-areata&ageYears=12&egfr=90&jurisdiction=eu", "api")] // not approved
    public void The_direct_event_is_the_same_as_the_one_through_Microsoft_Extensions_Logging(string query, string channel)
    {
        var bridged = Written(query, channel, direct: false);
        var direct = Written(query, channel, direct: true);

        Assert.Equal(bridged.MessageTemplate.Text, direct.MessageTemplate.Text);
        Assert.Equal(bridged.RenderMessage(CultureInfo.InvariantCulture), direct.RenderMessage(CultureInfo.InvariantCulture));
        Assert.Equal(Properties(bridged), Properties(direct));
        Assert.Equal("\"Baricitinib.Web.Logging.Calculations\"", Properties(direct)["SourceContext"]);
        Assert.Equal("{ Id: 1000, Name: \"DoseCalculated\" }", Properties(direct)["EventId"]);
    }

    [Fact]
    public void The_documented_override_of_the_calculations_category_turns_the_event_off()
    {
        var capture = new LogCapture();
        using var serilog = new LoggerConfiguration().MinimumLevel.Information()
            .MinimumLevel.Override("Baricitinib.Web.Logging.Calculations", LogEventLevel.Warning)
            .WriteTo.Sink(capture).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        var service = new DoseService(new DosingCalculator(), factory.CreateLogger<Calculations>(), serilog: serilog);

        var outcome = service.Evaluate(Parse("indication=rheumatoid-arthritis&ageYears=55&egfr=45"), "api");

        Assert.Equal(1, outcome.Result!.Recommendation.DoseMg);
        Assert.Empty(capture.Snapshot());
    }

    [Fact]
    public void The_event_carries_the_trace_of_the_calculation()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var request = new System.Diagnostics.Activity("request").Start();

        var direct = Written("indication=rheumatoid-arthritis&ageYears=55&egfr=45", "api", direct: true);

        Assert.Equal(request.TraceId, direct.TraceId);
        Assert.NotEqual(default, direct.SpanId);
    }
}
