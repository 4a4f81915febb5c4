using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baricitinib.CdsHooks;

/// <summary>
/// Lenient reading of the few FHIR R4 fields the service uses, straight from the JSON (System.Text.Json.Nodes): an
/// element that is missing or of the wrong type reads as absent, and the original resource stays whole for an
/// <c>update</c> suggestion. Why not the Firely SDK: docs/cds-hooks.md.
/// </summary>
internal static class Fhir
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Snomed = "http://snomed.info/sct";

    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A JSON number as decimal (exact for the decimal text a lab sends); null when absent, not a number or out of range.</summary>
    public static decimal? Num(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static JsonObject? Obj(this JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonObject : null;

    public static IEnumerable<JsonNode> Arr(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? a.Where(x => x is not null).Select(x => x!) : [];

    public static string? ResourceType(this JsonNode? node) => node.Str("resourceType");

    /// <summary>The codings of a CodeableConcept.</summary>
    public static IEnumerable<(string? System, string? Code, string? Display)> Codings(this JsonNode? concept) =>
        concept.Arr("coding").Select(c => (c.Str("system"), c.Str("code"), c.Str("display")));

    /// <summary>The resources of a prefetch value or a search answer: a Bundle's entries, or the resource itself.</summary>
    public static IEnumerable<JsonObject> Resources(JsonNode? value) =>
        value.ResourceType() == "Bundle"
            ? value.Arr("entry").Select(e => e.Obj("resource")).OfType<JsonObject>()
            : value is JsonObject single ? [single] : [];

    /// <summary>When the observation was made: effectiveDateTime, else the end (or start) of effectivePeriod, else issued.</summary>
    public static DateTimeOffset? When(JsonNode observation) =>
        Date(observation.Str("effectiveDateTime"))
        ?? Date(observation.Obj("effectivePeriod").Str("end"))
        ?? Date(observation.Obj("effectivePeriod").Str("start"))
        ?? Date(observation.Str("effectiveInstant"))
        ?? Date(observation.Str("issued"));

    /// <summary>A FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD, or with time and zone); partial dates read as their start.</summary>
    public static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;
    }
}
