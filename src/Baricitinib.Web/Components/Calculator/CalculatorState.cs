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
    private readonly HashSet<string> _left = new(StringComparer.Ordinal);

    /// <summary>Records that the user left a field (its message may show from now on).</summary>
    public void Leave(string field) => _left.Add(field);

    /// <summary>True once the user has left the field.</summary>
    public bool HasLeft(string field) => _left.Contains(field);

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

    /// <summary>The page-only unit parameters (weightUnit, heightUnit) and their first (default) unit.</summary>
    private static readonly Dictionary<string, FieldSpec> UnitFields =
        Fields.All.Where(f => f.UnitParameter is not null).ToDictionary(f => f.UnitParameter!, StringComparer.Ordinal);

    /// <summary>The unit chosen for a number field (its own unit unless the user chose another).</summary>
    public FieldUnit UnitOf(FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.UnitParameter is { } parameter && _raw.TryGetValue(parameter, out var chosen)
            ? field.PageUnits.FirstOrDefault(u => u.Name == chosen) ?? field.PageUnits[0]
            : field.PageUnits.Count > 0 ? field.PageUnits[0] : new FieldUnit("", 1);
    }

    /// <summary>Empties every input (defaults apply again).</summary>
    public void Clear()
    {
        _raw.Clear();
        _left.Clear();
    }

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
            if ((Fields.Find(key) is not null || UnitFields.ContainsKey(key)) && values.Count > 0)
            {
                _raw[key] = values[0] ?? "";
            }
        }
    }

    /// <summary>The query string of this state: every non-empty value that is not a default, in the contract's order.</summary>
    public string ToQueryString()
    {
        var parts = Given().SelectMany(name => UnitPart(name) is { } unit
                ? new[] { $"{name}={Uri.EscapeDataString(this[name])}", unit }
                : [$"{name}={Uri.EscapeDataString(this[name])}"]);
        var query = string.Join("&", parts);
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>A field's value as people read it, with its unit when it is not the field's own.</summary>
    public string DisplayValue(FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var text = Display.Value(field, this[field.Name]);
        return field.PageUnits.Count > 1 && UnitOf(field) is var unit && unit != field.PageUnits[0] ? $"{text} {unit.Name}" : text;
    }

    private string? UnitPart(string name) =>
        Fields.Find(name) is { UnitParameter: { } parameter } field && UnitOf(field) is var unit && unit != field.PageUnits[0]
            ? $"{parameter}={Uri.EscapeDataString(unit.Name)}"
            : null;

    /// <summary>The text as pairs for the parser; a number typed in another unit (lb, in) is converted to the field's.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Pairs() =>
        Fields.All.Select(f => new KeyValuePair<string, string?>(f.Name, InFieldUnit(f, this[f.Name])));

    private string InFieldUnit(FieldSpec field, string text)
    {
        var unit = UnitOf(field);
        if (unit.InFieldUnit == 1 || text.Length is 0 or > DosingRequestParser.MaxValueLength
            || !double.TryParse(text.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || text.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c)))
        {
            return text; // left as typed: the parser names the field and says what is wrong
        }

        return (value * unit.InFieldUnit).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the text (page mode).</summary>
    public ParseResult Parse() => DosingRequestParser.Parse(Pairs(), InputMode.Page);
}
