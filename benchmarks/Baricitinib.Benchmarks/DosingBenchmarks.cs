using System.Text;
using BenchmarkDotNet.Attributes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Validation;

namespace Baricitinib.Benchmarks;

/// <summary>One calculation (every source, the near-edge and discordance checks), parsing, and JSON reading.</summary>
[MemoryDiagnoser]
public class DosingBenchmarks
{
    private readonly DosingCalculator _calculator = new();
    private readonly DosingRequestValidator _validator = new();

    private readonly DosingRequest _simple = new() { Indication = Indication.RheumatoidArthritis, AgeYears = 55, Egfr = 45 };

    private readonly DosingRequest _nearEdgeWithCreatinine = new()
    {
        Indication = Indication.RheumatoidArthritis,
        AgeYears = 85,
        Sex = Sex.Female,
        WeightKg = 45,
        HeightCm = 150,
        SerumCreatinine = 0.9,
    };

    private readonly KeyValuePair<string, string?>[] _query =
    [
        new("indication", "covid-19"), new("ageYears", "8.9"), new("egfr", "59,9"), new("strongOat3Inhibitor", "true"),
    ];

    private readonly byte[] _json = Encoding.UTF8.GetBytes("""{"indication":"alopecia-areata","ageYears":40,"egfr":40,"strongOat3Inhibitor":true}""");

    [Benchmark(Baseline = true)]
    public DosingResult? Calculate_reported_eGFR() => _calculator.Calculate(_simple).Result;

    [Benchmark]
    public DosingResult? Calculate_from_creatinine_near_an_edge() => _calculator.Calculate(_nearEdgeWithCreatinine).Result;

    /// <summary>The same calculation with every row's note and "why" read (the page reads "why", the API both): the
    /// notes are written when first read, so this is what a caller that shows everything pays.</summary>
    [Benchmark]
    public int Calculate_reported_eGFR_and_read_every_note() => ReadEveryNote(_calculator.Calculate(_simple).Result);

    [Benchmark]
    public int Calculate_from_creatinine_near_an_edge_and_read_every_note() => ReadEveryNote(_calculator.Calculate(_nearEdgeWithCreatinine).Result);

    [Benchmark]
    public bool Validate_only() => _validator.Validate(_simple).IsValid;

    private static int ReadEveryNote(DosingResult? result)
    {
        var length = 0;
        foreach (var row in result!.Sources)
        {
            length += (row.Note?.Length ?? 0) + (row.Why?.Length ?? 0);
        }

        return length;
    }

    [Benchmark]
    public ParseResult Parse_page_query() => DosingRequestParser.Parse(_query, InputMode.Page);

    [Benchmark]
    public ParseResult Read_JSON_body() => DosingRequestJson.Read(_json);
}
