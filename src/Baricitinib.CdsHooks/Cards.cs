using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.CdsHooks;

/// <summary>The engine's answer for one order, as <c>GET /api/v1/dose</c> would give it for the same fields.</summary>
/// <param name="Result">The result, when every input is valid.</param>
/// <param name="Errors">Why there is no result (missing or invalid inputs).</param>
public sealed record Evaluation(DosingResult? Result, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Cards for one order: one primary card, and a data card when something the check needs was missing, stale or
/// unreadable. Quiet when right: an order whose dose and frequency match the primary label gets no primary card (an
/// <c>info</c> one only with <c>ConfirmMatchingOrders</c>). Otherwise <c>warning</c> for an order that differs from the
/// recommendation, a dose the order does not give, or an indication the label does not approve, and <c>critical</c>
/// for not recommended. Other labels' differences are told in the detail, never a reason for a card by themselves.
/// </summary>
internal sealed class CardBuilder(CdsHooksOptions options, SourceRegistry registry, Uri baseUrl)
{
    private const int MaxSummary = 139;
    private const string OverrideSystem = "urn:baricitinib-calculator:cds-hooks:override-reasons";

    private static readonly string[] NeverInTheRecord =
    [
        "dialysis or acute kidney injury", "hepatic impairment", "pregnancy and breastfeeding", "active tuberculosis",
        "other immunosuppressants", "higher-risk groups (VTE, MACE, malignancy, serious infections)",
    ];

    private const string Oat3NotChecked = "OAT3 inhibitors such as probenecid (among the draft orders only: the active medication list was not sent)";

    public IReadOnlyList<Card> Build(BaricitinibOrder order, MappedRequest mapped, Evaluation evaluation, CallRecord record)
    {
        var cards = new List<Card>();
        if (evaluation.Result is { } result && (options.ConfirmMatchingOrders || !Matches(order, result)))
        {
            cards.Add(Primary(order, mapped, result, record));
        }

        if (evaluation.Result is null || mapped.Missing.Count > 0 || mapped.Problems.Count > 0)
        {
            cards.Add(DataCard(mapped, evaluation));
        }

        return cards;
    }

    /// <summary>True when the order gives the primary label's dose and frequency for this patient (its schedule read).</summary>
    private static bool Matches(BaricitinibOrder order, DosingResult result) =>
        result.Recommendation is { Status: RecommendationStatus.Dose } r && order.Ordered is { Frequency: not null } o
        && o.DoseMg == r.DoseMg && o.Frequency == r.Frequency
        && !result.Flags.Any(f => f.Severity == Severity.Stop || (f.Severity == Severity.Warning && !QuietWarnings.Contains(f.Code)));

    // Warnings that describe how the dose an order already gives was reached: no reason for a card by themselves.
    private static readonly HashSet<string> QuietWarnings = new(StringComparer.Ordinal)
    {
        FlagCodes.RenalDoseReduced, FlagCodes.Oat3DoseReduced, FlagCodes.Oat3RenalCombinationUnclear, FlagCodes.UnverifiedRule,
    };

    private string LabelName => options.Jurisdiction switch
    {
        Jurisdiction.Us => "US label",
        Jurisdiction.Eu => "EU label",
    };

    private Card Primary(BaricitinibOrder order, MappedRequest mapped, DosingResult result, CallRecord record)
    {
        var recommendation = result.Recommendation;
        var primary = registry.Find(recommendation.Source);
        var label = primary?.Document.ShortTitle ?? recommendation.Source;
        var kidney = Kidney(result.KidneyFunction);
        var notApproved = recommendation.Status == RecommendationStatus.NotApproved;
        var notRecommended = !notApproved && (recommendation.Status == RecommendationStatus.NotRecommended || result.Flags.Any(f => f.Severity == Severity.Stop));
        var ordered = order.Ordered;
        var mismatch = recommendation.Status == RecommendationStatus.Dose && ordered is not null
            && (ordered.DoseMg != recommendation.DoseMg || (ordered.Frequency is not null && ordered.Frequency != recommendation.Frequency));
        var labelsDiffer = result.Sources.Where(s => s.Agreement == Agreement.Differs && registry.Find(s.Source)?.Document.Kind == DocumentKind.RegulatoryLabel).ToList();
        var matches = Matches(order, result);
        var indicator = notRecommended ? Indicator.Critical
            : matches ? Indicator.Info
            : mismatch || recommendation.Status != RecommendationStatus.Dose || result.Flags.Any(f => f.Severity == Severity.Warning) ? Indicator.Warning
            : Indicator.Info;
        var indication = mapped["indication"] is { } wire && WireNames.TryParse<Indication>(wire, out var named) ? Names.Indication(named) : "this indication";
        var ageOnly = result.Flags.Any(f => f.Code == FlagCodes.AgeOutsideAuthorisation);

        var summary = notRecommended ? $"Baricitinib not recommended for this patient: {label} ({kidney})" : recommendation.Status switch
        {
            RecommendationStatus.Dose when mismatch => $"Baricitinib: {(ordered!.DoseMg > recommendation.DoseMg ? "reduce" : "change")} to {recommendation.Text} ({kidney}, {label})",
            RecommendationStatus.Dose when ordered is not null => $"Baricitinib {recommendation.Text} matches the {label} ({kidney})",
            RecommendationStatus.Dose => $"Baricitinib: {recommendation.Text} recommended ({kidney}, {label})",
            RecommendationStatus.NotRecommended => $"Baricitinib not recommended for this patient: {label} ({kidney})",
            RecommendationStatus.NotApproved when ageOnly => $"Baricitinib is not approved for {indication} at this patient's age under the {LabelName}",
            RecommendationStatus.NotApproved => $"Baricitinib is not approved for {indication} under the {LabelName}",
            RecommendationStatus.NoLabelDose => $"Baricitinib: the {label} gives no dose for this patient",
            RecommendationStatus.Silent or RecommendationStatus.NeedsInput => $"Baricitinib: the {label} gives no answer for this patient",
        };
        if (labelsDiffer.Count > 0 && !notRecommended && !notApproved)
        {
            summary += "; labels differ";
        }

        var suggestions = new List<Suggestion>();
        if (notRecommended || notApproved)
        {
            var reference = "MedicationRequest/" + order.Id;
            suggestions.Add(new Suggestion("Remove the baricitinib order", Guid.NewGuid().ToString(),
                [new CdsAction("delete", $"Remove draft order {reference}", ResourceId: reference)]));
        }
        else if (mismatch && Update(order, recommendation) is { } update)
        {
            suggestions.Add(new Suggestion($"Change to {recommendation.Text}", Guid.NewGuid().ToString(),
                [new CdsAction("update", $"Set the draft baricitinib order to {recommendation.Text}", Resource: update)], IsRecommended: true));
        }

        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = Shorten(summary),
            Detail = PrimaryDetail(order, mapped, result, primary, mismatch, suggestions.Count > 0, record),
            Indicator = indicator,
            Source = Source(primary),
            Suggestions = suggestions.Count > 0 ? suggestions : null,
            SelectionBehavior = suggestions.Count > 0 ? "at-most-one" : null,
            OverrideReasons = indicator == Indicator.Info ? null : OverrideReasons(notRecommended),
            Links = [CalculatorLink(mapped)],
        };
    }

    private string PrimaryDetail(BaricitinibOrder order, MappedRequest mapped, DosingResult result, SourceInfo? primary, bool mismatch, bool suggested, CallRecord record)
    {
        var recommendation = result.Recommendation;
        var text = new StringBuilder();
        var title = primary?.Document.Title ?? recommendation.Source;
        text.Append(CultureInfo.InvariantCulture, $"**{(recommendation.Status == RecommendationStatus.Dose ? "Recommended: " : "")}{recommendation.Text}** — {title}, {recommendation.Citation}.");
        if (!recommendation.Verified)
        {
            text.Append(" Wording not confirmed: check the current label.");
        }

        text.Append("\n\n| | |\n|---|---|\n");
        var ordered = order.Ordered is { } o
            ? $"{o.DoseMg.ToString("0.##", CultureInfo.InvariantCulture)} mg {(o.Frequency is { } f ? Frequency(f) : "(schedule not read)")}"
            : "not readable from the order";
        text.Append(CultureInfo.InvariantCulture, $"| Ordered | {Md.Cell(ordered)}{(mismatch ? " — **differs from the recommendation**" : "")} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| Kidney function used | {Md.Cell(KidneyLong(result.KidneyFunction))} |\n");
        foreach (var used in mapped.Used)
        {
            var split = used.IndexOf(':', StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"| {Md.Cell(used[..split])} | {Md.Cell(used[(split + 1)..].Trim())} |\n");
        }

        if (result.Flags.Count > 0)
        {
            text.Append("\n**Flags**\n\n");
            foreach (var flag in result.Flags)
            {
                text.Append(CultureInfo.InvariantCulture, $"- **{WireNames.Of(flag.Severity)}** ({flag.Code}): {flag.Message} ({flag.Citation})\n");
            }
        }

        text.Append("\n**What the other sources say**\n\n");
        foreach (var source in result.Sources)
        {
            var agreement = source.Agreement switch
            {
                Agreement.Differs => "**differs**",
                Agreement.Agrees => "agrees",
                Agreement.Silent => "silent",
            };
            var why = source.Why ?? source.Note;
            text.Append(CultureInfo.InvariantCulture, $"- {source.Title}: {source.Recommendation.Text} — {agreement}{(why is null ? "" : ". " + why)} ({source.Citation})\n");
        }

        var notes = new List<string>(mapped.Notes);
        if (order.MatchedBy == MatchedBy.Text)
        {
            notes.Add("The product code was not recognised (the order was matched on the medication's name), so the tablet strength is unknown.");
        }

        if (mismatch && !suggested)
        {
            notes.Add("No change is offered: the order's product or dose unit cannot be changed safely by this service (no product code is configured for that strength); change the order by hand.");
        }

        if (notes.Count > 0)
        {
            text.Append('\n').Append(string.Join(" ", notes)).Append('\n');
        }

        var notChecked = NeverInTheRecord.Concat(record.MedicationsChecked || record.Oat3.Count > 0 ? [] : [Oat3NotChecked]).Concat(mapped.NotChecked);
        text.Append(CultureInfo.InvariantCulture, $"\nNot checked (not in the record this service reads): {string.Join(", ", notChecked)}.");
        if (!options.CodesConfirmed)
        {
            text.Append(" The medication and indication codes this service uses have not yet been confirmed by a pharmacist.");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n\nRule set {result.RuleSetVersion}. This check restates the labels; it does not replace the current prescribing information or clinical judgement.");
        return text.ToString();
    }

    private Card DataCard(MappedRequest mapped, Evaluation evaluation)
    {
        var noKidney = !mapped.HasKidneyFunction;
        var days = mapped["indication"] == WireNames.Of(Indication.Covid19) ? options.MaxAgeDaysCovid19 : options.MaxAgeDays;
        var summary = noKidney ? $"Baricitinib dose check: no usable kidney function result from the last {days} days — check eGFR or creatinine"
            : mapped["indication"] is null ? "Baricitinib dose check: the order has no indication this service recognises; the dose depends on it"
            : evaluation.Result is null ? "Baricitinib dose check: an input the check needs is missing or out of range"
            : "Baricitinib dose check: some results in the record were not used";
        var text = new StringBuilder();
        if (mapped.Missing.Count > 0)
        {
            text.Append("**Not checked, missing:** ").Append(string.Join("; ", mapped.Missing)).Append(".\n\n");
        }

        var errors = evaluation.Errors.Where(e => mapped.Missing.Count == 0 || !e.IsMissing).ToList();
        foreach (var error in errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {error.Field}: {error.Message}\n");
        }

        if (errors.Count > 0)
        {
            text.Append('\n');
        }

        if (mapped.Problems.Count > 0)
        {
            text.Append("**Found but not used:**\n\n");
            foreach (var problem in mapped.Problems)
            {
                text.Append("- ").Append(problem).Append('\n');
            }
        }

        text.Append("\nEnter the missing values in the calculator (the link carries what was found).");
        return new Card
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = Shorten(summary),
            Detail = text.ToString(),
            Indicator = noKidney || evaluation.Result is null ? Indicator.Warning : Indicator.Info,
            Source = new CardSource("Baricitinib dose calculator", baseUrl.ToString()),
            Links = [CalculatorLink(mapped)],
        };
    }

    /// <summary>The draft order, whole, with the first dosage's dose and schedule set to the recommendation — only when
    /// that is a pure dose change: the order is in mg and coded as the ingredient, or a product code of the target
    /// strength is configured (then the product code changes too).</summary>
    private JsonObject? Update(BaricitinibOrder order, Recommendation recommendation)
    {
        if (recommendation.DoseMg is not { } mg || recommendation.Frequency is not { } frequency || order.Code is null)
        {
            return null;
        }

        var product = order.Code.Ingredient ? order.Code
            : options.MedicationCodes.FirstOrDefault(c => c.StrengthMg == mg && !c.Ingredient && c.System == order.Code.System);
        if (product is null || order.Resource.Obj("medicationCodeableConcept") is null)
        {
            return null;
        }

        var copy = (JsonObject)order.Resource.DeepClone();
        copy.Remove("text"); // the EHR's narrative describes the old order
        var dosage = copy["dosageInstruction"] is JsonArray { Count: > 0 } dosages && dosages[0] is JsonObject first ? first : null;
        if (dosage is null)
        {
            return null;
        }

        // R4: the dose goes in doseAndRate[0].doseQuantity (an older, STU3-style doseQuantity on the dosage is replaced).
        var quantity = new JsonObject { ["value"] = mg, ["unit"] = "mg", ["system"] = Fhir.Ucum, ["code"] = "mg" };
        dosage.Remove("doseQuantity");
        if (dosage["doseAndRate"] is JsonArray { Count: > 0 } rates && rates[0] is JsonObject rate)
        {
            rate.Remove("doseRange");
            rate["doseQuantity"] = quantity;
        }
        else
        {
            dosage["doseAndRate"] = new JsonArray(new JsonObject { ["doseQuantity"] = quantity });
        }

        var timing = dosage["timing"] as JsonObject ?? new JsonObject();
        dosage["timing"] = timing;
        var repeat = timing["repeat"] as JsonObject ?? new JsonObject();
        timing["repeat"] = repeat;
        repeat["frequency"] = 1;
        repeat["period"] = frequency == Dosing.Model.Frequency.EveryOtherDay ? 2 : 1;
        repeat["periodUnit"] = "d";
        dosage.Remove("text"); // the old free-text instruction would contradict the new dose
        if (!order.Code.Ingredient)
        {
            copy["medicationCodeableConcept"] = new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = product.System, ["code"] = product.Code, ["display"] = product.Display ?? $"baricitinib {mg} MG Oral Tablet" }),
                ["text"] = product.Display ?? $"baricitinib {mg} mg tablet",
            };
        }

        return copy;
    }

    private static List<Coding> OverrideReasons(bool notRecommended) => notRecommended
        ?
        [
            new(OverrideSystem, "benefit-outweighs-risk", "Benefit outweighs risk (documented)"),
            new(OverrideSystem, "result-not-representative", "Kidney result not representative (e.g. acute illness)"),
        ]
        :
        [
            new(OverrideSystem, "nephrology-plan", "Dose agreed with nephrology"),
            new(OverrideSystem, "result-not-representative", "Kidney result not representative (e.g. acute illness)"),
            new(OverrideSystem, "other-label", "Prescribing under another jurisdiction's label"),
        ];

    private static CardSource Source(SourceInfo? primary) =>
        new(primary?.Document.Title ?? "Baricitinib dose calculator", primary?.Document.Url?.ToString());

    /// <summary>The calculator with the mapped inputs in its address (values only: no names, no identifiers).</summary>
    private CardLink CalculatorLink(MappedRequest mapped)
    {
        var query = string.Join("&", mapped.Pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return new CardLink("Open the baricitinib calculator with these values", (baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/?" + query), "absolute");
    }

    private static string Kidney(KidneyFunction kidney) => kidney.MeasureUsed is { } measure && kidney.Value is { } value
        ? $"{Measure(measure)} {value.ToString("0.#", CultureInfo.InvariantCulture)} {kidney.Unit}"
        : "kidney function not used";

    private static string KidneyLong(KidneyFunction kidney) =>
        Kidney(kidney) + (kidney.Band is { } band ? $", band {band}" : "") + (kidney.NearBandEdge ? " (near a band edge)" : "");

    private static string Measure(KidneyMeasure measure) => measure switch
    {
        KidneyMeasure.Egfr => "eGFR",
        KidneyMeasure.Crcl => "CrCl",
        KidneyMeasure.EgfrAbsolute => "eGFR (not indexed)",
        KidneyMeasure.Bsa => "BSA",
    };

    private static string Frequency(Frequency frequency) => frequency switch
    {
        Dosing.Model.Frequency.OnceDaily => "once daily",
        Dosing.Model.Frequency.EveryOtherDay => "every other day",
    };

    private static string Shorten(string summary) => summary.Length <= MaxSummary ? summary : summary[..(MaxSummary - 1)] + "…";
}
