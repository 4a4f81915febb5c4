using System.Globalization;

namespace Baricitinib.Dosing.Model;

/// <summary>Number formatting for messages and the page (invariant culture; kidney values never shown rounded across a whole number).</summary>
public static class Formatting
{
    // Whole numbers up to this are written once (kidney values, doses, thresholds, ages are mostly whole).
    private const int CachedWholeNumbers = 400;
    private static readonly string[] WholeNumbers = [.. Enumerable.Range(0, CachedWholeNumbers + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A Cockcroft–Gault weight in words: "actual", "ideal (Devine)", "adjusted".</summary>
    public static string WeightName(CockcroftGaultWeight weight) => weight switch
    {
        CockcroftGaultWeight.Actual => "actual",
        CockcroftGaultWeight.Ideal => "ideal (Devine)",
        CockcroftGaultWeight.Adjusted => "adjusted",
    };

    /// <summary>A number with up to three decimals.</summary>
    public static string Number(double v) => Whole(v) ?? v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// A kidney value for display: one decimal, or two where rounding to one would cross a whole number, so that
    /// 59.96 never reads as "60.0" next to the band "30 to &lt;60". Banding always uses the unrounded value.
    /// </summary>
    public static string Kidney(double v)
    {
        if (Whole(v) is { } whole)
        {
            return whole;
        }

        var one = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        if (Math.Floor(one) == Math.Floor(v))
        {
            return Decimals(one, 1, "0.#");
        }

        var two = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        return Decimals(Math.Floor(two) == Math.Floor(v) ? two : Math.Floor(v * 100) / 100, 2, "0.##");
    }

    /// <summary>A whole number from 0 to 400 as text (written once), else null.</summary>
    private static string? Whole(double v) =>
        v is >= 0 and <= CachedWholeNumbers && v == Math.Floor(v) ? WholeNumbers[(int)v] : null;

    /// <summary>
    /// A value already rounded to <paramref name="decimals"/> places, written as the custom format would write it
    /// (trailing zeros dropped), without parsing the format each time; values outside the plain range use the format.
    /// </summary>
    private static string Decimals(double rounded, int decimals, string format)
    {
        if (rounded is < 0 or >= 1_000_000 || double.IsNaN(rounded))
        {
            return rounded.ToString(format, CultureInfo.InvariantCulture);
        }

        var scale = decimals == 1 ? 10 : 100;
        var scaled = (long)Math.Round(rounded * scale);
        var units = scaled / scale;
        var fraction = (int)(scaled % scale);
        if (fraction == 0)
        {
            return Whole(units) ?? units.ToString(CultureInfo.InvariantCulture);
        }

        Span<char> text = stackalloc char[24];
        units.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        text[length++] = '.';
        if (decimals == 1)
        {
            text[length++] = (char)('0' + fraction);
        }
        else
        {
            text[length++] = (char)('0' + (fraction / 10));
            if (fraction % 10 != 0)
            {
                text[length++] = (char)('0' + (fraction % 10));
            }
        }

        return new string(text[..length]);
    }
}
