using System.Globalization;
using System.Text.RegularExpressions;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>
/// Everything the user typed, as text, keyed by the API field names: nothing typed is lost, and the address
/// carries exactly this (decisions.md, Input rules: page mode).
/// </summary>
public sealed partial class CalculatorState
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
        _exact.Clear();
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
        _exact.Clear();
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

    /// <summary>A field's value as people read it, with its unit for a field whose unit can be chosen ("176.4 lb").</summary>
    public string DisplayValue(FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var text = Display.Value(field, this[field.Name]);
        return field.PageUnits.Count > 1 ? $"{text} {UnitOf(field).Name}" : text;
    }

    /// <summary>The field's name for a line that gives its value with the unit ("Weight", beside "176.4 lb").</summary>
    public static string PrintLabel(FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.PageUnits.Count > 1 ? BaseName(field) : field.Label;
    }

    /// <summary>The field's visible label in the chosen unit: "Weight (lb)" once pounds are chosen (ui.md, Settled 2026-12-06).</summary>
    public string LabelOf(string name)
    {
        if (Fields.Find(name) is not { } field)
        {
            return name;
        }

        return field.PageUnits.Count > 1 && UnitOf(field) is var unit && unit != field.PageUnits[0] ? $"{BaseName(field)} ({unit.Name})" : field.Label;
    }

    private static string BaseName(FieldSpec field) => field.Label.Split(" (")[0];

    // What a unit change wrote into a field, and the value in the field's own unit it stands for: as long as the field
    // still shows that text, the calculation uses the value itself, so a unit change never changes the patient
    // (80 kg → 176.4 lb → 80 kg, and the clearance in between is that of 80 kg).
    private readonly Dictionary<string, (string Text, double InFieldUnit)> _exact = new(StringComparer.Ordinal);

    /// <summary>
    /// Chooses another unit for a number field and converts the number already entered, to one decimal (decisions.md,
    /// Page state): the patient's weight and height never change because a unit did. Text that is not a number is
    /// left as typed (its message then names the new unit).
    /// </summary>
    public void ChangeUnit(FieldSpec field, string unitName)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.UnitParameter is not { } parameter)
        {
            return;
        }

        var from = UnitOf(field);
        _raw[parameter] = unitName;
        var to = UnitOf(field);
        if (to == from || ValueInFieldUnit(field, from) is not { } value)
        {
            return;
        }

        var text = Math.Round(value / to.InFieldUnit, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
        _raw[field.Name] = text;
        _exact[field.Name] = (text, value);
    }

    // The field's value in its own unit (kg, cm), given the unit it is shown in; null when the text is not a number.
    private double? ValueInFieldUnit(FieldSpec field, FieldUnit shownIn)
    {
        var text = this[field.Name];
        if (_exact.TryGetValue(field.Name, out var exact) && exact.Text == text)
        {
            return exact.InFieldUnit;
        }

        return text.Length is 0 or > DosingRequestParser.MaxValueLength
            || text.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c))
            || !double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            || !double.IsFinite(v)
            ? null
            : v * shownIn.InFieldUnit;
    }

    /// <summary>
    /// The library's messages as the page shows them: a field whose unit was changed is named with that unit, and
    /// the weights or heights its message gives are in that unit ("Weight must be between 1.2 and 881.8 lb.").
    /// </summary>
    public IReadOnlyList<FieldError> InChosenUnits(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        List<FieldError>? changed = null;
        for (var i = 0; i < errors.Count; i++)
        {
            var error = errors[i];
            if (Fields.Find(error.Field) is not { PageUnits.Count: > 1 } field || UnitOf(field) is var unit && unit == field.PageUnits[0])
            {
                continue;
            }

            var own = field.PageUnits[0];
            var message = error.Message.Replace(field.Label, LabelOf(field.Name), StringComparison.Ordinal);
            if (Regex.IsMatch(message, $@"\b{own.Name}\b"))
            {
                // A range's ends are rounded inwards, so that a value at either end shown here is accepted; any other
                // weight or height the message gives is rounded to one decimal.
                message = Between().IsMatch(message)
                    ? Between().Replace(message, m => $"between {Convert(m.Groups["low"].Value, unit, Math.Ceiling)} and {Convert(m.Groups["high"].Value, unit, Math.Floor)}")
                    : Regex.Replace(message, $@"(?<![\d.])\d+(?:\.\d+)?(?= ?(?:to\b|{own.Name}\b|,|\)))", m => Convert(m.Value, unit, v => Math.Round(v, MidpointRounding.AwayFromZero)));
                message = Regex.Replace(message, $@"\b{own.Name}\b", unit.Name);
            }

            (changed ??= [.. errors])[i] = error with { Message = message };
        }

        return changed ?? errors;

        static string Convert(string number, FieldUnit unit, Func<double, double> round) =>
            (round(double.Parse(number, CultureInfo.InvariantCulture) / unit.InFieldUnit * 10) / 10).ToString("0.#", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"between (?<low>\d+(?:\.\d+)?) and (?<high>\d+(?:\.\d+)?)")]
    private static partial Regex Between();

    private string? UnitPart(string name) =>
        Fields.Find(name) is { UnitParameter: { } parameter } field && UnitOf(field) is var unit && unit != field.PageUnits[0]
            ? $"{parameter}={Uri.EscapeDataString(unit.Name)}"
            : null;

    /// <summary>The text as pairs for the parser; a number typed in another unit (lb, in) is converted to the field's.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Pairs() =>
        Fields.All.Select(f => new KeyValuePair<string, string?>(f.Name, InFieldUnit(f, this[f.Name])));

    private string InFieldUnit(FieldSpec field, string text)
    {
        if (_exact.TryGetValue(field.Name, out var exact) && exact.Text == text)
        {
            return exact.InFieldUnit.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

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
