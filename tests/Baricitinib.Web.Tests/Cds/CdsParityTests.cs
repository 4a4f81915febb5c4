using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using static Baricitinib.Tests.Shared.CdsCalls;

namespace Baricitinib.Web.Tests.Cds;

/// <summary>
/// A card can never disagree with <c>GET /api/v1/dose</c>: for any patient the EHR sends, the card's recommendation
/// is the API's for the fields the card's calculator link carries (the mapped inputs), and the card is critical exactly
/// when the API says not recommended or stop.
/// </summary>
public class CdsParityTests(CdsFactory factory) : IClassFixture<CdsFactory>
{
    private const string DataCardSource = "Baricitinib dose calculator";

    private sealed record Patient(string Reason, int Age, string Sex, string Kind, int Value, int OrderedMg, int? Lymphocytes);

    private static readonly Arbitrary<Patient> Patients = (
        from reason in Gen.Elements("69896004", "840539006", "text:alopecia areata", "text:atopic dermatitis", "text:juvenile idiopathic arthritis")
        from age in Gen.Choose(2, 99)
        from sex in Gen.Elements("female", "male")
        from kind in Gen.Elements("egfr", "creatinine", "crcl")
        from value in Gen.Choose(30, 1600)
        from ordered in Gen.Elements(1, 2, 4)
        from lymphocytes in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(200, 2000).Select(v => (int?)v))
        select new Patient(reason, age, sex, kind, value, ordered, lymphocytes)).ToArbitrary();

    private static JsonObject Call(Patient p)
    {
        var call = OrderSign(doseMg: p.OrderedMg, reason: p.Reason.StartsWith("text:", StringComparison.Ordinal) ? "0" : p.Reason);
        if (p.Reason.StartsWith("text:", StringComparison.Ordinal))
        {
            MedicationRequest(call)["reasonCode"] = new JsonArray(new JsonObject { ["text"] = p.Reason[5..] });
        }

        var recent = DaysAgo(1);
        (string, JsonObject) kidney = p.Kind switch
        {
            "egfr" => ("egfr", Observation("98979-8", p.Value / 10m, "mL/min/{1.73_m2}", recent)),
            "creatinine" => ("creatinine", Observation("2160-0", p.Value / 200m, "mg/dL", recent)),
            _ => ("crcl", Observation("35591-7", p.Value / 10m, "mL/min", recent)),
        };
        (string, JsonObject)[] observations = p.Lymphocytes is { } l ? [kidney, ("lymphocytes", Observation("731-0", l, "/uL", recent))] : [kidney];
        var born = DateTime.UtcNow.AddYears(-p.Age).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Prefetch(call, born, p.Sex, observations);
    }

    private static async Task<bool> AgreesAsync(HttpClient client, JsonObject call)
    {
        var (status, body) = await CdsHooksEndpointTests.PostAsync(client, "/cds-services/baricitinib-renal-dose", call.ToJsonString());
        if (status != HttpStatusCode.OK || CdsResponseValidator.Response(body).Count > 0)
        {
            return false;
        }

        var cards = body!["cards"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var primary = cards.SingleOrDefault(c => c["source"]!["label"]!.GetValue<string>() != DataCardSource);
        var link = cards[0]["links"]![0]!["url"]!.GetValue<string>();
        var api = await client.GetAsync(new Uri("/api/v1/dose" + new Uri(link).Query, UriKind.Relative));
        if (api.StatusCode != HttpStatusCode.OK)
        {
            return primary is null; // no result: only the data card, never a dose
        }

        var result = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        var text = result["recommendation"]!["text"]!.GetValue<string>();
        var status2 = result["recommendation"]!["status"]!.GetValue<string>();
        var stop = result["flags"]!.AsArray().Any(f => f!["severity"]!.GetValue<string>() == "stop");
        var detail = primary?["detail"]?.GetValue<string>() ?? "";
        var expectedStart = status2 == "dose" ? $"**Recommended: {text}**" : $"**{text}**";
        var critical = primary?["indicator"]?.GetValue<string>() == "critical";
        return primary is not null && detail.StartsWith(expectedStart, StringComparison.Ordinal) && critical == (status2 == "not-recommended" || stop);
    }

    [Fact]
    public void For_any_patient_the_card_gives_what_the_API_gives_for_the_mapped_inputs()
    {
        var client = factory.CreateClient();
        Prop.ForAll(Patients, p => AgreesAsync(client, Call(p)).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(120));
    }

    [Fact]
    public async Task The_four_FHIR_samples_as_prefetch_for_a_baricitinib_order_give_the_APIs_answer()
    {
        // The README's baricitinib variant: the order-sign example with a baricitinib code, and the FHIR R4 eGFR, the US
        // Core creatinine, weight and height as searchset Bundles (moved to this patient and to this week).
        var call = OrderSign(doseMg: 2);
        call = Prefetch(call, "1958-06-15", "male",
            ("egfr", Sample("fhir-r4-observation-f205-egfr-mdrd.json", DaysAgo(2))),
            ("creatinine", Sample("uscore-observation-serum-creatinine.json", DaysAgo(2))),
            ("weight", Sample("uscore-observation-weight.json", DaysAgo(2))),
            ("height", Sample("uscore-observation-height.json", DaysAgo(2))));
        var client = factory.CreateClient();
        Assert.True(await AgreesAsync(client, call));

        var (_, body) = await CdsHooksEndpointTests.PostAsync(client, "/cds-services/baricitinib-renal-dose", call.ToJsonString());
        var card = body!["cards"]![0]!;
        var link = card["links"]![0]!["url"]!.GetValue<string>();
        Assert.Contains("serumCreatinine=1&creatinineUnit=mg%2FdL", link, StringComparison.Ordinal); // creatinine beats the older MDRD eGFR
        Assert.DoesNotContain("egfr=", link, StringComparison.Ordinal);
        Assert.Contains("weightKg=20.09414", link, StringComparison.Ordinal);
        Assert.Contains("heightCm=", link, StringComparison.Ordinal);
        Assert.Contains("uses an older equation: the creatinine was used instead", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
