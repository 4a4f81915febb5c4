using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Baricitinib.Dosing.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Baricitinib.Web.Tests.Api;

/// <summary>
/// Arbitrary Unicode text in every field of the query string, the JSON body and the page parser: never an exception
/// or a 5xx, and any error names a real field (always the field itself when the text has a non-ASCII character or is
/// longer than 32 characters).
/// </summary>
public class HostileInputPropertyTests(SharedApiFactory factory) : IClassFixture<SharedApiFactory>
{
    private const int Runs = 300;

    private static readonly string[] Names = [.. Fields.All.Select(f => f.Name)];

    private static readonly Gen<string> Texts = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.Elements("５５", "٥٥", "५५", "\ud800", "\udc00x", "4\u00a05", "45\u0000", "1e308", "-0", new string('9', 33), "🙂", "ß", "İ", "\u202e54"),
        from chars in Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(i => (char)i)) select new string(chars));

    /// <summary>Field and text; a failure shrinks to a shorter text (half of it, or one character fewer) and prints the
    /// seed that replays it.</summary>
    private static readonly Arbitrary<(string Field, string Text)> Cases = Arb.From(
        from field in Gen.Elements(Names) from text in Texts select (field, text),
        c => c.text.Length == 0 ? [] : new[] { (c.field, c.text[..(c.text.Length / 2)]), (c.field, c.text[1..]) });

    private static bool MustNameTheField(string text) => text.Length > DosingRequestParser.MaxValueLength || text.Any(c => c > 127);

    private static Dictionary<string, object?> BaseRequest() => new()
    {
        ["indication"] = "rheumatoid-arthritis",
        ["ageYears"] = 55,
        ["egfr"] = 45,
    };

    private static bool Check(HttpResponseMessage response, string body, string field, string text)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return !MustNameTheField(text) || text.Trim().Length == 0;
        }

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        return errors.Count > 0
            && errors.All(e => Names.Contains(e) || e == DosingRequestJson.BodyKey)
            && (!MustNameTheField(text) || errors.Contains(field) || errors.Contains(DosingRequestJson.BodyKey));
    }

    [Property(MaxTest = Runs)]
    public Property Any_text_in_any_query_parameter_is_a_200_or_a_400_naming_a_field()
    {
        var client = factory.CreateClient();
        return Prop.ForAll(Cases, c =>
        {
            var query = string.Join("&", BaseRequest().Where(kv => kv.Key != c.Field).Select(kv => $"{kv.Key}={kv.Value}"))
                + $"&{c.Field}={Uri.EscapeDataString(ToValidUtf16(c.Text))}";
            var response = client.GetAsync(new Uri("/api/v1/dose?" + query, UriKind.Relative)).GetAwaiter().GetResult();
            return Check(response, response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), c.Field, ToValidUtf16(c.Text));
        });
    }

    [Property(MaxTest = Runs)]
    public Property Any_text_in_any_JSON_field_is_a_200_or_a_400_naming_a_field()
    {
        var client = factory.CreateClient();
        return Prop.ForAll(Cases, c =>
        {
            var request = BaseRequest();
            request[c.Field] = c.Text;
            var json = JsonSerializer.Serialize(request); // lone surrogates become \uD800 escapes, as a hostile client may send
            using var content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = client.PostAsync(new Uri("/api/v1/dose", UriKind.Relative), content).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest && (response.StatusCode == HttpStatusCode.OK || Check(response, body, c.Field, c.Text));
        });
    }

    [Property(MaxTest = Runs * 10)]
    public Property Any_text_in_any_page_field_never_throws_and_names_the_field()
    {
        return Prop.ForAll(Cases, c =>
        {
            var parsed = DosingRequestParser.Parse([new(c.Field, c.Text)], InputMode.Page);
            return parsed.Errors.All(e => e.Field == c.Field)
                && (!MustNameTheField(c.Text) || c.Text.Trim().Length == 0 || parsed.Errors.Any(e => e.Field == c.Field));
        });
    }

    /// <summary>A URL can carry only valid UTF-16 (percent-encoded UTF-8): lone surrogates become U+FFFD, as a browser sends them.</summary>
    private static string ToValidUtf16(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
}
