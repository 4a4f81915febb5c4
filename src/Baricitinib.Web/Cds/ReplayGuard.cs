using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Baricitinib.Web.Cds;

/// <summary>
/// Remembers the token ids (jti) already used, until each token expires: in the distributed cache (Redis in a
/// cluster, so a replay to another instance is refused too) and always in this instance's memory. While the
/// distributed cache does not answer, the memory alone decides: one Warning when that starts, one Information line
/// when the shared cache answers again. A check never waits more than <see cref="Bound"/> for the cache.
/// </summary>
public sealed partial class ReplayGuard(IDistributedCache shared, TimeProvider time, ILogger<ReplayGuard> logger)
{
    /// <summary>The longest one cache call is waited for.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _local = new(StringComparer.Ordinal);
    private int _sharedDown;

    /// <summary>Whether the shared cache failed on the last call (the memory alone decides meanwhile).</summary>
    public bool SharedDown => Volatile.Read(ref _sharedDown) == 1;

    /// <summary>True the first time a key is seen (it is then remembered until <paramref name="expires"/>); false for a replay.</summary>
    public async Task<bool> FirstUseAsync(string key, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        Forget(now);
        if (_local.TryGetValue(key, out var until) && until > now)
        {
            return false;
        }

        _local[key] = expires;
        try
        {
            if (await shared.GetAsync(key).WaitAsync(Bound, time) is not null)
            {
                return false;
            }

            await shared.SetAsync(key, [1], new DistributedCacheEntryOptions { AbsoluteExpiration = expires }).WaitAsync(Bound, time);
            if (Interlocked.Exchange(ref _sharedDown, 0) == 1)
            {
                LogSharedBack(logger);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref _sharedDown, 1) == 0)
            {
                LogSharedDown(logger, ex.GetType().Name);
            }
        }

        return true;
    }

    private void Forget(DateTimeOffset now)
    {
        if (_local.Count < 1024)
        {
            return;
        }

        foreach (var (key, until) in _local)
        {
            if (until <= now)
            {
                _local.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(EventId = 1301, EventName = "ReplayCacheLocal", Level = LogLevel.Warning,
        Message = "The shared cache does not answer ({Reason}): CDS Hooks token replays are checked in this instance's memory only until it does")]
    private static partial void LogSharedDown(ILogger logger, string reason);

    [LoggerMessage(EventId = 1302, EventName = "ReplayCacheShared", Level = LogLevel.Information,
        Message = "The shared cache answers again: CDS Hooks token replays are checked across instances")]
    private static partial void LogSharedBack(ILogger logger);
}
