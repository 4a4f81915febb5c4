using System.Text.Json.Nodes;

namespace Baricitinib.CdsHooks;

/// <summary>
/// The resources a call brings beyond the orders themselves: the draft orders' bundle, the <c>medications</c> and
/// <c>conditions</c> prefetch, and whatever was fetched from the EHR's FHIR server. A reference (<c>#contained</c>,
/// <c>Medication/123</c>, or an absolute one on the EHR's FHIR base) is resolved against them.
/// </summary>
internal sealed class RecordIndex
{
    private readonly Dictionary<string, JsonObject> _byTypeAndId = new(StringComparer.Ordinal);

    public RecordIndex(IEnumerable<JsonObject> resources, Uri? fhirServer)
    {
        FhirServer = fhirServer;
        Add(resources);
    }

    /// <summary>The EHR's FHIR base, when the call gave one (absolute references on it are the EHR's own).</summary>
    public Uri? FhirServer { get; }

    public void Add(IEnumerable<JsonObject> resources)
    {
        foreach (var resource in resources)
        {
            if (resource.ResourceType() is { } type && resource.Str("id") is { } id)
            {
                _byTypeAndId.TryAdd(type + "/" + id, resource);
            }
        }
    }

    /// <summary>"Medication/123" for a relative or absolute reference of that type; null for anything else.</summary>
    public string? Relative(string reference, string type)
    {
        var marker = type + "/";
        if (reference.StartsWith(marker, StringComparison.Ordinal))
        {
            return reference.Split('/', 3) is [_, var id] && id.Length > 0 ? reference : null;
        }

        if (!Uri.TryCreate(reference, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var path = absolute.AbsolutePath.TrimEnd('/');
        var at = path.LastIndexOf("/" + marker, StringComparison.Ordinal);
        if (at < 0 || path[(at + marker.Length + 1)..] is not { Length: > 0 } tail || tail.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        // On the EHR's FHIR base when the call names one; without it, prefetch and draft orders are the EHR's own.
        if (FhirServer is { } server)
        {
            var onBase = absolute.GetLeftPart(UriPartial.Authority) + path[..at];
            if (!string.Equals(onBase.TrimEnd('/'), server.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return marker + tail;
    }

    /// <summary>The resource a reference points to: contained in <paramref name="holder"/>, or in the record.</summary>
    public JsonObject? Resolve(JsonObject holder, string? reference, string type)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.StartsWith('#'))
        {
            return holder.Arr("contained").OfType<JsonObject>().FirstOrDefault(c => c.ResourceType() == type && "#" + c.Str("id") == reference);
        }

        return Relative(reference, type) is { } key && _byTypeAndId.TryGetValue(key, out var found) ? found : null;
    }

    /// <summary>The references of <paramref name="type"/> that the record does not resolve, as relative references
    /// (<c>Medication/123</c>) to fetch from the FHIR server; contained ones (<c>#id</c>) are never fetched.</summary>
    public IReadOnlyList<string> Unresolved(IEnumerable<(JsonObject Holder, string? Reference)> references, string type) =>
        [.. references
            .Where(x => x.Reference is not null && !x.Reference.StartsWith('#') && Resolve(x.Holder, x.Reference, type) is null)
            .Select(x => Relative(x.Reference!, type))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    /// <summary>True when a subject reference names this patient: <c>Patient/id</c>, or absolute on the EHR's FHIR base.</summary>
    public bool IsPatient(string reference, string patientId) => Relative(reference, "Patient") == "Patient/" + patientId;
}

/// <summary>What the call says beyond the orders and observations: the patient's active conditions, the strong OAT3
/// inhibitors found, and whether the medications were there to look at.</summary>
/// <param name="Conditions">Conditions of the <c>conditions</c> prefetch (or fetched).</param>
/// <param name="Oat3">Strong OAT3 inhibitors among the draft orders and active medications.</param>
/// <param name="MedicationsChecked">True when the active medication list was sent or fetched.</param>
internal sealed record CallRecord(IReadOnlyList<JsonObject> Conditions, IReadOnlyList<Oat3Finding> Oat3, bool MedicationsChecked);
