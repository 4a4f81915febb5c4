using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Baricitinib.CdsHooks;

/// <summary>The answer to a service call: <c>{"cards": [...]}</c>; no guidance is an empty list.</summary>
public sealed record CdsResponse(IReadOnlyList<Card> Cards)
{
    public static CdsResponse Empty { get; } = new([]);
}

/// <summary>Card indicator (the specification's three values).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Indicator>))]
public enum Indicator
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>A card. Absent optional values are omitted, never null (the specification's JSON rules).</summary>
public sealed record Card
{
    public required string Uuid { get; init; }

    /// <summary>One sentence, under 140 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>GitHub-flavoured Markdown.</summary>
    public string? Detail { get; init; }

    public required Indicator Indicator { get; init; }

    public required CardSource Source { get; init; }

    public IReadOnlyList<Suggestion>? Suggestions { get; init; }

    /// <summary><c>at-most-one</c> whenever there are suggestions.</summary>
    public string? SelectionBehavior { get; init; }

    public IReadOnlyList<Coding>? OverrideReasons { get; init; }

    public IReadOnlyList<CardLink>? Links { get; init; }
}

public sealed record CardSource(string Label, string? Url = null);

public sealed record Suggestion(string Label, string Uuid, IReadOnlyList<CdsAction> Actions, bool? IsRecommended = null);

/// <summary>An action: <c>update</c> with the whole resource, or <c>delete</c> with its id.</summary>
public sealed record CdsAction(string Type, string Description, JsonNode? Resource = null, string? ResourceId = null);

public sealed record Coding(string System, string Code, string Display);

public sealed record CardLink(string Label, string Url, string Type);

/// <summary>The discovery document.</summary>
public sealed record DiscoveryDocument(IReadOnlyList<ServiceDescriptor> Services);

public sealed record ServiceDescriptor(string Hook, string Id, string Title, string Description,
    IReadOnlyDictionary<string, string> Prefetch, string? UsageRequirements = null);

/// <summary>Serializer settings of the CDS Hooks endpoints (source-generated): camelCase, absent values omitted.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CdsResponse))]
[JsonSerializable(typeof(DiscoveryDocument))]
public sealed partial class CdsJsonContext : JsonSerializerContext;
