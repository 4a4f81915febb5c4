using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Baricitinib.Tests.Shared;
using Baricitinib.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Baricitinib.Web.Tests.Cds;

/// <summary>
/// The real app (Production) with the CDS Hooks service configured as a hospital would: its public address, two trusted
/// EHRs (one with a key made for the tests, one the specification's example with its published key) and one browser
/// origin.
/// </summary>
public class CdsFactory : ApiFactory
{
    public const string BaseUrl = "https://cds.test";
    public const string ServiceUrl = BaseUrl + "/cds-services/baricitinib-renal-dose";
    public const string Issuer = "https://ehr.test";
    public const string Origin = "https://ehr-ui.test";
    public const string SpecIssuer = "https://fhir-ehr.example.com/";
    public const string SandboxIssuer = "https://sandbox.cds-hooks.org";

    public string Environment { get; init; } = "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("CdsHooks:PublicBaseUrl", BaseUrl);
        // Matching orders get their info card here, so that every call's mapping can be compared with the API; the
        // shipped default (no card) is tested in VendorCallTests.
        builder.UseSetting("CdsHooks:ConfirmMatchingOrders", "true");
        builder.UseSetting("CdsHooks:Security:Issuers:0:Issuer", Issuer);
        builder.UseSetting("CdsHooks:Security:Issuers:0:Jwks", TestTokens.Jwks);
        builder.UseSetting("CdsHooks:Security:Issuers:0:JwksUrl", Issuer + "/.well-known/jwks.json");
        builder.UseSetting("CdsHooks:Security:Issuers:0:FhirServers:0", "https://ehr.test/fhir");
        if (CdsSamples.Missing is null)
        {
            // The specification's example issuer and the public sandbox, with their published key sets (conformance samples).
            builder.UseSetting("CdsHooks:Security:Issuers:1:Issuer", SpecIssuer);
            builder.UseSetting("CdsHooks:Security:Issuers:1:JwksUrl", "https://fhir-ehr.example.com/jwk_uri");
            builder.UseSetting("CdsHooks:Security:Issuers:1:Jwks", TestTokens.SpecJwks);
            builder.UseSetting("CdsHooks:Security:Issuers:2:Issuer", SandboxIssuer);
            builder.UseSetting("CdsHooks:Security:Issuers:2:JwksUrl", "https://sandbox.cds-hooks.org/.well-known/jwks.json");
            builder.UseSetting("CdsHooks:Security:Issuers:2:Jwks", CdsSamples.Text("sandbox-jwks.json"));
        }

        builder.UseSetting("CdsHooks:Security:AllowedOrigins:0", Origin);
        builder.UseSetting("CdsHooks:Security:AllowUnsignedFromLoopback", "true"); // honoured in Development only
    }
}

/// <summary>ES384 tokens signed with a key made at test time, and the specification's example key set.</summary>
public static class TestTokens
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly ECDsaSecurityKey SecurityKey = new(Key) { KeyId = "test-key-1" };

    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Jwks { get; } = JsonSerializer.Serialize(new
    {
        keys = new[] { JsonWebKeyConverter.ConvertFromECDsaSecurityKey(SecurityKey) }.Select(k => new { k.Kty, k.Crv, k.X, k.Y, k.Kid, use = "sig", alg = "ES384" }),
    }, CamelCase);

    /// <summary>The specification's example JWK Set (public key), from spec-jwt-example.txt.</summary>
    public static string SpecJwks => SpecJwksFromSample();

    /// <summary>The specification's complete example token (expired in 2015).</summary>
    public static string SpecToken => CdsSamples.Text("spec-jwt-example.txt").Split('\n')
        .Single(l => l.StartsWith("Authorization: Bearer ", StringComparison.Ordinal))["Authorization: Bearer ".Length..].Trim();

    public static string Create(string audience = CdsFactory.ServiceUrl, string issuer = CdsFactory.Issuer, string? jti = null,
        TimeSpan? lifetime = null, DateTime? issuedAt = null, string algorithm = SecurityAlgorithms.EcdsaSha384, string? jku = null, string kid = "test-key-1",
        ECDsa? key = null)
    {
        var issued = issuedAt ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + (lifetime ?? TimeSpan.FromMinutes(5)),
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString() },
            SigningCredentials = algorithm.StartsWith("HS", StringComparison.Ordinal)
                ? new SigningCredentials(new SymmetricSecurityKey(new byte[64]) { KeyId = kid }, algorithm)
                : new SigningCredentials(new ECDsaSecurityKey(key ?? Key) { KeyId = kid }, algorithm),
            AdditionalHeaderClaims = jku is null ? null : new Dictionary<string, object> { ["jku"] = jku },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string WithoutSignature()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part(new { alg = "none", typ = "JWT", kid = "test-key-1" }) + "." +
            Part(new { iss = CdsFactory.Issuer, aud = CdsFactory.ServiceUrl, iat = now, exp = now + 300, jti = Guid.NewGuid().ToString() }) + ".";
    }

    private static string SpecJwksFromSample()
    {
        var text = CdsSamples.Text("spec-jwt-example.txt");
        var start = text.IndexOf("{\n  \"keys\"", StringComparison.Ordinal);
        var end = text.IndexOf("\n}\n", start, StringComparison.Ordinal) + 2;
        return text[start..end];
    }
}
