using System.Globalization;

namespace Baricitinib.Dosing.Rules;

/// <summary>
/// An interval of a kidney measure. US bands are lower-inclusive (60 is "≥60", 59.9 is "30 to &lt;60"); the EU
/// adult band 30–60 includes both ends. Values are never rounded before banding.
/// </summary>
internal sealed record Band(double? Lower, bool LowerInclusive, double? Upper, bool UpperInclusive, string Label)
{
    public static Band AtLeast(double lower) => new(lower, true, null, false, $"≥{F(lower)}");

    public static Band Above(double lower) => new(lower, false, null, false, $">{F(lower)}");

    public static Band From(double lower, double upperExclusive) =>
        new(lower, true, upperExclusive, false, $"{F(lower)} to <{F(upperExclusive)}");

    public static Band Closed(double lower, double upper) => new(lower, true, upper, true, $"{F(lower)}–{F(upper)}");

    public static Band Below(double upperExclusive) => new(null, false, upperExclusive, false, $"<{F(upperExclusive)}");

    public bool Contains(double value) =>
        (Lower is not { } lo || (LowerInclusive ? value >= lo : value > lo))
        && (Upper is not { } hi || (UpperInclusive ? value <= hi : value < hi));

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a renal band does to the dose.</summary>
internal enum StepKind
{
    /// <summary>No change.</summary>
    Keep,
    /// <summary>Halve the recommended dose and its alternatives (4 → 2, 2 → 1).</summary>
    Halve,
    /// <summary>A fixed dose in mg once daily.</summary>
    Fixed,
    /// <summary>A fixed dose every other day (seed article only).</summary>
    FixedEveryOtherDay,
    /// <summary>Not recommended.</summary>
    NotRecommended,
    /// <summary>The source has no rule here.</summary>
    Silent,
}

/// <summary>A renal step: a kind and, for fixed doses, the dose.</summary>
internal sealed record RenalStep(StepKind Kind, int Mg = 0)
{
    public static readonly RenalStep Keep = new(StepKind.Keep);
    public static readonly RenalStep Halve = new(StepKind.Halve);
    public static readonly RenalStep NotRecommended = new(StepKind.NotRecommended);
    public static readonly RenalStep Silent = new(StepKind.Silent);

    public static RenalStep Fixed(int mg) => new(StepKind.Fixed, mg);
}

/// <summary>One row of a band table: a band, its step, and the rule that says so.</summary>
internal sealed record BandRow(Band Band, RenalStep Step, Rule Rule);

/// <summary>
/// A renal band table of one source for one indication and population; the rows are the rules.
/// A value no row contains has no rule (the seed article's gap above 49 up to 50).
/// </summary>
internal sealed class BandTable(string measureName, params BandRow[] rows)
{
    public string MeasureName { get; } = measureName;

    public IReadOnlyList<BandRow> Rows { get; } = rows;

    /// <summary>The rule that says a value between the rows has no band (the seed calculator's gap), if any.</summary>
    public Rule? NoBandRule { get; init; }

    /// <summary>For a source with no dialysis rule: the row dialysis is read as (the seeds' "&lt;30"). Null: not recommended.</summary>
    public BandRow? DialysisReadsAs { get; init; }

    /// <summary>The bands in words, quoted and listed ("\"≥60\", \"30 to &lt;60\"").</summary>
    public string BandList => _bandList ??= string.Join(", ", Rows.Select(r => $"\"{r.Band.Label}\""));

    private string? _bandList;

    public BandRow? Find(double value)
    {
        foreach (var row in Rows)
        {
            if (row.Band.Contains(value))
            {
                return row;
            }
        }

        return null;
    }

    private IReadOnlyList<(double Edge, double Below, double Above)>? _edges;

    /// <summary>Every boundary of the table, each with a value just on either side of it (computed once).</summary>
    public IReadOnlyList<(double Edge, double Below, double Above)> Edges() => _edges ??= [.. ComputeEdges()];

    private IEnumerable<(double Edge, double Below, double Above)> ComputeEdges()
    {
        var bounds = Rows.SelectMany(r => new[] { r.Band.Lower, r.Band.Upper }).OfType<double>().Distinct().Order();
        foreach (var b in bounds)
        {
            // The edge value itself belongs to one side; the other side starts one representable step away.
            var edgeInUpper = Find(b) is { } row && row.Band.Lower == b;
            yield return edgeInUpper ? (b, Math.BitDecrement(b), b) : (b, b, Math.BitIncrement(b));
        }
    }
}
