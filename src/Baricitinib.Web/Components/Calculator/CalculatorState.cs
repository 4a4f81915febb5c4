using Baricitinib.Dosing.Input;
using Microsoft.AspNetCore.WebUtilities;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>
/// Everything the user typed, as text, keyed by the API field names: nothing typed is lost, and the address
/// carries exactly this (decisions.md, Input rules: page mode).
/// </summary>
public sealed class CalculatorState
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        [Fields.Jurisdiction] = "us",
        [Fields.CreatinineUnit] = "mg/dL",
        [Fields.HepaticImpairment] = "none",
        [Fields.CockcroftGaultWeight] = "actual",
    };

    // Always in the address, so a saved link never depends on the server's default label.
    private static readonly HashSet<string> AlwaysInAddress = new(StringComparer.Ordinal) { Fields.Jurisdiction };

    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);

    /// <summary>The text of a field ("" when empty; the default for choices with one).</summary>
    public string this[string field]
    {
        get => _raw.TryGetValue(field, out var v) ? v : Defaults.GetValueOrDefault(field, "");
        set => _raw[field] = value;
    }

    /// <summary>The fields the user has given (not empty, not unticked, not a default), in the contract's order; the
    /// jurisdiction always.</summary>
    public IEnumerable<string> Given() =>
        Fields.All.Select(f => f.Name).Where(name => this[name] is { Length: > 0 } value && value != "false"
            && (AlwaysInAddress.Contains(name) || Defaults.GetValueOrDefault(name) != value));

    /// <summary>Empties every input (defaults apply again).</summary>
    public void Clear() => _raw.Clear();

    /// <summary>True when a checkbox field is ticked.</summary>
    public bool IsChecked(string field) => this[field] == "true";

    /// <summary>A state loaded from an address.</summary>
    public static CalculatorState FromUri(Uri uri)
    {
        var state = new CalculatorState();
        state.Load(uri);
        return state;
    }

    /// <summary>Replaces every value with those of an address: the first of repeated parameters wins; unknown ones are ignored.</summary>
    public void Load(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _raw.Clear();
        foreach (var (key, values) in QueryHelpers.ParseQuery(uri.Query))
        {
            if (Fields.Find(key) is not null && values.Count > 0)
            {
                _raw[key] = values[0] ?? "";
            }
        }
    }

    /// <summary>The query string of this state: every non-empty value that is not a default, in the contract's order.</summary>
    public string ToQueryString()
    {
        var parts = Given().Select(name => $"{name}={Uri.EscapeDataString(this[name])}");
        var query = string.Join("&", parts);
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>The text as pairs for the parser.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Pairs() =>
        Fields.All.Select(f => new KeyValuePair<string, string?>(f.Name, this[f.Name]));

    /// <summary>Parses the text (page mode).</summary>
    public ParseResult Parse() => DosingRequestParser.Parse(Pairs(), InputMode.Page);
}
