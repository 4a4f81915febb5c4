using Baricitinib.Dosing.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Baricitinib.Dosing.Tests.Model;

/// <summary>
/// The number texts are written without parsing a format string each time; they must read exactly as the custom
/// formats "0.###", "0.#" and "0.##" write them (the oracle below is the former implementation).
/// </summary>
public class FormattingTests
{
    private const int Runs = 20_000;

    /// <summary>Values that shrink toward fewer decimals (a failure prints the shortest value and its replay seed).</summary>
    private static Arbitrary<double> Shrinking(Gen<double> values) =>
        Arb.From(values, v => Enumerable.Range(0, 4).Select(d => Math.Round(v, d)).Where(r => r != v).Distinct());

    private static string OracleNumber(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string OracleKidney(double v)
    {
        var one = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        if (Math.Floor(one) == Math.Floor(v))
        {
            return one.ToString("0.#", CultureInfo.InvariantCulture);
        }

        var two = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        return (Math.Floor(two) == Math.Floor(v) ? two : Math.Floor(v * 100) / 100).ToString("0.##", CultureInfo.InvariantCulture);
    }

    // Values in thousandths and in arbitrary doubles, over and beyond the validated kidney range (0 to 250).
    private static readonly Gen<double> Thousandths = Gen.Choose(0, 2_000_000).Select(i => i / 1000.0);
    private static readonly Gen<double> AnyInRange = Gen.Choose(0, int.MaxValue).Select(i => i / (double)int.MaxValue * 2000);

    [Theory]
    [InlineData(45, "45")]
    [InlineData(60, "60")]
    [InlineData(59.9, "59.9")]
    [InlineData(59.96, "59.96")]
    [InlineData(59.951, "59.95")]
    [InlineData(59.995, "59.99")]
    [InlineData(29.99, "29.99")]
    [InlineData(30.04, "30")]
    [InlineData(0.05, "0.1")]
    [InlineData(0, "0")]
    [InlineData(400, "400")]
    [InlineData(401, "401")]
    [InlineData(1234567.891, "1234567.9")]
    public void A_kidney_value_reads_with_one_decimal_or_two_where_one_would_cross_a_whole_number(double value, string expected)
    {
        Assert.Equal(expected, Formatting.Kidney(value));
        Assert.Equal(OracleKidney(value), Formatting.Kidney(value));
    }

    [Theory]
    [InlineData(500, "500")]
    [InlineData(100_000, "100000")]
    [InlineData(7.5, "7.5")]
    [InlineData(0.1234, "0.123")]
    [InlineData(3, "3")]
    public void A_number_reads_with_up_to_three_decimals(double value, string expected) =>
        Assert.Equal(expected, Formatting.Number(value));

    [Property(MaxTest = Runs)]
    public Property Kidney_text_equals_the_custom_format_for_every_value_in_thousandths() =>
        Prop.ForAll(Shrinking(Thousandths), v => Formatting.Kidney(v) == OracleKidney(v));

    [Property(MaxTest = Runs)]
    public Property Kidney_text_equals_the_custom_format_for_arbitrary_doubles() =>
        Prop.ForAll(Shrinking(AnyInRange), v => Formatting.Kidney(v) == OracleKidney(v));

    [Property(MaxTest = Runs)]
    public Property Number_text_equals_the_custom_format_for_every_value_in_thousandths_and_arbitrary_doubles() =>
        Prop.ForAll(Shrinking(Gen.OneOf(Thousandths, AnyInRange)), v => Formatting.Number(v) == OracleNumber(v));
}
