using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Baricitinib.Web.LabelCurrency;

/// <summary><c>LabelWatch</c>: the watch of the US prescribing information's revisions on DailyMed.</summary>
public sealed class LabelWatchSettings
{
    /// <summary>Whether the watch runs (default true). Off: every document reports <c>not-watched</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often DailyMed is asked (default 24 hours; at least 1 minute).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>DailyMed's web services (default <c>https://dailymed.nlm.nih.gov/dailymed/services/v2</c>); https, or
    /// plain http on a loopback address (tests, a local mirror).</summary>
    public Uri DailyMedBaseUrl { get; set; } = new("https://dailymed.nlm.nih.gov/dailymed/services/v2");

    /// <summary>The longest one attempt may take, in seconds (default 10).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The largest answer read, in KiB (default 512; a history is a few KiB).</summary>
    public int MaxResponseKilobytes { get; set; } = 512;
}

/// <summary>
/// What is known about each watched document's revisions (DailyMed's <c>/spls/{setid}/history.json</c>), shared with
/// the other instances through the distributed cache so they agree: an instance adopts a result another instance
/// stored within the last interval instead of asking again. A failed check (no network, a bad answer) changes
/// nothing: the last result stays, or <c>unknown</c> when there is none, and one Information line says so. A newly
/// seen newer revision logs one Warning and counts <c>baricitinib.label.revisions</c>.
/// </summary>
public sealed partial class LabelWatch
{
    /// <summary>The name of the HttpClient that asks DailyMed.</summary>
    public const string HttpClientName = "dailymed";

    private static readonly JsonSerializerOptions CacheJson = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, DocumentCurrency> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _warned = new(StringComparer.Ordinal);
    private readonly SourceRegistry _registry;
    private readonly IOptionsMonitor<LabelWatchSettings> _settings;
    private readonly IHttpClientFactory _http;
    private readonly IDistributedCache _shared;
    private readonly TimeProvider _time;
    private readonly ILogger<LabelWatch> _logger;
    private readonly Counter<long> _revisions;
    private readonly Lock _gate = new();
    private bool _failing;

    public LabelWatch(SourceRegistry registry, IOptionsMonitor<LabelWatchSettings> settings, IHttpClientFactory http, IDistributedCache shared,
        TimeProvider time, IMeterFactory meters, ILogger<LabelWatch> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(meters);
        Watched = [.. registry.Sources.Select(s => s.Document).Where(d => d.Watch is not null).DistinctBy(d => d.Watch!.DailyMedSetId)];
        _registry = registry;
        _settings = settings;
        _http = http;
        _shared = shared;
        _time = time;
        _logger = logger;
        _revisions = meters.Create(Hosting.Telemetry.SourceName, RuleSet.Version).CreateCounter<long>("baricitinib.label.revisions",
            "{revision}", "Newer revisions of a watched label seen (each counted once): the rule set needs review");
    }

    /// <summary>The documents that are watched.</summary>
    public IReadOnlyList<SourceDocument> Watched { get; }

    /// <summary>What is known about <paramref name="document"/>'s revisions.</summary>
    public DocumentCurrency CurrencyOf(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Watch is not { } watch || !_settings.CurrentValue.Enabled ? DocumentCurrency.NotWatched
            : _known.TryGetValue(watch.DailyMedSetId, out var known) ? known
            : DocumentCurrency.Unknown(watch);
    }

    /// <summary>The document with its currency filled in.</summary>
    public SourceDocument WithCurrency(SourceDocument document) => document with { Currency = CurrencyOf(document) };

    /// <summary>Every source's document, by source id, with its currency (the API's <c>documents</c>).</summary>
    public IReadOnlyDictionary<string, SourceDocument> Documents() =>
        _registry.Sources.ToDictionary(s => s.Id, s => WithCurrency(s.Document), StringComparer.Ordinal);

    /// <summary>Every source with its document's currency filled in (<c>GET /api/v1/sources</c>).</summary>
    public IReadOnlyList<SourceInfo> Sources() => [.. _registry.Sources.Select(s => s with { Document = WithCurrency(s.Document) })];

    /// <summary>The line users read when the document of <paramref name="result"/>'s primary label has a newer
    /// revision than the rules were checked against; null otherwise (or without a result).</summary>
    public string? NewerNotice(DosingResult? result) =>
        result is not null && _registry.Find(result.Recommendation.Source)?.Document is { Watch: { } watch } document
            && CurrencyOf(document) is { Status: CurrencyStatus.NewerAvailable } currency
            ? watch.NewerNotice(currency)
            : null;

    /// <summary>The watched documents that have a newer revision.</summary>
    public IReadOnlyList<SourceDocument> Newer() => [.. Watched.Where(d => CurrencyOf(d).Status == CurrencyStatus.NewerAvailable)];

    /// <summary>Checks every watched document once: a fresh result from another instance, else DailyMed.</summary>
    public async Task CheckAsync(CancellationToken cancel)
    {
        foreach (var document in Watched)
        {
            await CheckAsync(document.Watch!, cancel);
        }
    }

    private async Task CheckAsync(DocumentWatch watch, CancellationToken cancel)
    {
        var settings = _settings.CurrentValue;
        var key = "label-currency:" + watch.DailyMedSetId;
        var shared = await ReadSharedAsync(key, cancel);
        if (shared?.LastChecked is { } at && _time.GetUtcNow() - at < settings.Interval)
        {
            Adopt(watch, shared);
            return;
        }

        DocumentCurrency found;
        try
        {
            var client = _http.CreateClient(HttpClientName);
            var address = new Uri(settings.DailyMedBaseUrl.AbsoluteUri.TrimEnd('/') + "/spls/" + Uri.EscapeDataString(watch.DailyMedSetId) + "/history.json");
            using var response = await client.GetAsync(address, cancel);
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync(cancel);
            found = DocumentCurrency.From(watch, DailyMedHistory.Parse(text), _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or JsonException or FormatException
            or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            || (ex is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            bool first;
            lock (_gate)
            {
                first = !_failing;
                _failing = true;
            }

            if (first)
            {
                var status = shared is null && !_known.ContainsKey(watch.DailyMedSetId) ? "unknown" : "unchanged";
                var reason = ex.GetType().Name;
                LogUnavailable(_logger, watch.Name, reason, status);
            }

            if (shared is not null)
            {
                Adopt(watch, shared); // another instance's older result is still better than nothing
            }

            return;
        }

        lock (_gate)
        {
            _failing = false;
        }

        Adopt(watch, found);
        await WriteSharedAsync(key, found, settings.Interval, cancel);
    }

    private void Adopt(DocumentWatch watch, DocumentCurrency currency)
    {
        _known[watch.DailyMedSetId] = currency;
        if (currency is not { Status: CurrencyStatus.NewerAvailable, LatestRevision: { } latest })
        {
            return;
        }

        lock (_gate)
        {
            if (_warned.TryGetValue(watch.DailyMedSetId, out var warned) && warned == latest)
            {
                return; // this revision was told already
            }

            _warned[watch.DailyMedSetId] = latest;
        }

        _revisions.Add(1, new KeyValuePair<string, object?>("document", watch.DailyMedSetId));
        LogNewer(_logger, watch.Name, latest, watch.CheckedText);
    }

    private async Task<DocumentCurrency?> ReadSharedAsync(string key, CancellationToken cancel)
    {
        try
        {
            return await _shared.GetAsync(key, cancel).WaitAsync(TimeSpan.FromSeconds(1), _time, cancel) is { } bytes
                ? JsonSerializer.Deserialize<DocumentCurrency>(bytes, CacheJson)
                : null;
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or JsonException)
        {
            return null; // the shared cache is down or holds something else: ask DailyMed
        }
    }

    private async Task WriteSharedAsync(string key, DocumentCurrency currency, TimeSpan interval, CancellationToken cancel)
    {
        try
        {
            await _shared.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(currency, CacheJson),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = interval * 2 }, cancel).WaitAsync(TimeSpan.FromSeconds(1), _time, cancel);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // the other instances will ask DailyMed themselves
        }
    }

    [LoggerMessage(EventId = 1501, EventName = "LabelWatchUnavailable", Level = LogLevel.Information,
        Message = "Label watch: the {Document} could not be checked on DailyMed ({Reason}); its status is {Status} until a check succeeds")]
    private static partial void LogUnavailable(ILogger logger, string document, string reason, string status);

    [LoggerMessage(EventId = 1502, EventName = "LabelRevised", Level = LogLevel.Warning,
        Message = "Label watch: the {Document} has a newer revision ({Latest}) than the one this rule set was checked against (rev. {Checked}): review the rules")]
    private static partial void LogNewer(ILogger logger, string document, string latest, string @checked);
}

/// <summary>Reads DailyMed's <c>/spls/{setid}/history.json</c>: <c>data.history[]</c> (or <c>data[]</c>) items with
/// <c>spl_version</c> (a number or a numeric string) and <c>published_date</c> ("Sep 26, 2012").</summary>
public static class DailyMedHistory
{
    private static readonly string[] DateFormats = ["MMM d, yyyy", "MMM dd, yyyy", "MMMM d, yyyy", "yyyy-MM-dd"];

    /// <summary>The revisions listed; throws <see cref="FormatException"/> or <see cref="JsonException"/> when the
    /// answer is not a history.</summary>
    public static IReadOnlyList<PublishedRevision> Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data))
        {
            throw new FormatException("The answer has no data.");
        }

        var items = data.ValueKind switch
        {
            JsonValueKind.Object when data.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array => history,
            JsonValueKind.Array => data,
            JsonValueKind.Object or JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                or JsonValueKind.Null or JsonValueKind.Undefined => throw new FormatException("The answer's data has no history list."),
        };
        var revisions = new List<PublishedRevision>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("spl_version", out var version) || !item.TryGetProperty("published_date", out var published))
            {
                throw new FormatException("A history entry lacks spl_version or published_date.");
            }

            var number = version.ValueKind switch
            {
                JsonValueKind.Number when version.TryGetInt32(out var n) => n,
                JsonValueKind.String when int.TryParse(version.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.True
                    or JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => throw new FormatException("spl_version is not a whole number."),
            };
            if (published.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(published.GetString()!.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException("published_date is not a date such as \"Sep 26, 2012\".");
            }

            revisions.Add(new PublishedRevision(number, date));
        }

        return revisions;
    }
}

/// <summary>Checks the watched labels at start and then every <c>LabelWatch:Interval</c>.</summary>
public sealed class LabelWatchService(LabelWatch watch, IOptionsMonitor<LabelWatchSettings> settings, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (settings.CurrentValue.Enabled)
            {
                await watch.CheckAsync(stoppingToken);
            }

            await Task.Delay(settings.CurrentValue.Interval, time, stoppingToken);
        }
    }
}

/// <summary>Health: <c>label-currency</c> is Degraded while a watched label has a newer revision than the rule set was
/// checked against (monitoring notices that the rules need review), never Unhealthy.</summary>
public sealed class LabelCurrencyCheck(LabelWatch watch) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var newer = watch.Newer();
        return Task.FromResult(newer.Count == 0
            ? HealthCheckResult.Healthy("No watched label is newer than the rule set.")
            : HealthCheckResult.Degraded(string.Join(" ", newer.Select(d => $"The {d.Watch!.Name} has a newer revision ({watch.CurrencyOf(d).LatestRevision}) than the one the rules were checked against (rev. {d.Watch.CheckedText}): review the rule set."))));
    }
}
