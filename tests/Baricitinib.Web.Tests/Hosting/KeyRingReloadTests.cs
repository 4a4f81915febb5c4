using System.Xml.Linq;
using Baricitinib.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baricitinib.Web.Tests.Hosting;

/// <summary>The key ring is read again on a schedule, so a key another instance wrote becomes readable here.</summary>
public class KeyRingReloadTests
{
    /// <summary>A shared key store (Redis's role): every instance reads and writes the same list.</summary>
    private sealed class SharedRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];
        private int _reads;

        /// <summary>How many times the ring was read.</summary>
        public int Reads => Volatile.Read(ref _reads);

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            Interlocked.Increment(ref _reads);
            lock (_elements)
            {
                return [.. _elements.Select(e => new XElement(e))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(new XElement(element));
            }
        }

        public void Clear()
        {
            lock (_elements)
            {
                _elements.Clear();
            }
        }
    }

    private static IDataProtector Instance(SharedRepository repository, FakeTimeProvider time, TimeSpan reload)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddDataProtection().SetApplicationName(ScaleOut.ApplicationName)
            .AddKeyManagementOptions(o => o.XmlRepository = repository);
        KeyRingReload.Add(services, reload);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }

    [Fact]
    public async Task An_instance_reads_the_shared_ring_again_once_the_reload_interval_has_passed_and_not_before()
    {
        var repository = new SharedRepository();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reload = TimeSpan.FromMinutes(5);
        var protector = Instance(repository, time, reload);
        _ = protector.Protect("warm-up"); // loads (and creates) the ring
        var reads = repository.Reads;

        _ = protector.Protect("within the interval");
        time.Advance(reload - TimeSpan.FromSeconds(1));
        _ = protector.Protect("still within it");
        Assert.Equal(reads, repository.Reads);

        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 100 && repository.Reads == reads; i++)
        {
            _ = protector.Protect("after it"); // the framework may reload in the background, serving the old ring meanwhile
            await Task.Delay(50);
        }

        Assert.True(repository.Reads > reads, "the ring was not read again after the reload interval");
    }

    [Fact]
    public void After_the_shared_store_lost_its_keys_a_key_written_by_a_restarted_instance_is_read_by_the_other()
    {
        var repository = new SharedRepository();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = Instance(repository, time, TimeSpan.FromMinutes(5));
        _ = first.Protect("warm-up");

        repository.Clear(); // Redis restarted without persistence
        var cookie = Instance(repository, time, TimeSpan.FromMinutes(5)).Protect("antiforgery"); // a new key
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("antiforgery", first.Unprotect(cookie));
    }

    private sealed class FixedKeys : IKeyManager
    {
        public CancellationTokenSource Changed { get; set; } = new();

        public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => throw new NotSupportedException();

        public IReadOnlyCollection<IKey> GetAllKeys() => [];

        public CancellationToken GetCacheExpirationToken() => Changed.Token;

        public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => throw new NotSupportedException();

        public void RevokeKey(Guid keyId, string? reason = null) => throw new NotSupportedException();
    }

    [Fact]
    public void The_cache_token_expires_after_the_reload_interval_or_when_the_framework_token_does()
    {
        var time = new FakeTimeProvider();
        var inner = new FixedKeys();
        using var keys = new KeyRingReload(inner, TimeSpan.FromMinutes(5), time);

        var token = keys.GetCacheExpirationToken();
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.False(token.IsCancellationRequested);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(token.IsCancellationRequested);

        var next = keys.GetCacheExpirationToken();
        Assert.False(next.IsCancellationRequested);
        inner.Changed.Cancel(); // this instance created or revoked a key
        Assert.True(next.IsCancellationRequested);
        inner.Changed = new CancellationTokenSource();
        Assert.False(keys.GetCacheExpirationToken().IsCancellationRequested);
    }
}
