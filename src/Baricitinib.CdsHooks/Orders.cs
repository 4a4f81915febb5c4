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

/// <summary>A strong OAT3 inhibitor found in the call, and where.</summary>
/// <param name="Name">The medication as the record names it.</param>
/// <param name="Where">"among the draft orders" or "in the active medication list".</param>
public sealed record Oat3Finding(string Name, string Where);

/// <summary>Finds baricitinib orders in <c>draftOrders</c> and reads the ordered dose; finds strong OAT3 inhibitors.</summary>
internal static class Orders
{
    public static IReadOnlyList<BaricitinibOrder> Find(JsonObject draftOrders, IReadOnlyCollection<string>? selections, CdsHooksOptions options, RecordIndex index)
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

            var concepts = MedicationConcepts(request, index).ToList();
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

    /// <summary>
    /// The medication's concepts: medicationCodeableConcept, the Medication a medicationReference points to (contained,
    /// in the draft orders, in the prefetch, or fetched from the FHIR server), and, when none of those has it, the
    /// reference's display text (read as a concept with text only).
    /// </summary>
    public static IEnumerable<JsonNode> MedicationConcepts(JsonObject request, RecordIndex index)
    {
        if (request.Obj("medicationCodeableConcept") is { } concept)
        {
            yield return concept;
        }

        var reference = request.Obj("medicationReference");
        if (index.Resolve(request, reference.Str("reference"), "Medication")?.Obj("code") is { } code)
        {
            yield return code;
        }
        else if (reference.Str("display") is { } display)
        {
            yield return new JsonObject { ["text"] = display };
        }
    }

    /// <summary>The medicationReference of every MedicationRequest among the draft orders.</summary>
    public static IEnumerable<(JsonObject Holder, string? Reference)> MedicationReferences(JsonObject draftOrders) =>
        Fhir.Resources(draftOrders).Where(r => r.ResourceType() == "MedicationRequest")
            .Select(r => (r, r.Obj("medicationReference").Str("reference")));

    /// <summary>The reasonReference of every baricitinib order.</summary>
    public static IEnumerable<(JsonObject Holder, string? Reference)> ReasonReferences(IEnumerable<BaricitinibOrder> orders) =>
        orders.SelectMany(o => o.Resource.Arr("reasonReference").Select(r => (o.Resource, r.Str("reference"))));

    private static bool Mentions(JsonNode concept, IList<string> words)
    {
        var texts = concept.Codings().Select(c => c.Display).Append(concept.Str("text")).OfType<string>();
        return texts.Any(t => words.Any(w => w.Length > 0 && t.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Strong OAT3 inhibitors (probenecid by RxNorm ingredient or by name; the lists are configurable) among the other
    /// draft orders and the active MedicationRequests of the <c>medications</c> prefetch.
    /// </summary>
    public static IReadOnlyList<Oat3Finding> Oat3Inhibitors(JsonObject draftOrders, IReadOnlyList<JsonObject> medications, CdsHooksOptions options, RecordIndex index)
    {
        var found = new List<Oat3Finding>();
        Look(Fhir.Resources(draftOrders), "among the draft orders");
        Look(medications.Where(m => m.Str("status") is null or "active" or "draft" or "on-hold"), "in the active medication list");
        return found;

        void Look(IEnumerable<JsonObject> requests, string where)
        {
            foreach (var request in requests.Where(r => r.ResourceType() == "MedicationRequest"))
            {
                var concepts = MedicationConcepts(request, index).ToList();
                var coded = concepts.SelectMany(c => c.Codings())
                    .FirstOrDefault(c => options.Oat3InhibitorCodes.Any(m => m.System == c.System && m.Code == c.Code));
                if (coded.Code is not null)
                {
                    found.Add(new Oat3Finding(coded.Display ?? options.Oat3InhibitorCodes.First(m => m.Code == coded.Code).Display ?? coded.Code, where));
                }
                else if (concepts.FirstOrDefault(c => Mentions(c, options.Oat3InhibitorWords)) is { } named)
                {
                    found.Add(new Oat3Finding(named.Str("text") ?? named.Codings().Select(c => c.Display).OfType<string>().FirstOrDefault() ?? "a strong OAT3 inhibitor", where));
                }
            }
        }
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

        // Units as EHRs write them, without regard to case ("mg", "MG"; "{tbl}", "TAB", "tablet").
        var unit = (quantity.Str("code") ?? quantity.Str("unit"))?.Trim().ToLowerInvariant();
        decimal? mg = unit switch
        {
            "mg" => value,
            "{tbl}" or "tab" or "tabs" or "tablet" or "tablets" when code?.StrengthMg is { } strength => value * strength,
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
