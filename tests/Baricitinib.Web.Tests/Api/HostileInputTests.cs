using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Baricitinib.Web.Tests.Logging;
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

/// <summary>What needs the real server (Kestrel): a real TCP peer address, and a malformed chunk size.</summary>
public class KestrelHostileInputTests
{
    private sealed class ProxyFactory(string? proxy) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (proxy is not null)
            {
                builder.UseSetting("ForwardedHeaders:KnownProxies:0", proxy);
            }
        }
    }

    private static async Task<HttpStatusCode[]> TwoClientsBehind(string? proxy)
    {
        using var factory = new ProxyFactory(proxy) { PermitsPerMinute = 1 };
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = factory.ClientOptions.BaseAddress };
        var codes = new List<HttpStatusCode>();
        foreach (var forwardedFor in new[] { "203.0.113.1", "203.0.113.2" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/sources", UriKind.Relative));
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            codes.Add((await client.SendAsync(request)).StatusCode);
        }

        return [.. codes];
    }

    [Fact]
    public async Task Without_a_trusted_proxy_X_Forwarded_For_is_ignored_so_a_client_cannot_spoof_its_address() =>
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await TwoClientsBehind(null));

    [Fact]
    public async Task Behind_a_configured_proxy_two_forwarded_clients_get_separate_rate_limit_buckets() =>
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await TwoClientsBehind("127.0.0.1"));

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

    private sealed class InformationFactory(LogCapture capture) : ApiFactory
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
        var capture = new LogCapture();
        using var factory = new InformationFactory(capture);
        var client = factory.CreateClient();
        var ok = await client.GetAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57.3&egfr=43.7&weightKg=81.9", UriKind.Relative));
        var bad = await client.GetAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=57.3&egfr=oops", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var events = capture.Snapshot();

        var calculated = Assert.Single(events, e => e.MessageTemplate.Text.StartsWith("DoseCalculated", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Information, calculated.Level);
        Assert.Equal("{ Id: 1000, Name: \"DoseCalculated\" }", calculated.Properties["EventId"].ToString());
        Assert.Equal("\"Baricitinib.Web.Logging.Calculations\"", calculated.Properties["SourceContext"].ToString());
        Assert.Equal("\"api\"", calculated.Properties["Channel"].ToString());
        // Written straight to the host's Serilog logger (DoseCalculatedEvent), it still carries the request's id and
        // path (the request's scope), so that it can be matched with the request.
        Assert.True(calculated.Properties.ContainsKey("RequestId"));
        Assert.Equal("\"/api/v1/dose\"", calculated.Properties["RequestPath"].ToString());
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


/// <summary>An exception thrown by a component while the page renders.</summary>
public class PageRenderFailureTests
{
    private sealed class FailingActivator : Microsoft.AspNetCore.Components.IComponentActivator
    {
        public Microsoft.AspNetCore.Components.IComponent CreateInstance(Type componentType) =>
            componentType == typeof(Baricitinib.Web.Components.Pages.Sources)
                ? throw new InvalidOperationException("secret internal detail")
                : (Microsoft.AspNetCore.Components.IComponent)Activator.CreateInstance(componentType)!;
    }

    private sealed class FailingPageFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Components.IComponentActivator, FailingActivator>());
        }
    }

    [Fact]
    public async Task A_component_that_throws_while_rendering_gives_the_error_page_with_status_500_and_a_reference()
    {
        using var factory = new FailingPageFactory();
        var response = await factory.CreateClient().GetAsync(new Uri("/sources", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("Reference", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internal detail", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }
}
