using System.Collections.Concurrent;

namespace Baricitinib.Web.Logging;

/// <summary>
/// One logger per category, made once, as Microsoft.Extensions.Logging's own factory does. Serilog's factory makes a
/// new logger (with its own event-id cache) each time one is asked for, and every live page's services ask for
/// several: about 4 KB of server memory per page, for loggers that are all alike.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

/// <summary>Registration of <see cref="CachingLoggerFactory"/>.</summary>
internal static class CachingLoggerFactoryRegistration
{
    /// <summary>Wraps the logger factory registered last (Serilog's) in a <see cref="CachingLoggerFactory"/>.</summary>
    public static IServiceCollection CacheLoggers(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No logger factory is registered to cache.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
            { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
            _ => throw new InvalidOperationException("The logger factory's registration cannot be wrapped."),
        }));
        return services;
    }
}
