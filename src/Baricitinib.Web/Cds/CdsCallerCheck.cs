using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Baricitinib.Web.Cds;

/// <summary><c>CdsHooks:Security</c>: who may call the CDS Hooks service.</summary>
public sealed class CdsSecuritySettings
{
    /// <summary>EHRs (CDS clients) trusted to call, each with its JSON Web Key Set.</summary>
    public IList<CdsIssuer> Issuers { get; } = [];

    /// <summary>Signature algorithms accepted (default ES384 and RS384, as the specification recommends; never none or HS*).</summary>
    public IList<string> Algorithms { get; } = [];

    /// <summary>Browser origins allowed to call the service (CORS); none by default.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>In the Development environment only: accept calls without a JWT from this machine (loopback). Ignored in
    /// every other environment.</summary>
    public bool AllowUnsignedFromLoopback { get; set; }

    /// <summary>Longest accepted token lifetime, exp minus iat (default 300 s).</summary>
    public int MaxTokenLifetimeSeconds { get; set; } = 300;

    public IReadOnlyList<string> AlgorithmsOrDefault => Algorithms.Count > 0 ? [.. Algorithms] : [SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha384];
}

/// <summary>One trusted EHR: its <c>iss</c>, and its keys inline (<c>Jwks</c>, a JWK Set as JSON) or at <c>JwksUrl</c>.</summary>
public sealed class CdsIssuer
{
    public string Issuer { get; set; } = "";

    /// <summary>FHIR servers of this EHR that the service may query with the access token a call carries (https, by
    /// address prefix). None: missing prefetch is never fetched for this EHR.</summary>
    public IList<Uri> FhirServers { get; } = [];

    /// <summary>Where its JWK Set is published; a token's <c>jku</c> header must equal it (no other address is ever fetched).</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>The JWK Set itself, exchanged out of band.</summary>
    public string? Jwks { get; set; }
}

/// <summary>
/// Checks the EHR's JWT on every CDS Hooks call: typ JWT, an allow-listed algorithm, a kid, an allow-listed issuer with
/// its own keys, <c>aud</c> = the exact address called (built from <c>CdsHooks:PublicBaseUrl</c>, never from Host),
/// exp and iat with 60 s skew and at most the configured lifetime, and a jti not seen before — remembered in the
/// distributed cache (Redis when configured), so a replay to another instance is refused too (<see cref="ReplayGuard"/>). The token is never logged.
/// </summary>
public sealed partial class CdsCallerCheck(
    IOptionsMonitor<CdsSecuritySettings> settings,
    ReplayGuard replays,
    IHttpClientFactory http,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<CdsCallerCheck> logger)
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, (JsonWebKeySet Keys, DateTimeOffset Fetched)> _jwks = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The issuer of the call's verified token (null for an unsigned call accepted in Development).</summary>
    public static CdsIssuer? Caller(HttpContext context) => context?.Items[typeof(CdsIssuer)] as CdsIssuer;

    /// <summary>Null when the caller may proceed (its issuer then in <see cref="Caller"/>); otherwise why not (for a 401).</summary>
    public async Task<string?> CheckAsync(HttpContext context, Uri? audience)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = settings.CurrentValue;
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return environment.IsDevelopment() && current.AllowUnsignedFromLoopback && IsLoopback(context.Connection.RemoteIpAddress)
                ? null
                : "A JWT from a trusted CDS client is required (Authorization: Bearer …).";
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || audience is null) // the scheme is case-insensitive (RFC 9110)
        {
            return audience is null ? "This service's public address (CdsHooks:PublicBaseUrl) is not configured, so no token can be checked." : "Authorization must be a Bearer JWT.";
        }

        var token = header["Bearer ".Length..].Trim();
        var failure = await ValidateAsync(token, audience, current);
        if (failure is not null)
        {
            LogRejected(logger, failure);
        }
        else
        {
            var issuer = _handler.ReadJsonWebToken(token).Issuer; // valid: its issuer is one of the configured ones
            context.Items[typeof(CdsIssuer)] = current.Issuers.First(i => i.Issuer == issuer);
        }

        return failure;
    }

    private async Task<string?> ValidateAsync(string token, Uri audience, CdsSecuritySettings current)
    {
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return "The token is not a JWT.";
        }

        if (jwt.Typ is { Length: > 0 } typ && !string.Equals(typ, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return "The token's typ must be JWT.";
        }

        if (!current.AlgorithmsOrDefault.Contains(jwt.Alg))
        {
            return $"The algorithm {jwt.Alg} is not accepted ({string.Join(", ", current.AlgorithmsOrDefault)}).";
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return "The token has no kid.";
        }

        var issuer = current.Issuers.FirstOrDefault(i => i.Issuer == jwt.Issuer);
        if (issuer is null)
        {
            return "The token's issuer is not on this service's list of trusted CDS clients.";
        }

        if (jwt.TryGetHeaderValue<string>("jku", out var jku) && (issuer.JwksUrl is null || jku != issuer.JwksUrl.ToString()))
        {
            return "The token's jku is not the key set address configured for its issuer.";
        }

        var keys = await KeysAsync(issuer, jwt.Kid);
        if (keys is null)
        {
            return "The issuer's keys could not be loaded.";
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            ValidAudience = audience.ToString(),
            IssuerSigningKeys = keys.GetSigningKeys(),
            TryAllIssuerSigningKeys = false, // the kid names the key; a key under another kid is not tried
            ValidAlgorithms = current.AlgorithmsOrDefault,
            ValidTypes = ["JWT"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = Skew,
            LifetimeValidator = (_, expires, _, _) => expires is { } e && e.ToUniversalTime() + Skew > time.GetUtcNow().UtcDateTime,
        };
        var result = await _handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException => "The token has expired.",
                SecurityTokenInvalidAudienceException => "The token's aud is not this endpoint's address.",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify with its issuer's keys.",
                _ => "The token is not valid.",
            };
        }

        if (jwt.IssuedAt == DateTime.MinValue || (jwt.ValidTo - jwt.IssuedAt).TotalSeconds > current.MaxTokenLifetimeSeconds)
        {
            return $"The token must carry iat and live at most {current.MaxTokenLifetimeSeconds} s.";
        }

        // A token minted for later is not valid now: iat and nbf may be ahead of this clock by the skew at most.
        var latest = time.GetUtcNow().UtcDateTime + Skew;
        if (jwt.IssuedAt > latest || (jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom > latest))
        {
            return "The token's iat or nbf is in the future.";
        }

        if (string.IsNullOrEmpty(jwt.Id))
        {
            return "The token has no jti.";
        }

        // Replay: the jti is remembered until the token expires, across instances when the cache is Redis.
        var key = "cds-jti:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(jwt.Issuer + "\n" + jwt.Id)));
        return await replays.FirstUseAsync(key, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + Skew)
            ? null
            : "The token was already used (jti replayed).";
    }

    /// <summary>The issuer's keys: inline, or fetched from its configured address (cached; fetched again for an unknown
    /// kid at most once a minute).</summary>
    private async Task<JsonWebKeySet?> KeysAsync(CdsIssuer issuer, string kid)
    {
        if (!string.IsNullOrWhiteSpace(issuer.Jwks))
        {
            try
            {
                return new JsonWebKeySet(issuer.Jwks);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        if (issuer.JwksUrl is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_jwks.TryGetValue(issuer.Issuer, out var cached)
            && (cached.Keys.Keys.Any(k => k.Kid == kid) ? now - cached.Fetched < TimeSpan.FromHours(1) : now - cached.Fetched < TimeSpan.FromMinutes(1)))
        {
            return cached.Keys;
        }

        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var json = await http.CreateClient(nameof(CdsCallerCheck)).GetStringAsync(issuer.JwksUrl, cancel.Token);
            var keys = new JsonWebKeySet(json);
            _jwks[issuer.Issuer] = (keys, now);
            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ArgumentException)
        {
            return cached.Keys;
        }
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    [LoggerMessage(EventId = 1301, EventName = "CdsCallerRejected", Level = LogLevel.Information, Message = "CDS Hooks call rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
