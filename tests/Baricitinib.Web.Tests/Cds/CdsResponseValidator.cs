using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baricitinib.Web.Tests.Cds;

/// <summary>
/// Checks a CDS Hooks response or discovery document against the field tables of the specification (CDS Hooks 2.0,
/// "CDS Service Response", "Card Attributes", "Source", "Suggestion", "Action", "Link", "Discovery"): required fields,
/// allowed values, summary under 140 characters, selectionBehavior with suggestions, and no null or empty values
/// (except <c>"cards": []</c>, which the specification names as "no guidance"). Returns every problem found.
/// </summary>
public static class CdsResponseValidator
{
    public static IReadOnlyList<string> Response(JsonNode? response)
    {
        var problems = new List<string>();
        NoNullOrEmpty(response, "$", problems);
        if (response is not JsonObject root || root["cards"] is not JsonArray cards)
        {
            problems.Add("cards is REQUIRED and must be an array");
            return problems;
        }

        for (var i = 0; i < cards.Count; i++)
        {
            Card(cards[i] as JsonObject, $"cards[{i}]", problems);
        }

        if (root["systemActions"] is JsonArray actions)
        {
            for (var i = 0; i < actions.Count; i++)
            {
                Action(actions[i] as JsonObject, $"systemActions[{i}]", problems);
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> Discovery(JsonNode? document)
    {
        var problems = new List<string>();
        NoNullOrEmpty(document, "$", problems);
        if (document?["services"] is not JsonArray services)
        {
            problems.Add("services is REQUIRED and must be an array");
            return problems;
        }

        for (var i = 0; i < services.Count; i++)
        {
            var path = $"services[{i}]";
            var service = services[i] as JsonObject;
            Required(service, "hook", path, problems);
            Required(service, "id", path, problems);
            Required(service, "description", path, problems);
            if (service?["prefetch"] is JsonObject prefetch && prefetch.Any(p => p.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                problems.Add($"{path}.prefetch values must be strings (templates)");
            }
        }

        return problems;
    }

    private static void Card(JsonObject? card, string path, List<string> problems)
    {
        if (card is null)
        {
            problems.Add($"{path} must be an object");
            return;
        }

        if (Required(card, "summary", path, problems) is { } summary && summary.Length >= 140)
        {
            problems.Add($"{path}.summary must be under 140 characters ({summary.Length})");
        }

        if (Required(card, "indicator", path, problems) is { } indicator && indicator is not ("info" or "warning" or "critical"))
        {
            problems.Add($"{path}.indicator must be info, warning or critical, not {indicator}");
        }

        if (card["source"] is not JsonObject source)
        {
            problems.Add($"{path}.source is REQUIRED");
        }
        else
        {
            Required(source, "label", path + ".source", problems);
            if (source["topic"] is JsonObject topic)
            {
                Coding(topic, path + ".source.topic", problems, displayRequired: false);
            }
        }

        if (card["suggestions"] is JsonArray suggestions)
        {
            if (card["selectionBehavior"]?.GetValue<string>() is not ("at-most-one" or "any"))
            {
                problems.Add($"{path}.selectionBehavior is REQUIRED with suggestions (at-most-one or any)");
            }

            for (var i = 0; i < suggestions.Count; i++)
            {
                var suggestion = suggestions[i] as JsonObject;
                Required(suggestion, "label", $"{path}.suggestions[{i}]", problems);
                foreach (var (action, j) in (suggestion?["actions"] as JsonArray ?? []).Select((a, j) => (a, j)))
                {
                    Action(action as JsonObject, $"{path}.suggestions[{i}].actions[{j}]", problems);
                }
            }
        }

        foreach (var (reason, i) in (card["overrideReasons"] as JsonArray ?? []).Select((r, i) => (r, i)))
        {
            Coding(reason as JsonObject, $"{path}.overrideReasons[{i}]", problems, displayRequired: true);
        }

        foreach (var (link, i) in (card["links"] as JsonArray ?? []).Select((l, i) => (l, i)))
        {
            var at = $"{path}.links[{i}]";
            Required(link as JsonObject, "label", at, problems);
            Required(link as JsonObject, "url", at, problems);
            var type = Required(link as JsonObject, "type", at, problems);
            if (type is not null and not ("absolute" or "smart"))
            {
                problems.Add($"{at}.type must be absolute or smart");
            }

            if (link?["appContext"] is not null && type != "smart")
            {
                problems.Add($"{at}.appContext is only for smart links");
            }
        }
    }

    private static void Action(JsonObject? action, string path, List<string> problems)
    {
        var type = Required(action, "type", path, problems);
        Required(action, "description", path, problems);
        switch (type)
        {
            case "create" or "update" when (action?["resource"] is not JsonObject):
                problems.Add($"{path}.resource is REQUIRED for {type}");
                break;
            case "delete" when (action?["resourceId"] is null):
                problems.Add($"{path}.resourceId is REQUIRED for delete");
                break;
            case null or "create" or "update" or "delete":
                break;
            default:
                problems.Add($"{path}.type must be create, update or delete");
                break;
        }
    }

    private static void Coding(JsonObject? coding, string path, List<string> problems, bool displayRequired)
    {
        Required(coding, "code", path, problems);
        Required(coding, "system", path, problems);
        if (displayRequired)
        {
            Required(coding, "display", path, problems);
        }
    }

    private static string? Required(JsonObject? o, string name, string path, List<string> problems)
    {
        if (o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0)
        {
            return v.GetValue<string>();
        }

        problems.Add($"{path}.{name} is REQUIRED (a non-empty string)");
        return null;
    }

    private static void NoNullOrEmpty(JsonNode? node, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    var at = $"{path}.{name}";
                    if (value is null)
                    {
                        problems.Add($"{at} is null (absent values are omitted)");
                    }
                    else if (value is JsonArray { Count: 0 } && at != "$.cards")
                    {
                        problems.Add($"{at} is an empty array");
                    }
                    else if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Length == 0)
                    {
                        problems.Add($"{at} is an empty string");
                    }
                    else if (!at.EndsWith(".resource", StringComparison.Ordinal))
                    {
                        NoNullOrEmpty(value, at, problems);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    NoNullOrEmpty(a[i], $"{path}[{i}]", problems);
                }

                break;
            default:
                break;
        }
    }
}
