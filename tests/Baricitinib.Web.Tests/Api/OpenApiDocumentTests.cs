using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Baricitinib.Web.Tests.Api;

/// <summary>
/// The OpenAPI document is the API: every answer the API gives, whatever its status, validates against the document's
/// own schema for that operation and status (JSON Schema 2020-12); operationIds are unique; and the document is kept
/// as an approved file, so that any change to it is seen in review.
/// </summary>
public class OpenApiDocumentTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    private static readonly string ApprovedPath = Path.Combine(AppContext.BaseDirectory, "Api", "openapi.approved.json");

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!.AsObject();

    [Fact]
    public async Task Every_operationId_is_unique_and_HEAD_is_left_out()
    {
        var document = await DocumentAsync();
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).ToList();
        Assert.DoesNotContain(operations, o => o.Key == "head");
        var ids = operations.Select(o => o.Value!["operationId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_document_matches_the_approved_file()
    {
        var received = (await DocumentAsync()).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var source = Path.Combine(SourceFolder(), "openapi.approved.json");
        var approved = File.Exists(ApprovedPath) ? await File.ReadAllTextAsync(ApprovedPath) : "";
        if (Normalise(approved) != Normalise(received))
        {
            await File.WriteAllTextAsync(Path.Combine(SourceFolder(), "openapi.received.json"), received);
            Assert.Fail($"The OpenAPI document changed. Review {Path.Combine(SourceFolder(), "openapi.received.json")} and copy it to {source} if the change is intended.");
        }

        static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    [Fact]
    public async Task The_request_schema_is_as_strict_as_the_API_and_no_stricter()
    {
        var request = (await DocumentAsync())["components"]!["schemas"]!["DosingRequest"]!;
        Assert.Equal(["indication", "ageYears"], request["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(request["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(0.5, request["properties"]!["weightKg"]!["minimum"]!.GetValue<double>());
        Assert.Equal(400, request["properties"]!["weightKg"]!["maximum"]!.GetValue<double>());
        var schema = Schema(await DocumentAsync(), request.DeepClone());
        Assert.True(Valid(schema, """{"indication":"rheumatoid-arthritis","ageYears":55,"egfr":45,"pregnant":null,"sex":null}"""));
        Assert.False(Valid(schema, """{"indication":"rheumatoid-arthritis","ageYears":"55","egfr":45}"""));
        Assert.False(Valid(schema, """{"indication":"rheumatoid-arthritis","ageYears":55,"egrf":45}"""));
        Assert.False(Valid(schema, """{"ageYears":55,"egfr":45}"""));
        Assert.False(Valid(schema, """{"indication":"rheumatoid-arthritis","ageYears":121}"""));
    }

    /// <summary>Real requests for every status the API answers, each with its method and path.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, string? Body, string ContentType)> Requests()
    {
        string[] indications = ["rheumatoid-arthritis", "alopecia-areata", "covid-19", "atopic-dermatitis", "juvenile-idiopathic-arthritis"];
        foreach (var indication in indications)
        {
            foreach (var jurisdiction in new[] { "us", "eu" })
            {
                yield return (HttpMethod.Get, $"/api/v1/dose?indication={indication}&jurisdiction={jurisdiction}&ageYears=55&egfr=45&weightKg=70", null, "");
                yield return (HttpMethod.Get, $"/api/v1/dose?indication={indication}&jurisdiction={jurisdiction}&ageYears=8&heightCm=125&weightKg=24&serumCreatinine=0.6", null, "");
                yield return (HttpMethod.Post, "/api/v1/dose",
                    $$"""{"indication":"{{indication}}","jurisdiction":"{{jurisdiction}}","ageYears":70,"sex":"female","weightKg":80,"heightCm":165,"serumCreatinine":1.1,"strongOat3Inhibitor":true,"hepaticImpairment":"severe","absoluteLymphocyteCount":450,"pregnant":null}""",
                    "application/json");
            }
        }

        yield return (HttpMethod.Get, "/api/v1/dose?indication=covid-19&ageYears=60&dialysisOrAki=true", null, "");
        yield return (HttpMethod.Get, "/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=45&absoluteLymphocyteCount=450", null, "");
        yield return (HttpMethod.Get, "/api/v1/dose?indication=atopic-dermatitis&jurisdiction=eu&ageYears=3&weightKg=9.9&egfr=90", null, "");
        yield return (HttpMethod.Get, "/api/v1/sources", null, "");
        // 400: a bad number, an unknown field, a missing required field, malformed JSON.
        yield return (HttpMethod.Get, "/api/v1/dose?indication=rheumatoid-arthritis&ageYears=abc&egfr=45", null, "");
        yield return (HttpMethod.Get, "/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egrf=45", null, "");
        yield return (HttpMethod.Post, "/api/v1/dose", """{"ageYears":55,"egfr":45}""", "application/json");
        yield return (HttpMethod.Post, "/api/v1/dose", """{"indication":""", "application/json");
        // 413 and 415.
        yield return (HttpMethod.Post, "/api/v1/dose", "{\"indication\":\"" + new string('x', 70_000) + "\"}", "application/json");
        yield return (HttpMethod.Post, "/api/v1/dose", "indication=rheumatoid-arthritis", "text/plain");
    }

    [Fact]
    public async Task Every_answer_of_the_API_validates_against_the_document_for_its_operation_and_status()
    {
        var document = await DocumentAsync();
        var client = factory.CreateClient();
        var statuses = new HashSet<int>();
        var failures = new List<string>();
        foreach (var (method, path, body, contentType) in Requests())
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType);
            }

            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            var problem = await CheckAsync(document, method, path, response);
            if (problem is not null)
            {
                failures.Add($"{method} {path[..Math.Min(path.Length, 120)]} → {(int)response.StatusCode}: {problem}");
            }
        }

        // 429, from a factory that allows one request a minute.
        using var limited = new ApiFactory { PermitsPerMinute = 1 };
        var limitedClient = limited.CreateClient();
        foreach (var path in new[] { "/api/v1/sources", "/api/v1/sources", "/api/v1/dose?indication=rheumatoid-arthritis&ageYears=55&egfr=45" })
        {
            using var response = await limitedClient.GetAsync(new Uri(path, UriKind.Relative));
            statuses.Add((int)response.StatusCode);
            if (await CheckAsync(document, HttpMethod.Get, path, response) is { } problem)
            {
                failures.Add($"GET {path} → {(int)response.StatusCode}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Superset(new HashSet<int> { 200, 400, 413, 415, 429 }, statuses);
    }

    /// <summary>Null when the answer is what the document says for its operation and status; otherwise what is not.</summary>
    private static async Task<string?> CheckAsync(JsonObject document, HttpMethod method, string path, HttpResponseMessage response)
    {
        var route = path.Split('?')[0];
        var operation = document["paths"]?[route]?[method.Method.ToLowerInvariant()];
        if (operation is null)
        {
            return "the document has no such operation";
        }

        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var declared = operation["responses"]?[status];
        if (declared is null)
        {
            return $"status {status} is not declared";
        }

        foreach (var header in declared["headers"]?.AsObject() ?? [])
        {
            if (!response.Headers.Contains(header.Key) && !response.Content.Headers.Contains(header.Key))
            {
                return $"the declared header {header.Key} is missing";
            }
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var content = declared["content"]?[mediaType];
        if (content is null)
        {
            return $"content type {mediaType} is not declared for {status}";
        }

        var schema = Schema(document, content["schema"]!.DeepClone());
        var text = await response.Content.ReadAsStringAsync();
        var results = schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? null
            : string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5)
                .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));
    }

    /// <summary>A JSON Schema 2020-12 of <paramref name="root"/> with the document's component schemas as its $defs.</summary>
    private static JsonSchema Schema(JsonObject document, JsonNode root)
    {
        var defs = document["components"]!["schemas"]!.DeepClone();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://baricitinib.test/openapi/{Guid.NewGuid():N}",
            ["$defs"] = defs,
            ["allOf"] = new JsonArray(root),
        };
        return JsonSchema.FromText(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }

    private static bool Valid(JsonSchema schema, string json) => schema.Evaluate(JsonDocument.Parse(json).RootElement, EvaluationOptions.Default).IsValid;

    private static string SourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Baricitinib.Web.Tests", "Api");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetDirectoryName(ApprovedPath)!;
    }
}
