namespace Baricitinib.Web.Logging;

/// <summary>
/// The log category of the calculation events, <c>Baricitinib.Web.Logging.Calculations</c>: <c>DoseCalculated</c>
/// (Information, one per calculation) and <c>DoseInputs</c> (Debug). Its own category, so an operator who wants the
/// throughput over that line turns it down with one override
/// (<c>Serilog__MinimumLevel__Override__Baricitinib.Web.Logging.Calculations=Warning</c>, docs/operations.md)
/// without silencing anything else.
/// </summary>
public sealed class Calculations
{
    private Calculations()
    {
    }
}
