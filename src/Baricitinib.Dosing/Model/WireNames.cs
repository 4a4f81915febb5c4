using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Baricitinib.Dosing.Model;

/// <summary>
/// The contract's spelling of every enumeration value (lower-case kebab case, e.g. <c>covid-19</c>), read from
/// the <see cref="JsonStringEnumMemberNameAttribute"/> on each member, so JSON, query strings and the page agree.
/// </summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<Type, (Dictionary<Enum, string> ToWire, Dictionary<string, Enum> FromWire)> Cache = new();

    /// <summary>The wire name of an enumeration value.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Maps(typeof(TEnum)).ToWire[value];

    /// <summary>Every wire name of an enumeration, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => Of(v))];

    /// <summary>Parses a wire name exactly (case-sensitive, as the contract spells it).</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        if (text is not null && Maps(typeof(TEnum)).FromWire.TryGetValue(text, out var found))
        {
            value = (TEnum)found;
            return true;
        }

        value = default;
        return false;
    }

    private static (Dictionary<Enum, string> ToWire, Dictionary<string, Enum> FromWire) Maps(Type type) =>
        Cache.GetOrAdd(type, static t =>
        {
            var toWire = new Dictionary<Enum, string>();
            var fromWire = new Dictionary<string, Enum>(StringComparer.Ordinal);
            foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (Enum)field.GetValue(null)!;
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
                toWire[value] = name;
                fromWire[name] = value;
            }

            return (toWire, fromWire);
        });
}
