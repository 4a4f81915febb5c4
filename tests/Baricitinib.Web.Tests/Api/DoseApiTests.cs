using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Baricitinib.Web.Tests.Api;

/// <summary>Each endpoint of the API contract (docs/api.md) and each class of client error.</summary>
public class DoseApiTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    private static readonly string[] Severities = ["stop", "warning", "info"];
    private readonly HttpClient _client = factory.CreateClient();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await Body(response);
    }

    [Fact]
    public async Task POST_dose_returns_the_contract_result()
    {
        var response = await _client.PostAsync("/api/v1/dose", Json("""{"indication":"rheumatoid-arthritis","ageYears":55,"egfr":45}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("2026.12.1", body.GetProperty("ruleSetVersion").GetString());
        Assert.Equal("us", body.GetProperty("jurisdiction").GetString());
        var recommendation = body.GetProperty("recommendation");
        Assert.Equal("dose", recommendation.GetProperty("status").GetString());
        Assert.Equal(1, recommendation.GetProperty("doseMg").GetInt32());
        Assert.Equal("once-daily", recommendation.GetProperty("frequency").GetString());
        Assert.Equal("fda-pi", recommendation.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, recommendation.GetProperty("duration").ValueKind);
        Assert.Equal("30 to <60", body.GetProperty("kidneyFunction").GetProperty("band").GetString());
        var eu = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "eu-smpc");
        Assert.Equal("differs", eu.GetProperty("agreement").GetString());
        Assert.Equal("egfr", eu.GetProperty("measureUsed").GetString());
    }

    [Fact]
    public async Task Each_Cockcroft_Gault_estimate_names_its_weight_and_other_estimates_have_a_null_weight()
    {
        var body = await Body(await _client.GetAsync("/api/v1/dose?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=female&weightKg=80&heightCm=165&serumCreatinine=1.1&cockcroftGaultWeight=ideal"));
        var estimates = body.GetProperty("kidneyFunction").GetProperty("estimates").EnumerateArray().ToList();
        Assert.Equal(["actual", "ideal", "adjusted"],
            estimates.Where(e => e.GetProperty("method").GetString() == "cockcroft-gault").Select(e => e.GetProperty("weight").GetString()));
        Assert.All(estimates.Where(e => e.GetProperty("method").GetString() != "cockcroft-gault"),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("weight").ValueKind));
        Assert.Equal(2, body.GetProperty("recommendation").GetProperty("doseMg").GetInt32());
        Assert.Contains(body.GetProperty("flags").EnumerateArray(), f => f.GetProperty("code").GetString() == "cg-weight-decides");
    }

    [Fact]
    public async Task GET_dose_with_the_same_names_gives_the_same_answer_as_POST()
    {
        var get = await (await _client.GetAsync("/api/v1/dose?indication=covid-19&ageYears=8.9&egfr=29.9&strongOat3Inhibitor=true")).Content.ReadAsStringAsync();
        var post = await (await _client.PostAsync("/api/v1/dose", Json("""{"indication":"covid-19","ageYears":8.9,"egfr":29.9,"strongOat3Inhibitor":true}"""))).Content.ReadAsStringAsync();
        Assert.Equal(post, get);
        Assert.Contains("\"status\":\"not-recommended\"", get, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GET_sources_lists_every_source_with_rules_citations_and_verified_marks()
    {
        var body = await Body(await _client.GetAsync("/api/v1/sources"));
        var sources = body.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["fda-pi", "fda-eua-pediatric-covid", "eu-smpc", "seed-article-calculator", "seed-article-text", "seed-monograph"],
            sources.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("Fact sheet; revision not confirmed", sources[1].GetProperty("documentDate").GetString());
        var unverified = sources[1].GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "eua.2.renal.15");
        Assert.False(unverified.GetProperty("verified").GetBoolean());
        Assert.All(sources.SelectMany(s => s.GetProperty("rules").EnumerateArray()), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("citation").GetString())));
        var matrix = body.GetProperty("matrix").EnumerateArray().ToList();
        Assert.NotEmpty(matrix);
        Assert.All(matrix, row => Assert.Equal(6, row.GetProperty("cells").GetArrayLength()));
    }

    [Fact]
    public async Task The_OpenAPI_document_names_the_endpoints_enumeration_values_and_an_example()
    {
        var text = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/dose\"", text, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/sources\"", text, StringComparison.Ordinal);
        Assert.Contains("\"covid-19\"", text, StringComparison.Ordinal);
        Assert.Contains("\"umol/L\"", text, StringComparison.Ordinal);
        Assert.Contains("\"example\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_citation_provenance_and_the_source_document()
    {
        var schemas = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("components").GetProperty("schemas");
        var rule = schemas.GetProperty("Rule").GetProperty("properties");
        Assert.Contains("What users read", rule.GetProperty("citation").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("internal evidence trail", rule.GetProperty("provenance").GetProperty("description").GetString(), StringComparison.Ordinal);
        var document = schemas.GetProperty("SourceDocument").GetProperty("properties");
        foreach (var field in new[] { "title", "issuer", "identifier", "revision", "url", "kind" })
        {
            Assert.True(document.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task The_sources_API_gives_each_source_its_document_and_each_rule_its_citation_and_provenance()
    {
        var body = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/sources")).RootElement;
        var pi = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fda-pi");
        Assert.Equal("regulatory-label", pi.GetProperty("document").GetProperty("kind").GetString());
        Assert.StartsWith("https://dailymed.nlm.nih.gov/", pi.GetProperty("document").GetProperty("url").GetString(), StringComparison.Ordinal);
        var rule = pi.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "fda-pi.ra.renal.30");
        Assert.Equal("US PI (rev. 06/2026) §2.5, §8.6", rule.GetProperty("citation").GetString());
        Assert.Contains("clinical-sources 1.3", rule.GetProperty("provenance").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dose_API_carries_no_provenance_and_no_internal_reference()
    {
        var text = await _client.GetStringAsync("/api/v1/dose?indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true");
        Assert.DoesNotContain("provenance", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"clinical-sources|decisions\.md|\.txt\b|\b[SEMA][0-9]{1,2}[a-z]?\b", text);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_query_parameter_of_GET_dose()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;
        var parameters = document.GetProperty("paths").GetProperty("/api/v1/dose").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        Assert.Equal(Baricitinib.Dosing.Input.Fields.All.Select(f => f.Name).Order(), parameters.Keys.Order());
        Assert.Equal("query", parameters["egfr"].GetProperty("in").GetString());
        Assert.True(parameters["indication"].GetProperty("required").GetBoolean());
        Assert.Contains(parameters["creatinineUnit"].GetProperty("schema").GetProperty("enum").EnumerateArray(), v => v.GetString() == "umol/L");
    }

    [Fact]
    public async Task Health_answers_200_with_a_short_JSON_body()
    {
        var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await Body(response)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{", "body")]
    [InlineData("""{"indication":"rheumatoid-arthritis","ageYears":"55","egfr":45}""", "ageYears")]
    [InlineData("""{"indication":"rheumatoid-arthritis","ageYears":55,"egrf":45}""", "egrf")]
    [InlineData("""{"indication":"rheumatoid-arthritis","ageYears":55}""", "egfr")]
    [InlineData("""{"indication":"rheumatoid-arthritis","ageYears":55,"egfr":1e400}""", "egfr")]
    [InlineData("""{"indication":"Rheumatoid-Arthritis","ageYears":55,"egfr":45}""", "indication")]
    [InlineData("""{"indication":"rheumatoid-arthritis","ageYears":55,"egfr":45,"pregnant":"yes"}""", "pregnant")]
    public async Task A_bad_body_gives_400_problem_details_naming_the_field(string body, string field)
    {
        var problem = await Problem(await _client.PostAsync("/api/v1/dose", Json(body)), HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    public async Task A_body_that_cannot_be_read_gives_only_the_body_error(string body)
    {
        var problem = await Problem(await _client.PostAsync("/api/v1/dose", Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(["body"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45&egrf=45", "egrf")]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45&egfr=90", "egfr")]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45,5", "egfr")]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=300", "egfr")]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&serumCreatinine=106", "serumCreatinine")]
    public async Task A_bad_query_gives_400_problem_details_naming_the_parameter(string query, string field)
    {
        var problem = await Problem(await _client.GetAsync("/api/v1/dose?" + query), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_range_message_says_what_is_allowed()
    {
        var problem = await Problem(await _client.GetAsync("/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=300"), HttpStatusCode.BadRequest);
        Assert.Equal("eGFR must be between 0 and 250 mL/min/1.73 m².", problem.GetProperty("errors").GetProperty("egfr")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_page_shows_the_not_found_page_with_404()
    {
        var response = await _client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no page here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_API_path_gives_404_problem_details() =>
        await Problem(await _client.GetAsync("/api/v1/no-such-endpoint"), HttpStatusCode.NotFound);

    [Fact]
    public async Task A_wrong_content_type_gives_415()
    {
        var response = await _client.PostAsync("/api/v1/dose", new StringContent("indication=covid-19", Encoding.UTF8, "text/plain"));
        await Problem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_16_KiB_gives_413()
    {
        var padding = new string(' ', 17 * 1024);
        var response = await _client.PostAsync("/api/v1/dose", Json("{" + padding + "}"));
        await Problem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_over_16_KiB_without_a_length_gives_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{" + new string(' ', 17 * 1024) + "}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dose") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await Problem(await _client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_unexpected_server_error_gives_problem_details_without_a_stack_trace()
    {
        var response = await _client.GetAsync("/api/v1/test-failure");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret internal detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("at ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/dose?indication=covid-19&ageYears=60&egfr=45")]
    [InlineData("/?indication=covid-19&ageYears=60&egfr=45")]
    [InlineData("/sources")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _client.GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_page_has_no_inline_script_for_the_policy_to_block()
    {
        var html = await _client.GetStringAsync("/?indication=covid-19&ageYears=60&egfr=45");
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
    }

    [Fact]
    public async Task HSTS_is_sent_outside_Development_over_HTTPS()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dosing.example") });
        var response = await client.GetAsync("/healthz");
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Over_HTTPS_the_antiforgery_cookie_is_Secure()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dosing.example"), HandleCookies = false });
        var response = await client.GetAsync("/");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.Contains("Antiforgery", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Results_are_JSON_with_kebab_case_enumerations()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/v1/dose?indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true");
        var codes = result.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("oat3-consider-stopping-inhibitor", codes);
        Assert.Contains("oat3-renal-combination-unclear", codes);
        Assert.All(result.GetProperty("flags").EnumerateArray(), f => Assert.Contains(f.GetProperty("severity").GetString(), Severities));
    }
}

/// <summary>API JSON is compressed for clients that accept it; pages (with antiforgery tokens) never are.</summary>
public class CompressionTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task API_JSON_is_compressed_when_the_client_accepts_it_and_decompresses_to_the_same_answer(string encoding)
    {
        var client = factory.CreateClient();
        const string Address = "/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=45";
        var plain = await client.GetAsync(new Uri(Address, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, Address);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var compressed = await client.SendAsync(request);
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length * 2 < plainBytes.Length, $"{bytes.Length} B compressed, {plainBytes.Length} B plain");
        await using var decoder = encoding == "br"
            ? (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        var text = await reader.ReadToEndAsync();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(plainBytes), text);
    }

    [Fact]
    public async Task Pages_are_never_compressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var page = await factory.CreateClient().SendAsync(request);
        Assert.Empty(page.Content.Headers.ContentEncoding);
    }
}

/// <summary>
/// The API writes its answers through source-generated JSON contracts (<c>ApiJsonContext</c>). Each answer must be byte
/// for byte what the reflection serializer writes with the app's HTTP JSON options, so the generated contracts cannot
/// drift from the types: every indication, both labels, each kind of kidney input, and the sources document.
/// </summary>
public class GeneratedJsonTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    // The app's own HTTP JSON options with reflection in place of the generated contracts.
    private readonly JsonSerializerOptions _reflection = new(factory.Services
        .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    [Theory]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45")]
    [InlineData("indication=rheumatoid-arthritis&ageYears=55&egfr=45&jurisdiction=eu")]
    [InlineData("indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true")]
    [InlineData("indication=covid-19&ageYears=9&egfr=25")]
    [InlineData("indication=covid-19&ageYears=70&serumCreatinine=1.3&sex=female&weightKg=60")]
    [InlineData("indication=juvenile-idiopathic-arthritis&ageYears=8&weightKg=25&egfr=80&jurisdiction=eu&absoluteLymphocyteCount=400")]
    [InlineData("indication=atopic-dermatitis&ageYears=30&egfr=10&jurisdiction=eu&hepaticImpairment=severe")]
    public async Task An_answer_is_written_as_the_reflection_serializer_writes_it(string query)
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/api/v1/dose?" + query, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value.ToString()));
        var parsed = Baricitinib.Dosing.Input.DosingRequestParser.Parse(fields, Baricitinib.Dosing.Input.InputMode.Api);
        var result = factory.Services.GetRequiredService<Baricitinib.Dosing.Engine.DosingCalculator>().Calculate(parsed.Request).Result!;
        result = result with { Documents = factory.Services.GetRequiredService<Baricitinib.Web.LabelCurrency.LabelWatch>().Documents() };
        Assert.Equal(JsonSerializer.Serialize(result, _reflection), text);
    }

    [Fact]
    public async Task The_sources_document_is_written_as_the_reflection_serializer_writes_it()
    {
        var client = factory.CreateClient();
        var text = await client.GetStringAsync(new Uri("/api/v1/sources", UriKind.Relative));
        var document = Baricitinib.Web.Api.SourcesDocument.Of(factory.Services.GetRequiredService<Baricitinib.Dosing.Engine.SourceRegistry>(),
            factory.Services.GetRequiredService<Baricitinib.Web.LabelCurrency.LabelWatch>());
        Assert.Equal(JsonSerializer.Serialize(document, _reflection), text);
    }
}
