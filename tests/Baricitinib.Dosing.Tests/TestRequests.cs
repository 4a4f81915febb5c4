using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests;

/// <summary>Builds requests from query strings (the API's names), so test data reads like the contract.</summary>
internal static class TestRequests
{
    public static DosingRequest FromQuery(string query)
    {
        var parsed = DosingRequestParser.ParseQuery(query, InputMode.Api);
        Assert.True(parsed.Errors.Count == 0, $"Test request does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        return parsed.Request;
    }

    public static DosingResult Calculate(string query) => Calculate(FromQuery(query));

    public static DosingResult Calculate(DosingRequest request)
    {
        var outcome = new DosingCalculator().Calculate(request);
        Assert.True(outcome.Result is not null, $"Request is not valid: {string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        return outcome.Result!;
    }
}
