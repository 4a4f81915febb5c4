using System.Net;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Logging;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Events;
using Baricitinib.Web.Tests.Logging;

namespace Baricitinib.Web.Tests.Hosting;

/// <summary>What an operator reads: no Error line anyone can cause, one line per readiness change, request text
/// escaped, every address setting checked at start.</summary>
public class OperationsTests
{
    private sealed class LoggedFactory : ApiFactory
    {
        public LogCapture Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Log));
        }
    }

    [Fact]
    public async Task Asking_for_the_error_page_directly_is_a_404_and_logs_no_error()
    {
        using var factory = new LoggedFactory();
        var response = await factory.CreateClient().GetAsync("/Error");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("not found", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Something went wrong", page, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Log.Snapshot(), e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task Readiness_probes_during_shutdown_log_at_Information_and_no_error()
    {
        using var factory = new LoggedFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        var before = factory.Log.Snapshot().Count;
        factory.Services.GetRequiredService<DrainState>().Begin();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        }

        var events = factory.Log.Snapshot()[before..];
        Assert.DoesNotContain(events, e => e.Level >= LogEventLevel.Warning);
        Assert.Equal(3, events.Count(e => e.Level == LogEventLevel.Information && e.Properties.TryGetValue("StatusCode", out var status) && status.ToString() == "503"));
        Assert.Single(events, e => e.MessageTemplate.Text.StartsWith("Readiness check", StringComparison.Ordinal) && e.Level == LogEventLevel.Information);
    }

    private static Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport Report(string check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status) =>
        new(new Dictionary<string, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReportEntry>
        {
            // Tagged as the app registers it: draining is an expected state.
            [check] = new(status, check + " says " + status, TimeSpan.Zero, null, null,
                check == DrainCheck.Name ? [HealthTags.Ready, HealthTags.ExpectedState] : [HealthTags.Ready]),
        }, TimeSpan.Zero);

    [Fact]
    public void A_readiness_check_is_logged_once_per_change_of_status_at_the_level_the_change_deserves()
    {
        var log = new ListLogger<HealthTransitions>();
        var transitions = new HealthTransitions(log);
        var healthy = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
        var degraded = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded;
        var unhealthy = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy;

        foreach (var (check, status) in new[] { ("redis", healthy), ("redis", degraded), ("redis", degraded), ("redis", degraded), ("redis", healthy), ("static-files", unhealthy), ("static-files", unhealthy), (DrainCheck.Name, unhealthy), (DrainCheck.Name, unhealthy) })
        {
            transitions.Observe(Report(check, status));
        }

        Assert.Equal(
            [Microsoft.Extensions.Logging.LogLevel.Warning, Microsoft.Extensions.Logging.LogLevel.Information, Microsoft.Extensions.Logging.LogLevel.Error, Microsoft.Extensions.Logging.LogLevel.Information],
            log.Lines.Select(l => l.Level));
        Assert.Contains("redis", log.Lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("shutdown", log.Lines[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_break_or_escape_code_in_a_request_path_is_logged_escaped_and_forges_no_line()
    {
        using var factory = new LoggedFactory();
        await factory.CreateClient().GetAsync("/api/v1/nothing%0d%0a[12:00:00 INF] forged%1b[31m");
        var logged = factory.Log.Snapshot().SelectMany(e => e.Properties.Values).Select(v => v.ToString()).ToList();
        Assert.Contains(logged, v => v.Contains("nothing\\r\\n[12:00:00 INF] forged\\u001b[31m", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, v => v.Contains('\n', StringComparison.Ordinal) || v.Contains('\u001b', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\u001b[31mred", "\\u001b[31mred")]
    [InlineData("line\u2028separator", "line\\u2028separator")]
    [InlineData("plain text, é and ü stay", "plain text, é and ü stay")]
    public void Control_characters_are_written_as_visible_escapes(string text, string escaped) =>
        Assert.Equal(escaped, EscapeControlCharacters.Escape(text));

    [Fact]
    public async Task The_page_has_an_icon_so_browsers_ask_for_no_missing_favicon()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var page = await client.GetStringAsync("/");
        var icon = System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"icon\"[^>]* href=\"([^\"]+\\.svg)\"");
        Assert.True(icon.Success, "no <link rel=\"icon\"> on the page");
        var response = await client.GetAsync(icon.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Refusal(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var error = Assert.Throws<OptionsValidationException>(() => StartChecks.Check(configuration));
        return string.Join(" ", error.Failures);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "/v1/traces")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")]
    [InlineData("Serilog:MinimumLevel:Default", "Loud")]
    [InlineData("Serilog:MinimumLevel", "Chatty")]
    [InlineData("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Quiet")]
    [InlineData("AllowedHosts", "")]
    [InlineData("AllowedHosts", " ; ")]
    public void A_setting_a_library_reads_is_refused_at_start_naming_the_key_and_the_value(string key, string value)
    {
        var message = Refusal((key, value));
        Assert.Contains(key, message, StringComparison.Ordinal);
        if (value.Trim(' ', ';').Length > 0)
        {
            Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector.example.org/otlp")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]
    [InlineData("Serilog:MinimumLevel:Default", "warning")]
    [InlineData("AllowedHosts", "calc.example.org;calc.internal")]
    [InlineData("AllowedHosts", "*")]
    public void A_good_value_passes_the_start_checks(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        StartChecks.Check(configuration);
    }

    [Fact]
    public void Hosted_by_another_program_a_refusal_is_left_to_that_program()
    {
        // The test host is the process here: the exception reaches WebApplicationFactory instead of becoming a line.
        Assert.Null(StartChecks.Refusal(new OptionsValidationException("x", typeof(object), ["RateLimiting:PermitsPerMinute must be …"])));
    }
}
