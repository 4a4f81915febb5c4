using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Baricitinib.Web.Tests.Api;

/// <summary>Hostile input and faults: never a 500 from input, no clinical inputs in default-level logs.</summary>
public class HostileInputTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("５５")]
    [InlineData("٥٥")]
    [InlineData("५५")]
    public async Task Non_ASCII_digits_in_the_API_are_a_400_naming_the_field(string digits)
    {
        var response = await _client.GetAsync(new Uri($"/api/v1/dose?indication=rheumatoid-arthritis&egfr=45&ageYears={Uri.EscapeDataString(digits)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"ageYears\"", body, StringComparison.Ordinal);
        Assert.Contains("digits 0–9", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("５５")]
    [InlineData("٥٥")]
    [InlineData("५५")]
    public async Task Non_ASCII_digits_in_a_shared_link_show_the_page_with_a_message(string digits)
    {
        var response = await _client.GetAsync(new Uri($"/?indication=rheumatoid-arthritis&egfr=45&ageYears={Uri.EscapeDataString(digits)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"invalid\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{digits}\"", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF_8_in_a_JSON_body_is_a_400_on_the_body()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"indication\":\"rheumatoid-arthritis\",\"ageYears\":55,\"egfr\":45,\"sex\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        await AssertBodyError(bytes);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_JSON_body_is_a_400_on_the_body() =>
        await AssertBodyError(Encoding.UTF8.GetBytes("{\"indication\":\"\\ud800\",\"ageYears\":55,\"egfr\":45}"));

    [Fact]
    public async Task A_lone_surrogate_in_a_field_name_is_a_400_on_the_body() =>
        await AssertBodyError(Encoding.UTF8.GetBytes("{\"\\udc00\":1,\"ageYears\":55,\"egfr\":45}"));

    private async Task AssertBodyError(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _client.PostAsync(new Uri("/api/v1/dose", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"body\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dose_answers_are_never_stored_by_caches()
    {
        var ok = await _client.GetAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=45", UriKind.Relative));
        var bad = await _client.GetAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=x&egfr=45", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.All(new[] { ok, bad }, r => Assert.True(r.Headers.CacheControl?.NoStore, "Cache-Control: no-store expected"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sources")]
    [InlineData("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=45")]
    [InlineData("/api/v1/sources")]
    [InlineData("/healthz")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/app.css")]
    public async Task HEAD_answers_on_every_GET_route_with_headers_and_no_body(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative));
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Health_answers_only_GET_and_HEAD(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("/healthz", UriKind.Relative));
        var response = await _client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest, $"Got {response.StatusCode}");
        Assert.DoesNotContain("Healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_fails_while_rendering_answers_500_with_the_error_page_and_a_reference()
    {
        var response = await _client.GetAsync(new Uri("/test-page-failure", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("Reference", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internal detail", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_never_lists_a_server_from_the_Host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/openapi/v1.json", UriKind.Relative));
        request.Headers.Host = "evil.example";
        var json = await (await _client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", json, StringComparison.Ordinal);
    }
}

/// <summary>What needs the real server (Kestrel): a malformed chunk size.</summary>
public class KestrelHostileInputTests
{
    [Fact]
    public async Task A_malformed_chunk_size_is_a_400_not_a_500()
    {
        using var factory = new ApiFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.ClientOptions.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request = "POST /api/v1/dose HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);
    }
}

/// <summary>Not run beside other hosts, whose events could reach a static logger.</summary>
[CollectionDefinition(nameof(LoggingTests), DisableParallelization = true)]
public sealed class LoggingTestsDefinition;

/// <summary>Logs at the shipped level: no clinical input, one line and no stack trace for a 400.</summary>
[Collection(nameof(LoggingTests))]
public class LoggingTests
{
    private sealed class Capture : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Events)
            {
                Events.Add(logEvent);
            }
        }
    }

    private sealed class InformationFactory(Capture capture) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(capture));
        }
    }

    [Fact]
    public async Task At_Information_no_input_value_is_logged_and_a_400_has_no_stack_trace()
    {
        var capture = new Capture();
        using var factory = new InformationFactory(capture);
        var client = factory.CreateClient();
        var ok = await client.GetAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57.3&egfr=43.7&weightKg=81.9", UriKind.Relative));
        var bad = await client.GetAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57.3&egfr=oops", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        List<LogEvent> events;
        lock (capture.Events)
        {
            events = [.. capture.Events];
        }

        var calculated = Assert.Single(events, e => e.MessageTemplate.Text.StartsWith("DoseCalculated", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Information, calculated.Level);
        foreach (var e in events)
        {
            var text = e.RenderMessage(CultureInfo.InvariantCulture) + string.Join(" ", e.Properties.Select(p => p.Value.ToString()));
            Assert.DoesNotContain("57.3", text, StringComparison.Ordinal);
            Assert.DoesNotContain("43.7", text, StringComparison.Ordinal);
            Assert.DoesNotContain("81.9", text, StringComparison.Ordinal);
            Assert.DoesNotContain("oops", text, StringComparison.Ordinal);
            Assert.Null(e.Exception);
            Assert.True(e.Level < LogEventLevel.Error, $"Unexpected {e.Level}: {e.RenderMessage(CultureInfo.InvariantCulture)}");
        }
    }
}
