using Baricitinib.Web.Logging;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;

namespace Baricitinib.Web.Tests.Logging;

/// <summary>One logger per category, made once, and still writing through Serilog.</summary>
[Collection(nameof(LoggingTests))]
public partial class CachingLoggerFactoryTests
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "cached {Value}")]
    private static partial void Cached(ILogger logger, int value);

    private sealed class CapturingFactory(LogCapture capture) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(capture));
        }
    }

    [Fact]
    public void The_app_makes_each_category_s_logger_once_and_its_events_still_reach_serilog()
    {
        var capture = new LogCapture();
        using var app = new CapturingFactory(capture);
        var factory = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CachingLoggerFactory>(factory);
        Assert.Same(factory.CreateLogger("Baricitinib.Test"), factory.CreateLogger("Baricitinib.Test"));
        Assert.NotSame(factory.CreateLogger("Baricitinib.Test"), factory.CreateLogger("Baricitinib.Other"));

        Cached(app.Services.GetRequiredService<ILogger<CachingLoggerFactoryTests>>(), 42);

        var events = capture.Snapshot();
        var logged = Assert.Single(events, e => e.MessageTemplate.Text == "cached {Value}");
        Assert.Equal("42", logged.Properties["Value"].ToString());
        Assert.Equal($"\"{typeof(CachingLoggerFactoryTests).FullName}\"", logged.Properties["SourceContext"].ToString());
    }

    [Fact]
    public void A_wrapped_factory_is_asked_once_per_category_and_disposed_with_the_wrapper()
    {
        var inner = new CountingFactory();
        var factory = new CachingLoggerFactory(inner);

        factory.CreateLogger("a");
        factory.CreateLogger("a");
        factory.CreateLogger("b");
        factory.Dispose();

        Assert.Equal(2, inner.Created);
        Assert.True(inner.Disposed);
    }

    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created { get; private set; }

        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose() => Disposed = true;
    }
}
