using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Web.Api;

namespace Baricitinib.Benchmarks;

/// <summary>
/// The API's own work for one GET, part by part, without the network: read the query, validate and calculate (every
/// source, with each row's note and "why" written, as the API sends them), and write the JSON answer with the app's
/// options (the source-generated contracts first, string enums, every property written). What the API costs beyond a
/// canned-bytes endpoint is the sum of these plus the one log event (<c>LoggingBenchmarks</c>).
/// </summary>
[MemoryDiagnoser]
public class ApiAnswerBenchmarks : IDisposable
{
    private readonly DosingCalculator _calculator = new();

    // The request that benchmarks/api-vs-baseline.sh sends.
    private readonly KeyValuePair<string, string?>[] _query =
    [
        new("indication", "rheumatoid-arthritis"), new("ageYears", "55"), new("egfr", "45"),
    ];

    // ASP.NET Core's HTTP JSON options (web names, relaxed escaping) with what the API adds, as the app sets them.
    private readonly JsonSerializerOptions _options = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;

    private readonly MemoryStream _output = new(16 * 1024);
    private DosingResult _result = default!;

    [GlobalSetup]
    public void Setup()
    {
        DoseEndpoints.ConfigureJson(_options);
        _result = Answer();
        Console.WriteLine($"// answer: {Write(_result)} bytes of JSON; {WriteGenerated()} bytes with the generated writer and strict escaping");
    }

    [Benchmark]
    public ParseResult Read_the_query() => DosingRequestParser.Parse(_query, InputMode.Api);

    [Benchmark]
    public DosingResult Read_validate_and_calculate_with_every_note() => Answer();

    [Benchmark]
    public long Write_the_JSON_answer() => Write(_result);

    /// <summary>
    /// What the answer would cost with the source-generated writer. It is used only when the run-time options add no
    /// converter and keep the default (strict) escaping, which writes "§" as "\u00A7" and "≥" as "\u2265": the same
    /// JSON to a parser, harder to read with curl. Not taken; measured to know what it would give.
    /// </summary>
    [Benchmark]
    public long Write_with_the_generated_writer_and_strict_escaping() => WriteGenerated();

    [Benchmark(Baseline = true)]
    public long The_whole_answer() => Write(Answer());

    private DosingResult Answer()
    {
        var parsed = DosingRequestParser.Parse(_query, InputMode.Api);
        var result = _calculator.Calculate(parsed.Request).Result!;
        foreach (var row in result.Sources)
        {
            _ = row.Note;
            _ = row.Why;
        }

        return result;
    }

    private long Write(DosingResult result)
    {
        _output.SetLength(0);
        JsonSerializer.Serialize(_output, result, _options);
        return _output.Length;
    }

    private long WriteGenerated()
    {
        _output.SetLength(0);
        JsonSerializer.Serialize(_output, _result, StrictJsonContext.Default.DosingResult);
        return _output.Length;
    }

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The API's answer contract with the generation options the API's run-time options would need to match.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DosingResult))]
internal sealed partial class StrictJsonContext : JsonSerializerContext;
