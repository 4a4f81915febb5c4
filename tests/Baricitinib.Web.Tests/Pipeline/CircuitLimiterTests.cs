using System.Net;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Baricitinib.Web.Tests.Pipeline;

/// <summary>Live circuits per client address are capped; beyond the cap a new circuit and a new page get 503.</summary>
public class CircuitLimiterTests
{
    private static DefaultHttpContext Request(string path, string address)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public async Task Beyond_the_cap_an_address_gets_503_for_a_new_circuit_and_a_new_page_while_another_address_is_served()
    {
        var open = new TaskCompletionSource();
        var limiter = new CircuitLimiter(_ => open.Task, Options.Create(new CircuitSettings { MaxPerClient = 2 }), NullLogger<CircuitLimiter>.Instance);

        var first = limiter.InvokeAsync(Request("/_blazor", "198.51.100.7"));
        var second = limiter.InvokeAsync(Request("/_blazor", "198.51.100.7"));
        Assert.Equal(2, limiter.OpenFrom("198.51.100.7"));

        var third = Request("/_blazor", "198.51.100.7");
        await limiter.InvokeAsync(third);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, third.Response.StatusCode);

        var page = Request("/", "198.51.100.7");
        await limiter.InvokeAsync(page);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, page.Response.StatusCode);
        page.Response.Body.Position = 0;
        Assert.Contains("server is busy", await new StreamReader(page.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);

        var other = Request("/_blazor", "198.51.100.8");
        var otherTask = limiter.InvokeAsync(other);
        Assert.Equal(1, limiter.OpenFrom("198.51.100.8"));

        open.SetResult();
        await Task.WhenAll(first, second, otherTask);
        Assert.Equal(0, limiter.OpenFrom("198.51.100.7"));
        var again = Request("/", "198.51.100.7");
        await limiter.InvokeAsync(again);
        Assert.Equal(StatusCodes.Status200OK, again.Response.StatusCode);
    }

    [Fact]
    public async Task Negotiation_and_static_files_are_not_counted()
    {
        var limiter = new CircuitLimiter(_ => Task.CompletedTask, Options.Create(new CircuitSettings { MaxPerClient = 1 }), NullLogger<CircuitLimiter>.Instance);
        foreach (var path in new[] { "/_blazor/negotiate", "/app.css", "/api/v1/sources" })
        {
            var context = Request(path, "198.51.100.9");
            await limiter.InvokeAsync(context);
            Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        }

        Assert.Equal(0, limiter.OpenFrom("198.51.100.9"));
    }
}
