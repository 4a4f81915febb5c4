using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Baricitinib.CdsHooks;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Benchmarks;

/// <summary>
/// One CDS Hooks call without the network: read the JSON body, find the order, map the prefetch, run the engine the
/// way <c>GET /api/v1/dose</c> does, build the cards and write the JSON answer. Target: p95 under 50 ms per call.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class CdsHooksBenchmarks
{
    private static readonly string Today = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private readonly DosingCalculator _calculator = new();
    private readonly Uri _base = new("https://calc.example.org/");
    private CdsHooksService _service = default!;
    private byte[] _reduceDose = [];
    private byte[] _notBaricitinib = [];

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P95);
    }

    private sealed class NoFhir : IFhirFetcher
    {
        public Task<JsonNode?> GetAsync(Uri fhirServer, string query, string accessToken, CancellationToken cancel) => Task.FromResult<JsonNode?>(null);
    }

    [GlobalSetup]
    public void Setup()
    {
        var options = new CdsHooksOptions();
        options.MedicationCodes.Add(new MedicationCode { System = "http://www.nlm.nih.gov/research/umls/rxnorm", Code = "2047232", Ingredient = true });
        options.IndicationCodes.Add(new IndicationCode { System = "http://snomed.info/sct", Code = "69896004", Indication = Indication.RheumatoidArthritis });
        _service = new CdsHooksService(options, SourceRegistry.Default, new NoFhir(), TimeProvider.System);
        _reduceDose = Encoding.UTF8.GetBytes(Call("2047232"));
        _notBaricitinib = Encoding.UTF8.GetBytes(Call("617993"));
    }

    [Benchmark(Baseline = true)]
    public Task<string> Order_sign_reduce_the_dose() => Run(_reduceDose);

    [Benchmark]
    public Task<string> Order_sign_without_baricitinib() => Run(_notBaricitinib);

    private async Task<string> Run(byte[] body)
    {
        var outcome = await _service.CallAsync(JsonNode.Parse(body), _base, _ => false, Evaluate, CancellationToken.None);
        return JsonSerializer.Serialize(outcome.Response!, CdsJsonContext.Default.CdsResponse);
    }

    private Evaluation Evaluate(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var parsed = DosingRequestParser.Parse(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), InputMode.Api);
        var outcome = _calculator.Calculate(parsed.Request);
        var errors = parsed.CombineWith(outcome.Errors);
        return new Evaluation(errors.Count == 0 ? outcome.Result : null, errors);
    }

    private const string Template = """
        {"hook":"order-sign","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
         "context":{"userId":"PractitionerRole/1","patientId":"p1","draftOrders":{"resourceType":"Bundle","entry":[
           {"resource":{"resourceType":"MedicationRequest","id":"mr1","status":"draft","intent":"order","subject":{"reference":"Patient/p1"},
            "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"RXNORM"}]},
            "reasonCode":[{"coding":[{"system":"http://snomed.info/sct","code":"69896004"}]}],
            "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
              "doseAndRate":[{"doseQuantity":{"value":2,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}]}}]}},
         "prefetch":{"patient":{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1958-06-15"},
           "egfr":EGFR,"creatinine":CREATININE,"crcl":null,"weight":WEIGHT,"height":HEIGHT,
           "lymphocytes":LYMPHOCYTES,"neutrophils":NEUTROPHILS,"hemoglobin":HEMOGLOBIN}}
        """;

    private const string ObservationTemplate = """
        {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation","status":"final",
         "subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"CODE"}]},"effectiveDateTime":"DATE",
         "valueQuantity":{"value":VALUE,"unit":"UNIT","system":"http://unitsofmeasure.org","code":"UNIT"}}}]}
        """;

    private static string Observation(string code, string value, string unit) => ObservationTemplate
        .Replace("CODE", code, StringComparison.Ordinal).Replace("DATE", Today, StringComparison.Ordinal)
        .Replace("VALUE", value, StringComparison.Ordinal).Replace("UNIT", unit, StringComparison.Ordinal);

    private static string Call(string rxnorm) => Template
        .Replace("RXNORM", rxnorm, StringComparison.Ordinal)
        .Replace("EGFR", Observation("98979-8", "45", "mL/min/{1.73_m2}"), StringComparison.Ordinal)
        .Replace("CREATININE", Observation("2160-0", "1.3", "mg/dL"), StringComparison.Ordinal)
        .Replace("WEIGHT", Observation("29463-7", "72", "kg"), StringComparison.Ordinal)
        .Replace("HEIGHT", Observation("8302-2", "165", "cm"), StringComparison.Ordinal)
        .Replace("LYMPHOCYTES", Observation("731-0", "1.2", "10*3/uL"), StringComparison.Ordinal)
        .Replace("NEUTROPHILS", Observation("751-8", "3.1", "10*3/uL"), StringComparison.Ordinal)
        .Replace("HEMOGLOBIN", Observation("718-7", "12.9", "g/dL"), StringComparison.Ordinal);
}
