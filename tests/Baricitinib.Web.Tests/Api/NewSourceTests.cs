using System.Net;
using System.Text.Json;
using Baricitinib.Dosing.Engine;
using Baricitinib.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Baricitinib.Web.Tests.Api;

/// <summary>
/// A new comparison source is one registration: the API, the page, <c>/sources</c> and health pick it up with no
/// other edit (docs/architecture.md, "How to add a source").
/// </summary>
public class NewSourceTests
{
    private sealed class WithExampleSource : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton(SourceRegistry.Default.With(new ExampleSource())));
        }
    }

    [Fact]
    public async Task A_registered_source_appears_in_the_API_the_page_the_sources_page_and_health()
    {
        using var factory = new WithExampleSource();
        var client = factory.CreateClient();

        var dose = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=45", UriKind.Relative))).RootElement;
        var row = dose.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == ExampleSource.Id);
        Assert.Equal("differs", row.GetProperty("agreement").GetString());
        Assert.Equal("2 mg once daily", row.GetProperty("recommendation").GetProperty("text").GetString());

        var sources = await client.GetStringAsync(new Uri("/api/v1/sources", UriKind.Relative));
        Assert.Contains("\"example.dose\"", sources, StringComparison.Ordinal);

        var page = await client.GetStringAsync(new Uri("/?indication=rheumatoid-arthritis&ageYears=55&egfr=45", UriKind.Relative));
        Assert.Contains($"data-source=\"{ExampleSource.Id}\"", page, StringComparison.Ordinal);

        var sourcesPage = await client.GetStringAsync(new Uri("/sources", UriKind.Relative));
        Assert.Contains($"id=\"{ExampleSource.Id}\"", sourcesPage, StringComparison.Ordinal);
        Assert.Contains("Example guideline", sourcesPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
    }
}
