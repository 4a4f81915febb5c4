using System.Globalization;

namespace Baricitinib.Dosing.Model;

/// <summary>Number formatting for messages and the page (invariant culture; kidney values never shown rounded across a whole number).</summary>
public static class Formatting
{
    /// <summary>A number with up to three decimals.</summary>
    public static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// A kidney value for display: one decimal, or two where rounding to one would cross a whole number, so that
    /// 59.96 never reads as "60.0" next to the band "30 to &lt;60". Banding always uses the unrounded value.
    /// </summary>
    public static string Kidney(double v)
    {
        var one = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        if (Math.Floor(one) == Math.Floor(v))
        {
            return one.ToString("0.#", CultureInfo.InvariantCulture);
        }

        var two = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        return (Math.Floor(two) == Math.Floor(v) ? two : Math.Floor(v * 100) / 100).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
