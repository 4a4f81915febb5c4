using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.Web.Tests.Cds;

/// <summary>Any element of a full CDS Hooks call replaced by any JSON value: never a 500, and every 200 passes the
/// specification's field tables.</summary>
public class CdsHostileInputTests(CdsFactory factory) : IClassFixture<CdsFactory>
{
    private static readonly Gen<JsonNode?> Values = Gen.OneOf(
        Gen.Elements<JsonNode?>(null, "", "x", 0, -1, 1e300, 1e-300, true, false, new JsonArray(), new JsonObject(), "\ud800", "Patient/1288992",
            "mL/min/{1.73_m2}", "2026-02-30", "9999-99-99", "order-sign", "MedicationRequest", 79228162514264337593543950335m)
            .Select(v => v?.DeepClone()),
        ArbMap.Default.GeneratorFor<string>().Select(s => (JsonNode?)JsonValue.Create(s ?? "")),
        Gen.Choose(-1000, 100000).Select(i => (JsonNode?)JsonValue.Create(i / 10m)));

    /// <summary>Every element of the call, by path (objects' properties and array items).</summary>
    private static List<(JsonNode Parent, object Key)> Slots(JsonNode node)
    {
        var slots = new List<(JsonNode, object)>();
        void Walk(JsonNode n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (name, value) in o.ToList())
                    {
                        slots.Add((o, name));
                        if (value is not null)
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, i));
                        if (a[i] is { } item)
                        {
                            Walk(item);
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        Walk(node);
        return slots;
    }

    private static JsonObject FullCall() => Prefetch(OrderSign(doseMg: 2), "1958-06-15", "female",
        Egfr(45, DaysAgo(2)), ("creatinine", Observation("2160-0", 1.1m, "mg/dL", DaysAgo(2))),
        ("lymphocytes", Observation("731-0", 900, "/uL", DaysAgo(2))), ("weight", Observation("29463-7", 70, "kg", DaysAgo(2))));

    [Property(MaxTest = 300)]
    public Property Any_element_replaced_by_any_value_is_answered_without_a_500()
    {
        var client = factory.CreateClient();
        var slotCount = Slots(FullCall()).Count;
        // A failure shrinks toward a null value in the same slot (is it the value or the slot?) and prints its seed.
        var cases = Arb.From(from slot in Gen.Choose(0, slotCount - 1) from value in Values select (slot, value),
            c => c.value is null ? [] : new[] { (c.slot, (JsonNode?)null) });
        return Prop.ForAll(cases, c =>
        {
            var call = FullCall();
            var (parent, key) = Slots(call)[c.slot];
            if (parent is JsonObject o)
            {
                o[(string)key] = c.value?.DeepClone();
            }
            else
            {
                ((JsonArray)parent)[(int)key] = c.value?.DeepClone();
            }

            var (status, body) = CdsHooksEndpointTests.PostAsync(client, "/cds-services/baricitinib-renal-dose", call.ToJsonString()).GetAwaiter().GetResult();
            return status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.PreconditionFailed
                && (status != HttpStatusCode.OK || CdsResponseValidator.Response(body).Count == 0);
        });
    }
}

/// <summary>Text the EHR sent that the card repeats (a reference, a unit, a status), at its worst.</summary>
public class CdsEchoedTextTests(CdsFactory factory) : IClassFixture<CdsFactory>
{
    [Theory]
    [InlineData("subject", "\ud800")]
    [InlineData("status", "\udc00 final")]
    [InlineData("unit", "mg\ud800/dL")]
    [InlineData("subject", "Patient/x`](javascript:alert(1))")]
    public async Task Text_echoed_on_a_card_never_breaks_the_answer(string where, string text)
    {
        var (key, observation) = Egfr(45, DaysAgo(2));
        switch (where)
        {
            case "subject":
                observation["subject"] = new JsonObject { ["reference"] = text };
                break;
            case "status":
                observation["status"] = text;
                break;
            default:
                observation["valueQuantity"] = new JsonObject { ["value"] = 45, ["unit"] = text };
                break;
        }

        var call = Prefetch(OrderSign(), observations: [(key, observation)]);
        var (status, body) = await CdsHooksEndpointTests.PostAsync(factory.CreateClient(), "/cds-services/baricitinib-renal-dose", call.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(CdsResponseValidator.Response(body));
        // Shown only as inline code (backticks inside it replaced), so it can never become a link.
        var details = string.Join("\n", body!["cards"]!.AsArray().Select(c => c!["detail"]?.GetValue<string>()));
        Assert.DoesNotContain("](javascript", details.Replace("`Patient/x'](javascript:alert(1))`", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
