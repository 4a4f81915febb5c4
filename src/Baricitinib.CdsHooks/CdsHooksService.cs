using System.Text.Json;
using System.Text.Json.Nodes;
using Baricitinib.Dosing.Engine;

namespace Baricitinib.CdsHooks;

/// <summary>Fetches one FHIR query from the EHR's server; null when it cannot (never throws).</summary>
public interface IFhirFetcher
{
    Task<JsonNode?> GetAsync(Uri fhirServer, string query, string accessToken, CancellationToken cancel);
}

/// <summary>The answer to a call: 200 with cards, 400 (malformed call) or 412 (required data unobtainable).</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Response">The cards (200 only).</param>
/// <param name="Problem">What was wrong (400, 412), for the problem details.</param>
/// <param name="Decisions">One line per card for the audit log: no names, no identifiers beyond FHIR ids.</param>
public sealed record CallOutcome(int StatusCode, CdsResponse? Response, string? Problem, IReadOnlyList<CardDecision> Decisions)
{
    /// <summary>The call's hook and hookInstance, when it had them (for the audit log).</summary>
    public string Hook { get; init; } = "";

    public string HookInstance { get; init; } = "";

    public static CallOutcome BadRequest(string problem) => new(400, null, problem, []);
}

/// <summary>An audit line: which card was given for which order, with what status and indicator.</summary>
public sealed record CardDecision(string CardUuid, string OrderId, string Status, string Indicator, string RuleSetVersion);

/// <summary>
/// The <c>baricitinib-renal-dose</c> service for <c>order-sign</c> and <c>order-select</c>: checks the call, finds the
/// baricitinib orders (none: no cards, at once), gathers the patient's data from prefetch or the FHIR server, maps it
/// to the product's request fields and asks the same engine path as <c>GET /api/v1/dose</c> (the
/// <c>evaluate</c> delegate), then builds the cards.
/// </summary>
public sealed class CdsHooksService(CdsHooksOptions options, SourceRegistry registry, IFhirFetcher fetcher, TimeProvider time)
{
    public const string ServiceId = "baricitinib-renal-dose";
    public const string OrderSign = "order-sign";
    public const string OrderSelect = "order-select";

    /// <summary>The discovery document: one service id on both hooks, with the prefetch templates.</summary>
    public static DiscoveryDocument Discovery(CdsHooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefetch = PrefetchKeys.All.ToDictionary(k => k.Key, k => k.Template);
        prefetch[PrefetchKeys.Medications] = PrefetchKeys.MedicationsTemplate;
        prefetch[PrefetchKeys.Conditions] = PrefetchKeys.ConditionsTemplate;
        var usage = $"Needs a serum creatinine, eGFR or creatinine clearance from the last {options.MaxAgeDays} days ({options.MaxAgeDaysCovid19} for COVID-19) " +
            "and the patient's birth date. The indication is read from MedicationRequest.reasonCode or reasonReference, else from the active conditions; without it a card asks for it. " +
            "Strong OAT3 inhibitors (probenecid) are looked for among the draft orders and the active medications. Blood counts, weight and height are optional.";
        const string Title = "Baricitinib dose check (kidney function)";
        return new DiscoveryDocument(
        [
            new(OrderSign, ServiceId, Title,
                "Checks a baricitinib order against the US prescribing information or the EU SmPC for the patient's kidney function, age and blood counts, and says where the sources disagree.",
                prefetch, usage),
            new(OrderSelect, ServiceId, Title, "The same check when baricitinib is selected, before the dose is entered.", prefetch, usage),
        ]);
    }

    /// <param name="body">The request body.</param>
    /// <param name="baseUrl">This service's public address (for the cards' links).</param>
    /// <param name="fhirServerAllowed">Whether the call's <c>fhirServer</c> may be used with its token (the caller's
    /// configured servers, https): never anything the caller alone decides.</param>
    /// <param name="evaluate">The engine path of <c>GET /api/v1/dose</c>.</param>
    /// <param name="cancel">The request's cancellation.</param>
    public async Task<CallOutcome> CallAsync(JsonNode? body, Uri baseUrl, Func<Uri, bool> fhirServerAllowed,
        Func<IReadOnlyList<KeyValuePair<string, string>>, Evaluation> evaluate, CancellationToken cancel)
    {
        var outcome = await AnswerAsync(body, baseUrl, fhirServerAllowed, evaluate, cancel);
        return outcome with { Hook = body.Str("hook") ?? "", HookInstance = body.Str("hookInstance") ?? "" };
    }

    private async Task<CallOutcome> AnswerAsync(JsonNode? body, Uri baseUrl, Func<Uri, bool> fhirServerAllowed,
        Func<IReadOnlyList<KeyValuePair<string, string>>, Evaluation> evaluate, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        if (body is not JsonObject call)
        {
            return CallOutcome.BadRequest("The body must be a JSON object (a CDS Hooks request).");
        }

        var hook = call.Str("hook");
        if (hook is null || call.Str("hookInstance") is null)
        {
            return CallOutcome.BadRequest("hook and hookInstance are required.");
        }

        if (hook is not (OrderSign or OrderSelect))
        {
            return CallOutcome.BadRequest($"This service answers the order-sign and order-select hooks only, not '{Truncate(hook)}'.");
        }

        var context = call.Obj("context");
        var patientId = context.Str("patientId");
        var draftOrders = context.Obj("draftOrders");
        if (patientId is null || draftOrders is null)
        {
            return CallOutcome.BadRequest("context.patientId and context.draftOrders are required.");
        }

        IReadOnlyCollection<string>? selections = null;
        if (hook == OrderSelect)
        {
            if (context?["selections"] is not JsonArray selected)
            {
                return CallOutcome.BadRequest("context.selections is required for order-select.");
            }

            selections = [.. selected.Select(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "")];
        }

        if (call["fhirAuthorization"] is JsonObject && call.Str("fhirServer") is null)
        {
            return CallOutcome.BadRequest("fhirServer is required when fhirAuthorization is given.");
        }

        var access = FhirAccess(call, patientId, fhirServerAllowed);
        var prefetch = call.Obj("prefetch");
        var medications = prefetch is not null && prefetch.ContainsKey(PrefetchKeys.Medications) ? KeyData.Of(prefetch[PrefetchKeys.Medications]) : KeyData.Missing;
        var conditions = prefetch is not null && prefetch.ContainsKey(PrefetchKeys.Conditions) ? KeyData.Of(prefetch[PrefetchKeys.Conditions]) : KeyData.Missing;
        Uri.TryCreate(call.Str("fhirServer"), UriKind.Absolute, out var fhirServer);
        var index = new RecordIndex(Fhir.Resources(draftOrders).Concat(medications.Resources).Concat(conditions.Resources), fhirServer);
        // A medicationReference that neither the draft orders nor the prefetch hold is fetched from the FHIR server.
        await FetchAsync(access, index.Unresolved(Orders.MedicationReferences(draftOrders), "Medication"), index, cancel);

        var orders = Orders.Find(draftOrders, selections, options, index);
        if (orders.Count == 0)
        {
            return new CallOutcome(200, CdsResponse.Empty, null, []);
        }

        var data = await GatherAsync(call, patientId, access, cancel);
        if (access is { } recordAccess && (medications.Unavailable || conditions.Unavailable))
        {
            using var budget = Budget(cancel);
            var medicationsTask = medications.Unavailable ? fetcher.GetAsync(recordAccess.Server, PrefetchKeys.QueryFor(PrefetchKeys.MedicationsTemplate, patientId), recordAccess.Token, budget.Token) : Task.FromResult<JsonNode?>(null);
            var conditionsTask = conditions.Unavailable ? fetcher.GetAsync(recordAccess.Server, PrefetchKeys.QueryFor(PrefetchKeys.ConditionsTemplate, patientId), recordAccess.Token, budget.Token) : Task.FromResult<JsonNode?>(null);
            if (await medicationsTask is { } fetchedList && KeyData.Of(fetchedList) is { Unavailable: false } list)
            {
                medications = list;
            }

            if (await conditionsTask is { } fetchedConditions && KeyData.Of(fetchedConditions) is { Unavailable: false } found)
            {
                conditions = found;
                index.Add(found.Resources);
            }
        }

        // So is a reasonReference Condition that neither the call nor the conditions list holds.
        await FetchAsync(access, index.Unresolved(Orders.ReasonReferences(orders), "Condition"), index, cancel);

        var record = new CallRecord(conditions.Resources, Orders.Oat3Inhibitors(draftOrders, medications.Resources, options, index), !medications.Unavailable);
        if (Unobtainable(data) is { } missing)
        {
            return new CallOutcome(412, null,
                $"The {missing} could not be obtained: send the prefetch keys of the discovery document, or fhirServer (https) with fhirAuthorization.", []);
        }

        var cards = new List<Card>();
        var decisions = new List<CardDecision>();
        var builder = new CardBuilder(options, registry, baseUrl);
        foreach (var order in orders)
        {
            var mapped = new Mapping(options, time.GetUtcNow(), index).Map(patientId, order, data, record);
            var evaluation = evaluate(mapped.Pairs);
            foreach (var card in builder.Build(order, mapped, evaluation, record))
            {
                cards.Add(card);
                var status = evaluation.Result is { } r ? Dosing.Model.WireNames.Of(r.Recommendation.Status) : "incomplete";
                decisions.Add(new CardDecision(card.Uuid, order.Id, status, card.Indicator.ToString().ToLowerInvariant(), RuleSet.Version));
            }
        }

        return new CallOutcome(200, new CdsResponse(cards), null, decisions);
    }

    /// <summary>Prefetch first; a key the EHR did not send (or answered with an OperationOutcome) is fetched from the
    /// FHIR server when one is usable, all in parallel within the configured time.</summary>
    /// <summary>Fetches these references from the FHIR server, when the call allows it, into the record.</summary>
    private async Task FetchAsync((Uri Server, string Token)? access, IReadOnlyList<string> references, RecordIndex index, CancellationToken cancel)
    {
        if (access is not { } fhir || references.Count == 0)
        {
            return;
        }

        using var budget = Budget(cancel);
        var fetched = await Task.WhenAll(references.Select(reference => fetcher.GetAsync(fhir.Server, reference, fhir.Token, budget.Token)));
        index.Add(fetched.SelectMany(Fhir.Resources));
    }

    private CancellationTokenSource Budget(CancellationToken cancel)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        budget.CancelAfter(TimeSpan.FromMilliseconds(options.FhirTimeoutMilliseconds));
        return budget;
    }

    private async Task<Dictionary<string, KeyData>> GatherAsync(JsonObject call, string patientId, (Uri Server, string Token)? fhirAccess, CancellationToken cancel)
    {
        var prefetch = call.Obj("prefetch");
        var data = new Dictionary<string, KeyData>(StringComparer.Ordinal);
        foreach (var key in PrefetchKeys.All)
        {
            data[key.Key] = prefetch is not null && prefetch.ContainsKey(key.Key) ? KeyData.Of(prefetch[key.Key]) : KeyData.Missing;
        }

        var toFetch = PrefetchKeys.All.Where(k => data[k.Key].Unavailable).ToList();
        if (toFetch.Count == 0 || fhirAccess is not { } access)
        {
            return data;
        }

        using var budget = Budget(cancel);
        var fetched = await Task.WhenAll(toFetch.Select(async key =>
            (key, value: await fetcher.GetAsync(access.Server, key.QueryFor(patientId), access.Token, budget.Token))));
        foreach (var (key, value) in fetched)
        {
            if (value is not null)
            {
                data[key.Key] = KeyData.Of(value) is { Unavailable: false } got ? got : KeyData.Missing;
            }
        }

        return data;
    }

    /// <summary>The EHR's FHIR server and token, when they may be used: a server the host allows, a token, and a token
    /// patient (when given) that is this patient.</summary>
    private static (Uri Server, string Token)? FhirAccess(JsonObject call, string patientId, Func<Uri, bool> fhirServerAllowed)
    {
        var authorization = call.Obj("fhirAuthorization");
        var token = authorization.Str("access_token");
        if (token is null || !Uri.TryCreate(call.Str("fhirServer"), UriKind.Absolute, out var server))
        {
            return null;
        }

        if (!fhirServerAllowed(server))
        {
            return null;
        }

        if (authorization.Str("patient") is { } tokenPatient && tokenPatient != patientId)
        {
            return null;
        }

        return (server, token);
    }

    /// <summary>What is required and could not be obtained at all: the patient, or every kind of kidney function.</summary>
    private static string? Unobtainable(Dictionary<string, KeyData> data)
    {
        if (data[PrefetchKeys.Patient.Key].Unavailable)
        {
            return "patient (prefetch key 'patient')";
        }

        var kidney = new[] { PrefetchKeys.Egfr, PrefetchKeys.Creatinine, PrefetchKeys.Crcl };
        return kidney.All(k => data[k.Key].Unavailable) ? "kidney function (prefetch keys 'egfr', 'creatinine', 'crcl')" : null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>GETs a FHIR query with the EHR's token; any failure (status, timeout, not JSON, too large) is null.</summary>
public sealed class HttpFhirFetcher(HttpClient http) : IFhirFetcher
{
    public async Task<JsonNode?> GetAsync(Uri fhirServer, string query, string accessToken, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(fhirServer);
        try
        {
            var address = new Uri(fhirServer.ToString().TrimEnd('/') + "/" + query);
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.Accept.ParseAdd("application/fhir+json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancel);
            return await JsonNode.ParseAsync(stream, cancellationToken: cancel);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or UriFormatException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>One feedback item, as logged: never the clinician's free-text comment (it may hold health data).</summary>
public sealed record FeedbackItem(string Card, string Outcome, IReadOnlyList<string> AcceptedSuggestions, string? OverrideReasonCode, DateTimeOffset OutcomeTimestamp);

/// <summary>Reads <c>{"feedback": [...]}</c>; null with a message when the shape is wrong.</summary>
public static class Feedback
{
    public static (IReadOnlyList<FeedbackItem>? Items, string? Problem) Read(JsonNode? body)
    {
        if (body is not JsonObject o || o["feedback"] is not JsonArray list || list.Count == 0)
        {
            return (null, "The body must be {\"feedback\": [...]} with at least one item.");
        }

        var items = new List<FeedbackItem>();
        foreach (var item in list)
        {
            var card = item.Str("card");
            var outcome = item.Str("outcome");
            var when = Fhir.Date(item.Str("outcomeTimestamp"));
            if (card is null || outcome is not ("accepted" or "overridden") || when is null)
            {
                return (null, "Each feedback item needs card, outcome (accepted or overridden) and outcomeTimestamp.");
            }

            var accepted = item.Arr("acceptedSuggestions").Select(s => s.Str("id")).OfType<string>().ToList();
            var reason = item.Obj("overrideReason").Obj("reason").Str("code");
            items.Add(new FeedbackItem(card, outcome, accepted, reason, when.Value));
        }

        return (items, null);
    }
}
