using System.Text.Json.Nodes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.CdsHooks;

namespace Baricitinib.Tests.Shared;

/// <summary>Builders for CDS Hooks calls around the specification's own order-sign example, and a service on the real
/// engine (the same parse, validate and calculate path as <c>GET /api/v1/dose</c>).</summary>
internal static class CdsCalls
{
    public const string PatientId = "1288992";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The service's options for tests: matching orders get their info card (so every mapping can be read from
    /// a card); <see cref="QuietOptions"/> are the shipped behaviour.</summary>
    public static CdsHooksOptions Options()
    {
        var options = QuietOptions();
        options.ConfirmMatchingOrders = true;
        return options;
    }

    /// <summary>As shipped: an order that matches the primary label gets no card.</summary>
    public static CdsHooksOptions QuietOptions()
    {
        var options = new CdsHooksOptions();
        options.MedicationCodes.Add(new MedicationCode { System = RxNorm, Code = "2047232", Display = "baricitinib", Ingredient = true });
        options.MedicationCodes.Add(new MedicationCode { System = RxNorm, Code = "2047241" });
        options.MedicationWords.Add("baricitinib");
        options.MedicationWords.Add("olumiant");
        options.IndicationCodes.Add(new IndicationCode { System = "http://snomed.info/sct", Code = "69896004", Indication = Indication.RheumatoidArthritis });
        options.IndicationCodes.Add(new IndicationCode { System = "http://snomed.info/sct", Code = "840539006", Indication = Indication.Covid19 });
        options.IndicationCodes.Add(new IndicationCode { System = IndicationCode.Icd10Cm, Code = "M05.*", Indication = Indication.RheumatoidArthritis });
        options.IndicationCodes.Add(new IndicationCode { System = IndicationCode.Icd10Cm, Code = "M06.*", Indication = Indication.RheumatoidArthritis });
        options.IndicationCodes.Add(new IndicationCode { System = IndicationCode.Icd10Cm, Code = "L63.*", Indication = Indication.AlopeciaAreata });
        options.IndicationCodes.Add(new IndicationCode { System = IndicationCode.Icd10Cm, Code = "L20.*", Indication = Indication.AtopicDermatitis });
        options.IndicationCodes.Add(new IndicationCode { System = IndicationCode.Icd10Cm, Code = "U07.1", Indication = Indication.Covid19 });
        options.Oat3InhibitorCodes.Add(new MedicationCode { System = RxNorm, Code = "8698", Display = "probenecid", Ingredient = true });
        options.Oat3InhibitorWords.Add("probenecid");
        return options;
    }

    /// <summary>The id of the example call's MedicationRequest.</summary>
    public const string OrderId = "order-4471";

    /// <summary>
    /// An order-sign call written for these tests (the project's own example, shaped as EHRs send one): a diet order and
    /// a MedicationRequest for amoxicillin in the draft orders, turned into a baricitinib order when
    /// <paramref name="baricitinib"/>. The specification's own samples are read only by the conformance tests.
    /// </summary>
    public static JsonObject OrderSign(bool baricitinib = true, decimal doseMg = 2, string reason = "69896004")
    {
        var call = new JsonObject
        {
            ["hook"] = "order-sign",
            ["hookInstance"] = "5b1d7c8e-2f4a-4e57-9d0b-6a3c1e9f8a21",
            ["context"] = new JsonObject
            {
                ["userId"] = "PractitionerRole/pr-52",
                ["patientId"] = PatientId,
                ["encounterId"] = "enc-3009",
                ["draftOrders"] = new JsonObject
                {
                    ["resourceType"] = "Bundle",
                    ["type"] = "collection",
                    ["entry"] = new JsonArray(
                        new JsonObject { ["resource"] = DietOrder() },
                        new JsonObject { ["resource"] = Amoxicillin() }),
                },
            },
        };
        if (baricitinib)
        {
            var order = MedicationRequest(call);
            order["medicationCodeableConcept"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = "2047232", ["display"] = "baricitinib" }),
            };
            order["dosageInstruction"] = new JsonArray(new JsonObject
            {
                ["timing"] = new JsonObject { ["repeat"] = new JsonObject { ["frequency"] = 1, ["period"] = 1, ["periodUnit"] = "d" } },
                ["doseAndRate"] = new JsonArray(new JsonObject { ["doseQuantity"] = new JsonObject { ["value"] = doseMg, ["unit"] = "mg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg" } }),
            });
            order["reasonCode"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = reason }) });
        }

        return call;
    }

    private static JsonObject DietOrder() => new()
    {
        ["resourceType"] = "NutritionOrder",
        ["id"] = "diet-soft",
        ["status"] = "draft",
        ["intent"] = "order",
        ["patient"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
        ["dateTime"] = "2026-11-25",
        ["oralDiet"] = new JsonObject { ["type"] = new JsonArray(new JsonObject { ["text"] = "Soft diet" }) },
    };

    private static JsonObject Amoxicillin() => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = OrderId,
        ["status"] = "draft",
        ["intent"] = "order",
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
        ["authoredOn"] = "2026-11-25",
        ["requester"] = new JsonObject { ["reference"] = "PractitionerRole/pr-52" },
        ["medicationCodeableConcept"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = RxNorm, ["code"] = "308191", ["display"] = "amoxicillin 500 MG Oral Capsule" }),
            ["text"] = "amoxicillin 500 mg capsule",
        },
        ["dosageInstruction"] = new JsonArray(new JsonObject
        {
            ["text"] = "500 mg three times a day",
            ["timing"] = new JsonObject { ["repeat"] = new JsonObject { ["frequency"] = 3, ["period"] = 1, ["periodUnit"] = "d" } },
            ["doseAndRate"] = new JsonArray(new JsonObject { ["doseQuantity"] = new JsonObject { ["value"] = 500, ["unit"] = "mg", ["system"] = "http://unitsofmeasure.org", ["code"] = "mg" } }),
        }),
        ["dispenseRequest"] = new JsonObject
        {
            ["numberOfRepeatsAllowed"] = 0,
            ["quantity"] = new JsonObject { ["value"] = 21, ["unit"] = "capsule" },
            ["expectedSupplyDuration"] = new JsonObject { ["value"] = 7, ["unit"] = "days", ["system"] = "http://unitsofmeasure.org", ["code"] = "d" },
        },
    };

    public static JsonObject MedicationRequest(JsonObject call) =>
        call["context"]!["draftOrders"]!["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).Single(r => (string?)r["resourceType"] == "MedicationRequest");

    /// <summary>Prefetch with every key: the patient, and for the rest the given resources or null (no data).</summary>
    public static JsonObject Prefetch(JsonObject call, string birthDate = "1960-03-01", string? gender = "female", params (string Key, JsonObject Resource)[] observations)
    {
        var prefetch = new JsonObject
        {
            ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = PatientId, ["birthDate"] = birthDate },
        };
        if (gender is not null)
        {
            prefetch["patient"]!["gender"] = gender;
        }

        foreach (var key in PrefetchKeys.All.Skip(1))
        {
            var mine = observations.Where(o => o.Key == key.Key).Select(o => (JsonNode)o.Resource.DeepClone()).ToArray();
            prefetch[key.Key] = mine.Length == 0 ? null : new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray([.. mine.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]) };
        }

        call["prefetch"] = prefetch;
        return call;
    }

    /// <summary>A date <paramref name="days"/> before today (for tests of the running app, whose clock is the real one).</summary>
    public static string DaysAgo(int days) => DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Observation(string loinc, decimal value, string unitCode, string date = "2026-11-20", string? unitText = null, string? comparator = null)
    {
        var quantity = new JsonObject { ["value"] = value, ["unit"] = unitText ?? unitCode, ["system"] = "http://unitsofmeasure.org", ["code"] = unitCode };
        if (comparator is not null)
        {
            quantity["comparator"] = comparator;
        }

        return new JsonObject
        {
            ["resourceType"] = "Observation",
            ["status"] = "final",
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = loinc }) },
            ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
            ["effectiveDateTime"] = date,
            ["valueQuantity"] = quantity,
        };
    }

    public static (string, JsonObject) Egfr(decimal value, string date = "2026-11-20") => ("egfr", Observation("98979-8", value, "mL/min/{1.73_m2}", date));

    /// <summary>A FHIR sample moved to this patient (its own subject is another test patient's).</summary>
    public static JsonObject Sample(string file, string? date = null)
    {
        var resource = CdsSamples.Json(file).AsObject();
        resource["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId };
        if (date is not null)
        {
            resource.Remove("issued");
            resource["effectiveDateTime"] = date;
        }

        return resource;
    }

    public static CdsHooksService Service(CdsHooksOptions? options = null, IFhirFetcher? fetcher = null) =>
        new(options ?? Options(), SourceRegistry.Default, fetcher ?? new NoFhir(), new FixedTime(Now));

    /// <summary>The engine path of <c>GET /api/v1/dose</c> for the mapped fields.</summary>
    public static Evaluation Evaluate(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var parsed = DosingRequestParser.Parse(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), InputMode.Api);
        var outcome = new DosingCalculator(SourceRegistry.Default).Calculate(parsed.Request);
        var errors = parsed.CombineWith(outcome.Errors);
        return new Evaluation(errors.Count == 0 ? outcome.Result : null, errors);
    }

    public static Task<CallOutcome> RunAsync(JsonObject call, CdsHooksService? service = null) =>
        (service ?? Service()).CallAsync(call, new Uri("https://calc.example.org/"), server => server.Scheme == Uri.UriSchemeHttps, Evaluate, CancellationToken.None);

    public static async Task<IReadOnlyList<Card>> CardsAsync(JsonObject call, CdsHooksService? service = null)
    {
        var outcome = await RunAsync(call, service);
        Assert.Equal(200, outcome.StatusCode);
        return outcome.Response!.Cards;
    }

    private sealed class NoFhir : IFhirFetcher
    {
        public Task<JsonNode?> GetAsync(Uri fhirServer, string query, string accessToken, CancellationToken cancel) => Task.FromResult<JsonNode?>(null);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
