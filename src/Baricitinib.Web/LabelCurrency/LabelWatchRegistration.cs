using Baricitinib.Web.Hosting;

namespace Baricitinib.Web.LabelCurrency;

/// <summary>Registration of the label watch: its settings (validated at start), the DailyMed client with a timeout, a
/// size limit and the standard resilience pipeline (retries with backoff, a circuit breaker, timeouts), the watch, the
/// hosted service that runs it and its health check.</summary>
public static class LabelWatchRegistration
{
    public static IServiceCollection AddLabelWatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LabelWatchSettings>().BindConfiguration("LabelWatch")
            .Validate(s => s.Interval >= TimeSpan.FromMinutes(1), "LabelWatch:Interval must be at least 00:01:00 (one minute).")
            .Validate(s => s.DailyMedBaseUrl.IsAbsoluteUri && (s.DailyMedBaseUrl.Scheme == Uri.UriSchemeHttps || (s.DailyMedBaseUrl.Scheme == Uri.UriSchemeHttp && s.DailyMedBaseUrl.IsLoopback)),
                "LabelWatch:DailyMedBaseUrl must be an absolute https address (plain http only on a loopback address).")
            .Validate(s => s.TimeoutSeconds is >= 1 and <= 120, "LabelWatch:TimeoutSeconds must be a whole number from 1 to 120.")
            .Validate(s => s.MaxResponseKilobytes is >= 1 and <= 65_536, "LabelWatch:MaxResponseKilobytes must be a whole number from 1 to 65536.")
            .ValidateOnStart();
        var settings = ServerSettings.Read<LabelWatchSettings>(configuration, "LabelWatch");
        var attempt = TimeSpan.FromSeconds(Math.Clamp(settings.TimeoutSeconds, 1, 120));
        services.AddHttpClient(LabelWatch.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeouts decide
            client.MaxResponseContentBufferSize = Math.Clamp(settings.MaxResponseKilobytes, 1, 65_536) * 1024L;
            client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            client.DefaultRequestHeaders.UserAgent.ParseAdd("baricitinib-calculator-label-watch");
        }).AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = attempt;
            resilience.Retry.MaxRetryAttempts = 2;
            resilience.Retry.Delay = TimeSpan.FromSeconds(1);
            resilience.TotalRequestTimeout.Timeout = attempt * 3 + TimeSpan.FromSeconds(5);
            resilience.CircuitBreaker.SamplingDuration = attempt * 2 + TimeSpan.FromSeconds(1);
        });
        services.AddSingleton<LabelWatch>();
        services.AddHostedService<LabelWatchService>();
        services.AddHealthChecks().AddCheck<LabelCurrencyCheck>(LabelCurrencyName, tags: [HealthTags.Ready, HealthTags.ExpectedState]);
        return services;
    }

    /// <summary>The health check's name.</summary>
    public const string LabelCurrencyName = "label-currency";
}
