using System.Globalization;
using System.Text.RegularExpressions;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Input;

/// <summary>Where the text came from, which sets how strict parsing is (decisions.md, Input rules).</summary>
public enum InputMode
{
    /// <summary>The page and its address: ',' is a decimal separator too; an empty box is "not given"; unknown
    /// parameters are ignored and the first of repeated ones is used.</summary>
    Page,
    /// <summary>The JSON API: '.' only; unknown and repeated names are refused.</summary>
    Api,
}

/// <summary>A parsed request and every field error met on the way (nothing typed is dropped silently).</summary>
/// <param name="Request">The request built from the values that parsed.</param>
/// <param name="Errors">One error per field that did not parse.</param>
public sealed record ParseResult(DosingRequest Request, IReadOnlyList<FieldError> Errors)
{
    /// <summary>These parse errors, then the validation errors of every field that parsed (a field that did not
    /// parse is reported once, for what was typed); only the body error when the body could not be read.</summary>
    public IReadOnlyList<FieldError> CombineWith(IEnumerable<FieldError> validationErrors) =>
        Errors.Any(e => e.Field == DosingRequestJson.BodyKey)
            ? Errors // a body that could not be read has no fields to validate
            : [.. Errors, .. validationErrors.Where(v => Errors.All(p => p.Field != v.Field))];
}

/// <summary>Turns name/value text pairs (a query string, a form, or JSON values) into a <see cref="DosingRequest"/>.</summary>
public static partial class DosingRequestParser
{
    /// <summary>Longest value accepted in any field (decisions.md, Input rules).</summary>
    public const int MaxValueLength = 32;

    // ASCII digits only: \d would also match full-width, Arabic-Indic and Devanagari digits, which double.Parse refuses.
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>Parses text pairs; never throws.</summary>
    public static ParseResult Parse(IEnumerable<KeyValuePair<string, string?>> pairs, InputMode mode)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var errors = new List<FieldError>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            if (Fields.Find(name) is null)
            {
                if (mode == InputMode.Api)
                {
                    errors.Add(new FieldError(name, $"'{name}' is not a known field. Known fields: {string.Join(", ", Fields.All.Select(f => f.Name))}.", false));
                }

                continue;
            }

            if (!values.TryAdd(name, value) && mode == InputMode.Api && errors.All(e => e.Field != name))
            {
                errors.Add(new FieldError(name, $"'{name}' is given more than once; give it once.", false));
            }
        }

        var request = new DosingRequest();
        foreach (var (name, raw) in values)
        {
            var spec = Fields.Find(name)!;
            if (raw is { Length: > MaxValueLength })
            {
                errors.Add(new FieldError(name, $"{spec.Label} is too long: at most {MaxValueLength} characters.", false));
                continue;
            }

            var text = raw?.Trim() ?? "";
            if (text.Length == 0)
            {
                if (mode == InputMode.Api)
                {
                    errors.Add(new FieldError(name, $"{spec.Label} is empty; give a value or leave the field out.", false));
                }

                continue;
            }

            var error = spec.Kind switch
            {
                FieldKind.Number => ParseNumber(spec, text, mode, ref request),
                FieldKind.Boolean => ParseBoolean(spec, text, ref request),
                FieldKind.Choice => ParseChoice(spec, text, ref request),
            };
            if (error is not null)
            {
                errors.Add(new FieldError(name, error, false));
            }
        }

        return new ParseResult(request, errors);
    }

    /// <summary>Parses a query string (<c>indication=covid-19&amp;ageYears=8.9</c>, with or without a leading <c>?</c>,
    /// percent-encoded or not); never throws.</summary>
    public static ParseResult ParseQuery(string query, InputMode mode)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string?>(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""));
        return Parse(pairs, mode);
    }

    /// <summary>The request as query-string pairs with the API's names (only the fields that are set).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ToPairs(DosingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var spec in Fields.All)
        {
            var text = Fields.Format(spec, request);
            if (text is not null)
            {
                yield return new(spec.Name, text);
            }
        }
    }

    private static string? ParseNumber(FieldSpec spec, string text, InputMode mode, ref DosingRequest request)
    {
        if (mode == InputMode.Page)
        {
            text = text.Replace(',', '.');
        }
        else if (text.Contains(',', StringComparison.Ordinal))
        {
            return $"{spec.Label} must be a number with '.' as the decimal separator (e.g. 45.5).";
        }

        if (!NumberPattern().IsMatch(text) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return text.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c))
                ? $"{spec.Label} must be written with the digits 0–9 (e.g. 45.5)."
                : $"{spec.Label} must be a number (e.g. 45.5).";
        }

        if (!double.IsFinite(value))
        {
            return $"{spec.Label} is too large to be a real value.";
        }

        request = spec.SetNumber!(request, value);
        return null;
    }

    private static string? ParseBoolean(FieldSpec spec, string text, ref DosingRequest request)
    {
        if (text is not ("true" or "false"))
        {
            return $"{spec.Label} must be true or false.";
        }

        request = spec.SetBoolean!(request, text == "true");
        return null;
    }

    private static string? ParseChoice(FieldSpec spec, string text, ref DosingRequest request)
    {
        if (spec.SetChoice!(request, text) is not { } updated)
        {
            return $"{spec.Label} must be one of: {string.Join(", ", spec.Choices)}.";
        }

        request = updated;
        return null;
    }
}
