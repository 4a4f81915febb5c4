using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Baricitinib.Tests.Shared;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.Web.Tests.Cds;

/// <summary>
/// The CDS Hooks endpoints of the real app, called as an EHR would: every sample of shared/reference/cds-hooks through
/// them, the response validator on every answer, the callers' JWTs, CORS and the HTTP errors.
/// </summary>
public class CdsHooksEndpointTests : IClassFixture<CdsFactory>
{
    private readonly CdsFactory _factory;

    public CdsHooksEndpointTests(CdsFactory factory) => _factory = factory;

    internal static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient client, string path, string json, string? token = "fresh")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "fresh" ? TestTokens.Create(CdsFactory.BaseUrl + path) : token);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A sample hook context inside the envelope of the specification's service-request example.</summary>
    internal static JsonObject Envelope(string hook, string contextFile)
    {
        var call = CdsSamples.Json("spec-service-request-patient-view.json").AsObject();
        call["hook"] = hook;
        call["context"] = CdsSamples.Json(contextFile)["context"]!.DeepClone();
        return call;
    }

    [ConformanceTheory]
    [InlineData("order-sign", "hook-order-sign-context-r4.json")]
    [InlineData("order-select", "hook-order-select-context-r4.json")]
    public async Task The_specifications_hook_examples_without_baricitinib_get_no_cards(string hook, string file)
    {
        var (status, body) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose", Envelope(hook, file).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"cards":[]}""", body!.ToJsonString());
        Assert.Empty(CdsResponseValidator.Response(body));
    }

    [ConformanceFact]
    public async Task The_specifications_patient_view_request_is_refused_with_a_problem_naming_the_hook()
    {
        var (status, body) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose", CdsSamples.Text("spec-service-request-patient-view.json"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("patient-view", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task The_specifications_draft_orders_example_without_a_patient_id_is_a_400()
    {
        var (status, body) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose",
            Envelope("order-sign", "spec-context-draftorders-medicationrequest.json").ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("patientId", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task The_specifications_prefetch_example_with_a_baricitinib_order_and_no_kidney_keys_is_a_412()
    {
        var call = Envelope("order-sign", "hook-order-sign-context-r4.json");
        var order = call["context"]!["draftOrders"]!["entry"]![1]!["resource"]!;
        order["medicationCodeableConcept"]!["coding"]![0]!["code"] = "2047232";
        call["prefetch"] = CdsSamples.Json("spec-prefetch-data.json")["prefetch"]!.DeepClone();
        call.Remove("fhirAuthorization"); // no FHIR access: what prefetch lacks cannot be had
        call.Remove("fhirServer");
        var (status, body) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose", call.ToJsonString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Contains("kidney function", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [ConformanceTheory]
    [InlineData("spec-feedback-accepted.json", HttpStatusCode.OK)]
    [InlineData("spec-feedback-overridden-with-reason.json", HttpStatusCode.OK)]
    [InlineData("spec-feedback-overridden-no-reason.jsonc", HttpStatusCode.BadRequest)] // a // comment: not JSON
    public async Task The_specifications_feedback_examples_are_accepted_and_the_commented_one_is_a_400_not_a_500(string file, HttpStatusCode expected)
    {
        var (status, _) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose/feedback", CdsSamples.Text(file));
        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Discovery_answers_a_signed_call_with_both_hooks_and_passes_the_validator()
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(CdsFactory.BaseUrl + "/cds-services"));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(CdsResponseValidator.Discovery(body));
        Assert.Equal(["order-sign", "order-select"], body!["services"]!.AsArray().Select(s => s!["hook"]!.GetValue<string>()));
    }

    [ConformanceTheory]
    [InlineData("spec-response-cards.json")]
    [InlineData("spec-response-empty.json")]
    public void The_validator_accepts_the_specifications_valid_example_responses(string file) =>
        Assert.Empty(CdsResponseValidator.Response(CdsSamples.Json(file)));

    [ConformanceFact]
    public void The_validator_accepts_the_specifications_discovery_example() =>
        Assert.Empty(CdsResponseValidator.Discovery(CdsSamples.Json("spec-discovery-response.json")));

    [ConformanceTheory]
    [InlineData("spec-response-systemactions.json", "systemActions[0].description is REQUIRED (a non-empty string)")]
    [InlineData("spec-response-autolaunchable.json", "cards[0].indicator is REQUIRED (a non-empty string)")]
    public void The_validator_names_what_two_of_the_specifications_examples_leave_out(string file, string problem) =>
        // Both omit a field the specification's own tables mark REQUIRED (the examples are abridged); the validator
        // follows the tables, so it reports exactly that and nothing else.
        Assert.Equal([problem], CdsResponseValidator.Response(CdsSamples.Json(file)));

    [ConformanceFact]
    public async Task The_specifications_example_token_is_refused_as_expired()
    {
        var (status, body) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose",
            Envelope("order-sign", "hook-order-sign-context-r4.json").ToJsonString(), TestTokens.SpecToken);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("The token has expired.", body!["detail"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "none", "The algorithm none is not accepted (ES384, RS384)." },
        { "garbage", "The token is not a JWT." },
        { "other-key", "The token's signature does not verify with its issuer's keys." },
        { "no-token", "A JWT from a trusted CDS client is required (Authorization: Bearer …)." },
        { "wrong-audience", "The token's aud is not this endpoint's address." },
        { "HS256", "The algorithm HS256 is not accepted (ES384, RS384)." },
        { "unknown-kid", "The token's signature does not verify with its issuer's keys." },
        { "unknown-issuer", "The token's issuer is not on this service's list of trusted CDS clients." },
        { "foreign-jku", "The token's jku is not the key set address configured for its issuer." },
        { "expired", "The token has expired." },
        { "long-lived", "The token must carry iat and live at most 300 s." },
        { "ES256", "The algorithm ES256 is not accepted (ES384, RS384)." },
        { "iat-next-year", "The token's iat or nbf is in the future." },
        { "nbf-in-an-hour", "The token's iat or nbf is in the future." },
    };

    /// <summary>The public sandbox's key set (a conformance sample) is trusted; a token under its kid signed by anyone else is not.</summary>
    [ConformanceFact]
    public async Task A_token_under_the_sandboxs_kid_signed_by_anyone_else_is_refused()
    {
        var (status, body) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose", OrderSign(baricitinib: false).ToJsonString(),
            TestTokens.Create(audience: CdsFactory.BaseUrl + "/cds-services/baricitinib-renal-dose", issuer: CdsFactory.SandboxIssuer, kid: "44823f3d-0b01-4a6c-a80e-b9d3e8a7226f"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("The token's signature does not verify with its issuer's keys.", body!["detail"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_call_with_a_bad_token_is_refused_with_401_and_says_why(string kind, string reason)
    {
        var token = kind switch
        {
            "none" => TestTokens.WithoutSignature(),
            "no-token" => null,
            "garbage" => "not.a.jwt",
            "other-key" => TestTokens.Create(key: System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384)),
            "wrong-audience" => TestTokens.Create(audience: CdsFactory.BaseUrl + "/cds-services/another-service"),
            "HS256" => TestTokens.Create(algorithm: "HS256"),
            "unknown-kid" => TestTokens.Create(kid: "other-key"),
            "unknown-issuer" => TestTokens.Create(issuer: "https://stranger.test"),
            "foreign-jku" => TestTokens.Create(jku: "https://attacker.test/jwks.json"),
            "expired" => TestTokens.Create(issuedAt: DateTime.UtcNow.AddMinutes(-10)),
            "long-lived" => TestTokens.Create(lifetime: TimeSpan.FromHours(1)),
            "ES256" => TestTokens.Create(algorithm: "ES256"),
            // Minted for later: valid (exp in the future, a 5-minute lifetime) only once its time comes; refused now.
            "iat-next-year" => TestTokens.Create(issuedAt: DateTime.UtcNow.AddYears(1)),
            "nbf-in-an-hour" => TestTokens.Create(issuedAt: DateTime.UtcNow.AddHours(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/baricitinib-renal-dose")
        {
            Content = new StringContent(OrderSign(baricitinib: false).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(reason, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task The_Bearer_scheme_is_matched_without_regard_to_case(string scheme)
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {TestTokens.Create(CdsFactory.BaseUrl + "/cds-services")}");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_the_issuers_own_jku_is_accepted_and_its_replay_is_refused()
    {
        var client = _factory.CreateClient();
        var token = TestTokens.Create(jku: CdsFactory.Issuer + "/.well-known/jwks.json");
        var body = OrderSign(baricitinib: false).ToJsonString();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/cds-services/baricitinib-renal-dose", body, token)).Status);
        var (status, problem) = await PostAsync(client, "/cds-services/baricitinib-renal-dose", body, token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("The token was already used (jti replayed).", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_for_the_discovery_address_is_not_accepted_by_the_service()
    {
        var (status, _) = await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose",
            OrderSign(baricitinib: false).ToJsonString(), TestTokens.Create(CdsFactory.BaseUrl + "/cds-services"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Unsigned_calls_are_refused_outside_Development_even_with_the_setting_and_accepted_from_loopback_in_Development()
    {
        var body = OrderSign(baricitinib: false).ToJsonString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(_factory.CreateClient(), "/cds-services/baricitinib-renal-dose", body, token: null)).Status);

        // A real socket, so the caller's address is 127.0.0.1 (the in-memory test server has none, and is refused).
        using var development = new CdsFactory { Environment = "Development" };
        development.UseKestrel(0);
        development.StartServer();
        using var client = new HttpClient { BaseAddress = development.ClientOptions.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/cds-services/baricitinib-renal-dose", body, token: null)).Status);
    }

    [Fact]
    public async Task CORS_answers_the_configured_origin_only_and_never_allows_credentials()
    {
        var client = _factory.CreateClient();
        async Task<HttpResponseMessage> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/cds-services/baricitinib-renal-dose");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await client.SendAsync(request);
        }

        var allowed = await Preflight(CdsFactory.Origin);
        Assert.Equal(CdsFactory.Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));
        var stranger = await Preflight("https://evil.test");
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
        var api = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/sources") { Headers = { { "Origin", CdsFactory.Origin } } });
        Assert.False(api.Headers.Contains("Access-Control-Allow-Origin")); // CORS is for the CDS Hooks endpoints only
    }

    [Fact]
    public async Task Malformed_JSON_a_wrong_media_type_and_a_body_over_1_MiB_get_400_415_and_413()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, "/cds-services/baricitinib-renal-dose", "{\"hook\": ")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, "/cds-services/baricitinib-renal-dose", "[1,2]")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge,
            (await PostAsync(client, "/cds-services/baricitinib-renal-dose", "{\"x\":\"" + new string('a', 1024 * 1024) + "\"}")).Status);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/baricitinib-renal-dose") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.SendAsync(request)).StatusCode);
    }

    [ConformanceFact]
    public void The_prefetch_templates_use_only_the_specifications_restricted_query_syntax()
    {
        // The specification's example writes "sort:desc=date", which is not FHIR; ours use _sort=-date and _count, a
        // token search by system|code, and the context.patientId token its examples use.
        var tokens = System.Text.RegularExpressions.Regex.Matches(CdsSamples.Text("spec-prefetch-templates.json"), "{{[^}]+}}").Select(m => m.Value).ToHashSet();
        foreach (var (key, template) in Baricitinib.CdsHooks.CdsHooksService.Discovery(new Baricitinib.CdsHooks.CdsHooksOptions()).Services[0].Prefetch)
        {
            Assert.Matches(@"^(Patient/\{\{context\.patientId\}\}|Observation\?patient=\{\{context\.patientId\}\}&code=(http://loinc\.org\|[0-9]+-[0-9],)*http://loinc\.org\|[0-9]+-[0-9]&_sort=-date&_count=1|MedicationRequest\?patient=\{\{context\.patientId\}\}&status=active|Condition\?patient=\{\{context\.patientId\}\}&clinical-status=active)$", template);
            Assert.All(System.Text.RegularExpressions.Regex.Matches(template, "{{[^}]+}}"), m => Assert.Contains(m.Value, tokens));
            Assert.False(string.IsNullOrEmpty(key));
        }
    }

    [ConformanceFact]
    public void Every_sample_file_is_used_by_a_test()
    {
        // A new sample in shared/reference/cds-hooks must get a test here (or in Baricitinib.CdsHooks.Tests).
        string[] used =
        [
            "fhir-r4-observation-f204-creatinine-local-code.json", "fhir-r4-observation-f205-egfr-mdrd.json",
            "hook-order-select-context-r4.json", "hook-order-sign-context-r4.json", "sandbox-jwks.json",
            "spec-context-draftorders-medicationrequest.json", "spec-discovery-response.json", "spec-feedback-accepted.json",
            "spec-feedback-overridden-no-reason.jsonc", "spec-feedback-overridden-with-reason.json", "spec-jwt-example.txt",
            "spec-prefetch-data.json", "spec-prefetch-templates.json", "spec-response-autolaunchable.json", "spec-response-cards.json",
            "spec-response-empty.json", "spec-response-systemactions.json", "spec-service-request-patient-view.json",
            "uscore-observation-height.json", "uscore-observation-serum-creatinine.json", "uscore-observation-weight.json",
            "uscore-patient-example-no-gender.json",
        ];
        Assert.Equal(used.Order(StringComparer.Ordinal), CdsSamples.All().Order(StringComparer.Ordinal));
    }
}
