using System.Text.Json.Nodes;
using Baricitinib.Dosing.Model;

namespace Baricitinib.CdsHooks;

/// <summary>How an order was recognised as baricitinib.</summary>
public enum MatchedBy
{
    /// <summary>A configured medication code.</summary>
    Code,
    /// <summary>The word "baricitinib" (or another configured word) in the medication's text: strength unknown.</summary>
    Text,
}

/// <summary>The dose written on an order, when it can be read.</summary>
/// <param name="DoseMg">mg per dose.</param>
/// <param name="Frequency">Once daily or every other day; null for any other schedule.</param>
public sealed record OrderedDose(decimal DoseMg, Frequency? Frequency);

/// <summary>A baricitinib MedicationRequest of the draft orders.</summary>
/// <param name="Id">The resource id.</param>
/// <param name="Resource">The resource as the EHR sent it (kept whole for an update suggestion).</param>
/// <param name="MatchedBy">How it was recognised.</param>
/// <param name="Code">The configured code that matched, if any.</param>
/// <param name="Ordered">The ordered dose, when it can be read.</param>
/// <param name="Reason">The order's reason (reasonCode concepts).</param>
public sealed record BaricitinibOrder(string Id, JsonObject Resource, MatchedBy MatchedBy, MedicationCode? Code, OrderedDose? Ordered,
    IReadOnlyList<JsonNode> Reason);

/// <summary>Finds baricitinib orders in <c>draftOrders</c> and reads the ordered dose.</summary>
internal static class Orders
{
    public static IReadOnlyList<BaricitinibOrder> Find(JsonObject draftOrders, IReadOnlyCollection<string>? selections, CdsHooksOptions options)
    {
        var resources = Fhir.Resources(draftOrders).ToList();
        var found = new List<BaricitinibOrder>();
        foreach (var request in resources.Where(r => r.ResourceType() == "MedicationRequest"))
        {
            var id = request.Str("id") ?? "";
            if (selections is not null && !selections.Contains("MedicationRequest/" + id))
            {
                continue; // order-select: only the orders just selected
            }

            var concepts = MedicationConcepts(request, resources).ToList();
            var code = concepts.SelectMany(c => c.Codings())
                .Select(c => options.MedicationCodes.FirstOrDefault(m => m.System == c.System && m.Code == c.Code))
                .FirstOrDefault(m => m is not null);
            if (code is not null)
            {
                found.Add(new BaricitinibOrder(id, request, MatchedBy.Code, code, Dose(request, code), request.Arr("reasonCode").ToList()));
            }
            else if (concepts.Any(c => Mentions(c, options.MedicationWords)))
            {
                found.Add(new BaricitinibOrder(id, request, MatchedBy.Text, null, Dose(request, null), request.Arr("reasonCode").ToList()));
            }
        }

        return found;
    }

    /// <summary>The medication's concept: medicationCodeableConcept, or the Medication a medicationReference points to
    /// (contained, or elsewhere in the draft orders).</summary>
    private static IEnumerable<JsonNode> MedicationConcepts(JsonObject request, List<JsonObject> bundle)
    {
        if (request.Obj("medicationCodeableConcept") is { } concept)
        {
            yield return concept;
        }

        var reference = request.Obj("medicationReference").Str("reference");
        if (reference is null)
        {
            yield break;
        }

        var medications = reference.StartsWith('#')
            ? request.Arr("contained").Where(c => c.ResourceType() == "Medication" && "#" + c.Str("id") == reference)
            : bundle.Where(r => r.ResourceType() == "Medication" && "Medication/" + r.Str("id") == reference);
        foreach (var medication in medications)
        {
            if (medication.Obj("code") is { } code)
            {
                yield return code;
            }
        }
    }

    private static bool Mentions(JsonNode concept, IList<string> words)
    {
        var texts = concept.Codings().Select(c => c.Display).Append(concept.Str("text")).OfType<string>();
        return texts.Any(t => words.Any(w => w.Length > 0 && t.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The first dosage instruction: dose (R4 doseAndRate, or the older doseQuantity) in mg, or in tablets
    /// times a known strength; frequency from timing.repeat.</summary>
    private static OrderedDose? Dose(JsonObject request, MedicationCode? code)
    {
        var dosage = request.Arr("dosageInstruction").FirstOrDefault();
        var quantity = dosage.Arr("doseAndRate").FirstOrDefault().Obj("doseQuantity") ?? dosage.Obj("doseQuantity");
        if (quantity.Num("value") is not { } value || value <= 0)
        {
            return null;
        }

        var unit = quantity.Str("code") ?? quantity.Str("unit");
        decimal? mg = unit switch
        {
            "mg" => value,
            "{tbl}" or "TAB" or "tablet" or "tablets" when code?.StrengthMg is { } strength => value * strength,
            _ => null, // a unit string from the EHR: any other value is not read
        };
        if (mg is null)
        {
            return null;
        }

        var repeat = dosage.Obj("timing").Obj("repeat");
        var frequency = (repeat.Num("frequency"), repeat.Num("period"), repeat.Str("periodUnit")) switch
        {
            (1, 1, "d") => Frequency.OnceDaily,
            (1, 2, "d") => Frequency.EveryOtherDay,
            _ => (Frequency?)null, // any other schedule is not one the labels give
        };
        return new OrderedDose(mg.Value, frequency);
    }
}
