using System.Net;
using System.Text;
using System.Text.Json;
using Baricitinib.Dosing.Input;

namespace Baricitinib.Web.Tests.Api;

/// <summary>
/// A seeded sweep of 1,200 malformed or out-of-range requests (GET and POST): never a 5xx, always a 400 whose
/// errors name the field that was broken.
/// </summary>
public class MalformedRequestSweepTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    private const int Seed = 20261123;
    private const int Count = 1200;

    private static readonly Dictionary<string, string> Valid = new()
    {
        ["indication"] = "rheumatoid-arthritis",
        ["ageYears"] = "55",
        ["egfr"] = "45",
    };

    // Values that are wrong for every field of a kind: as query text, and as raw JSON.
    private static readonly string[] BadNumberText = ["abc", "-5", "999999", "1e400", "1,5", "", "NaN", "12..5", "0x10", "--1"];
    private static readonly string[] BadNumberJson = ["-5", "999999", "1e400", "\"45\"", "true", "[1]", "{}", "\"\""];
    private static readonly string[] BadChoiceText = ["COVID", "xyz", "", "Us", "1"];
    private static readonly string[] BadChoiceJson = ["3", "true", "\"xyz\"", "[\"us\"]", "\"\""];
    private static readonly string[] BadBooleanText = ["yes", "1", "TRUE", "", "on"];
    private static readonly string[] BadBooleanJson = ["\"true\"", "1", "\"yes\"", "{}"];
    private static readonly string[] BadBodies = ["{", "", "[]", "null", "\"text\"", "{\"indication\":}", "{'a':1}", "{\"egfr\":45,}"];

    [Fact]
    public async Task Twelve_hundred_malformed_requests_never_give_a_5xx_and_always_name_the_field()
    {
        var client = factory.CreateClient();
        var random = new Random(Seed);
        var fields = Fields.All;
        for (var i = 0; i < Count; i++)
        {
            var post = random.Next(2) == 0;
            HttpResponseMessage response;
            string expectedField;
            if (post && random.Next(10) == 0)
            {
                var body = BadBodies[random.Next(BadBodies.Length)];
                expectedField = "body";
                response = await client.PostAsync("/api/v1/dose", new StringContent(body, Encoding.UTF8, "application/json"));
            }
            else if (random.Next(12) == 0)
            {
                expectedField = "bogusField" + i;
                response = post
                    ? await client.PostAsync("/api/v1/dose", Json(Valid.Select(kv => (kv.Key, Quote(kv.Key, kv.Value))).Append((expectedField, "1"))))
                    : await client.GetAsync("/api/v1/dose?" + Query(Valid.Append(new(expectedField, "1"))));
            }
            else
            {
                var spec = fields[random.Next(fields.Count)];
                expectedField = spec.Name;
                var values = new Dictionary<string, string>(Valid);
                if (post)
                {
                    var bad = spec.Kind switch
                    {
                        FieldKind.Number => BadNumberJson[random.Next(BadNumberJson.Length)],
                        FieldKind.Boolean => BadBooleanJson[random.Next(BadBooleanJson.Length)],
                        _ => BadChoiceJson[random.Next(BadChoiceJson.Length)],
                    };
                    var pairs = values.Where(kv => kv.Key != spec.Name).Select(kv => (kv.Key, Quote(kv.Key, kv.Value))).Append((spec.Name, bad));
                    response = await client.PostAsync("/api/v1/dose", Json(pairs));
                }
                else
                {
                    values[spec.Name] = spec.Kind switch
                    {
                        FieldKind.Number => BadNumberText[random.Next(BadNumberText.Length)],
                        FieldKind.Boolean => BadBooleanText[random.Next(BadBooleanText.Length)],
                        _ => BadChoiceText[random.Next(BadChoiceText.Length)],
                    };
                    response = await client.GetAsync("/api/v1/dose?" + Query(values));
                }
            }

            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"Request {i} gave {(int)response.StatusCode}: {text}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Request {i} ({expectedField}) gave {(int)response.StatusCode}: {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(expectedField, out var messages) && messages.GetArrayLength() > 0,
                $"Request {i}: no error for {expectedField} in {errors}");
        }
    }

    private static string Quote(string field, string value) =>
        Fields.Find(field)!.Kind == FieldKind.Choice ? JsonSerializer.Serialize(value) : value;

    private static StringContent Json(IEnumerable<(string Key, string Raw)> pairs) =>
        new("{" + string.Join(",", pairs.Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Raw}")) + "}", Encoding.UTF8, "application/json");

    private static string Query(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join("&", pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
