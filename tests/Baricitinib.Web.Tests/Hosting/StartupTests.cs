using System.Net;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Baricitinib.Web.Tests.Logging;

namespace Baricitinib.Web.Tests.Hosting;

/// <summary>Bad settings stop the app with a message naming the key; readiness fails without static files.</summary>
public class StartupTests
{
    private sealed class SettingsFactory(string key, string value, params (string Key, string Value)[] more) : ApiFactory
    {
        public LogCapture Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
            foreach (var (k, v) in more)
            {
                builder.UseSetting(k, v);
            }

            builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Log));
        }
    }

    [Theory]
    [InlineData("http://ehr.example.org/jwks.json", false)]
    [InlineData("https://ehr.example.org/jwks.json", true)]
    [InlineData("http://127.0.0.1:9999/jwks.json", true)]
    public void A_JwksUrl_must_be_https_except_on_a_loopback_address(string url, bool starts)
    {
        using var factory = new SettingsFactory("CdsHooks:Security:Issuers:0:Issuer", "https://ehr.example.org", ("CdsHooks:Security:Issuers:0:JwksUrl", url));
        if (starts)
        {
            using var client = factory.CreateClient();
            return;
        }

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message)
            .Concat(factory.Log.Snapshot().SelectMany(e => Flatten(e.Exception).Select(x => x.Message))));
        Assert.Contains("a JwksUrl must be https", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void A_FhirServers_entry_must_be_https_except_on_a_loopback_address()
    {
        using var factory = new SettingsFactory("CdsHooks:Security:Issuers:0:Issuer", "https://ehr.example.org",
            ("CdsHooks:Security:Issuers:0:Jwks", "{\"keys\":[]}"), ("CdsHooks:Security:Issuers:0:FhirServers:0", "http://fhir.example.org/r4"));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message)
            .Concat(factory.Log.Snapshot().SelectMany(e => Flatten(e.Exception).Select(x => x.Message))));
        Assert.Contains("every FhirServers entry must be an absolute https address", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://ehr.example.org/calc")]
    [InlineData("https://ehr.example.org/calc/")]
    public void A_PublicBaseUrl_behind_a_path_prefix_is_accepted(string url)
    {
        using var factory = new SettingsFactory("CdsHooks:PublicBaseUrl", url);
        using var client = factory.CreateClient();
        Assert.NotNull(client);
    }

    [Theory]
    [InlineData("RateLimiting:PermitsPerMinute", "0")]
    [InlineData("RateLimiting:PermitsPerMinute", "-1")]
    [InlineData("RateLimiting:PermitsPerMinute", "many")]
    [InlineData("Circuits:MaxPerClient", "0")]
    [InlineData("Hsts:MaxAgeDays", "-5")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address")]
    [InlineData("Shutdown:DrainSeconds", "-1")]
    [InlineData("Shutdown:DrainSeconds", "301")]
    [InlineData("Redis:Configuration", "127.0.0.1:1,connectTimeout=300,connectRetry=0")]
    [InlineData("CdsHooks:PublicBaseUrl", "http://calc.example.org/")]
    [InlineData("CdsHooks:Security:AllowedOrigins:0", "https://ehr.example.org/app/")]
    [InlineData("CdsHooks:Security:AllowedOrigins:0", "ehr.example.org")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not-a-url")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "bogus")]
    [InlineData("Serilog:MinimumLevel:Default", "Loud")]
    [InlineData("AllowedHosts", "")]
    public void A_bad_setting_stops_the_app_with_a_message_naming_the_key(string key, string value)
    {
        using var factory = new SettingsFactory(key, value);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        // The message reaches the operator in the exception and in the log ("Hosting failed to start"). The test host
        // sometimes reports a start that failed as "Cannot access a disposed object" instead (WebApplicationFactory reads
        // the host's services after the failed start disposed them: dotnet/aspnetcore#33494), so the log counts too.
        var messages = string.Join(" | ", Flatten(error).Select(e => $"{e.GetType().Name}: {e.Message}")
            .Concat(factory.Log.Snapshot().SelectMany(e => Flatten(e.Exception).Select(x => $"logged {x.GetType().Name}: {x.Message}"))));
        var named = key.Contains(':', StringComparison.Ordinal) ? key.Split(':')[0] + ":" + key.Split(':')[1] : key;
        Assert.True(messages.Contains(named, StringComparison.Ordinal), messages + "\n" + error);
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException a)
            {
                foreach (var inner in a.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }

            if (x is OptionsValidationException o)
            {
                yield return new InvalidOperationException(string.Join(" ", o.Failures));
            }
        }
    }

    private sealed class NoStaticFilesFactory(string webRoot) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseWebRoot(webRoot);
        }
    }

    [Fact]
    public async Task Readiness_fails_and_names_the_files_when_static_files_are_missing_while_liveness_passes()
    {
        var empty = Directory.CreateTempSubdirectory("no-wwwroot-").FullName;
        try
        {
            using var factory = new NoStaticFilesFactory(empty);
            var client = factory.CreateClient();
            var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("app.css", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz/live", UriKind.Relative))).StatusCode);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task With_static_files_in_place_readiness_passes()
    {
        using var factory = new ApiFactory();
        var ready = await factory.CreateClient().GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
