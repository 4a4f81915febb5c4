using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Baricitinib.Tests.Shared;
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

    // Oat3: probenecid none, as another draft order, or in the active medication list. ViaConditions: the indication
    // from an active Condition (ICD-10-CM) instead of the order's reason. MoreThan: the kidney value reported as ">".
    private sealed record Patient(string Reason, int Age, string Sex, string Kind, int Value, int OrderedMg, int? Lymphocytes,
        string Oat3, bool ViaConditions, bool MoreThan);

    /// <summary>Generated patients; a failure shrinks one feature at a time (no probenecid, no counts, the order's own
    /// reason, a plain value) and prints the seed that replays it.</summary>
    private static readonly Arbitrary<Patient> Patients = Arb.From(
        from reason in Gen.Elements("69896004", "840539006", "text:alopecia areata", "text:atopic dermatitis", "text:juvenile idiopathic arthritis")
        from age in Gen.Choose(2, 99)
        from sex in Gen.Elements("female", "male")
        from kind in Gen.Elements("egfr", "creatinine", "crcl")
        from value in Gen.Choose(30, 1600)
        from ordered in Gen.Elements(1, 2, 4)
        from lymphocytes in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(200, 2000).Select(v => (int?)v))
        from oat3 in Gen.Elements("none", "none", "draft", "medications")
        from viaConditions in Gen.Elements(false, false, true)
        from moreThan in Gen.Elements(false, false, true)
        select new Patient(reason, age, sex, kind, value, ordered, lymphocytes, oat3, viaConditions, moreThan),
        Simpler);

    private static IEnumerable<Patient> Simpler(Patient p)
    {
        if (p.Oat3 != "none")
        {
            yield return p with { Oat3 = "none" };
        }

        if (p.Lymphocytes is not null)
        {
            yield return p with { Lymphocytes = null };
        }

        if (p.ViaConditions)
        {
            yield return p with { ViaConditions = false };
        }

        if (p.MoreThan)
        {
            yield return p with { MoreThan = false };
        }
    }

    private static readonly Dictionary<string, string> Icd10 = new(StringComparer.Ordinal)
    {
        ["69896004"] = "M05.79", ["840539006"] = "U07.1", ["text:alopecia areata"] = "L63.9", ["text:atopic dermatitis"] = "L20.9", ["text:juvenile idiopathic arthritis"] = "M08.00",
    };

    private static JsonObject Call(Patient p)
    {
        var call = OrderSign(doseMg: p.OrderedMg, reason: p.Reason.StartsWith("text:", StringComparison.Ordinal) ? "0" : p.Reason);
        if (p.Reason.StartsWith("text:", StringComparison.Ordinal))
        {
            MedicationRequest(call)["reasonCode"] = new JsonArray(new JsonObject { ["text"] = p.Reason[5..] });
        }

        if (p.ViaConditions)
        {
            MedicationRequest(call).Remove("reasonCode");
        }

        var probenecid = new JsonObject
        {
            ["resourceType"] = "MedicationRequest",
            ["id"] = "probenecid",
            ["status"] = "active",
            ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = "8698" }) },
        };
        if (p.Oat3 == "draft")
        {
            call["context"]!["draftOrders"]!["entry"]!.AsArray().Add(new JsonObject { ["resource"] = probenecid });
        }

        var recent = DaysAgo(1);
        var comparator = p.MoreThan ? ">" : null;
        (string, JsonObject) kidney = p.Kind switch
        {
            "egfr" => ("egfr", Observation("98979-8", p.Value / 10m, "mL/min/{1.73_m2}", recent, comparator: comparator)),
            "creatinine" => ("creatinine", Observation("2160-0", p.Value / 200m, "mg/dL", recent)),
            _ => ("crcl", Observation("35591-7", p.Value / 10m, "mL/min", recent, comparator: comparator)),
        };
        (string, JsonObject)[] observations = p.Lymphocytes is { } l ? [kidney, ("lymphocytes", Observation("731-0", l, "/uL", recent))] : [kidney];
        var born = DateTime.UtcNow.AddYears(-p.Age).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        call = Prefetch(call, born, p.Sex, observations);
        call["prefetch"]!["medications"] = p.Oat3 == "medications" ? Searchset(probenecid) : Searchset();
        call["prefetch"]!["conditions"] = p.ViaConditions
            ? Searchset(new JsonObject
            {
                ["resourceType"] = "Condition",
                ["id"] = "dx",
                ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["code"] = "active" }) },
                ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://hl7.org/fhir/sid/icd-10-cm", ["code"] = Icd10[p.Reason] }) },
            })
            : Searchset();
        return call;
    }

    private static JsonObject Searchset(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]),
    };

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
        var detail = primary?["detail"]?.GetValue<string>() ?? "";
        var expectedStart = status2 == "dose" ? $"**Recommended: {text}**" : $"**{text}**";
        var indicator = primary?["indicator"]?.GetValue<string>();
        // Critical exactly when not recommended; a label that does not approve the indication is a warning.
        return primary is not null && detail.StartsWith(expectedStart, StringComparison.Ordinal)
            && (indicator == "critical") == (status2 == "not-recommended")
            && (status2 != "not-approved" || indicator == "warning");
    }

    [Property(MaxTest = 120)]
    public Property For_any_patient_the_card_gives_what_the_API_gives_for_the_mapped_inputs()
    {
        var client = factory.CreateClient();
        return Prop.ForAll(Patients, p => AgreesAsync(client, Call(p)).GetAwaiter().GetResult());
    }

    [ConformanceFact]
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
