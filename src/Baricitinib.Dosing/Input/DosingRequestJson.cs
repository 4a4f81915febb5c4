using Baricitinib.Dosing.Model;
using System.Text.Json;

namespace Baricitinib.Dosing.Input;

/// <summary>
/// Reads a JSON dosing request strictly: malformed JSON (key <c>body</c>), wrong value types, unknown and repeated
/// fields all become field errors; the values then go through <see cref="DosingRequestParser"/> in API mode.
/// </summary>
public static class DosingRequestJson
{
    /// <summary>The key of errors about the body as a whole.</summary>
    public const string BodyKey = "body";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads a request body; never throws.</summary>
    public static ParseResult Read(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            return Fail($"The body is not valid JSON{where}. Send one JSON object with the request fields.");
        }

        using (document)
        {
            try
            {
                return ReadObject(document);
            }
            catch (InvalidOperationException)
            {
                // Invalid UTF-8 or a lone surrogate escape ("\ud800") in a name or a string cannot be read as text.
                return Fail("The body contains text that is not valid Unicode (UTF-8). Send one JSON object with the request fields.");
            }
        }
    }

    private static ParseResult ReadObject(JsonDocument document)
    {
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail("The body must be one JSON object with the request fields.");
            }

            var pairs = new List<KeyValuePair<string, string?>>();
            var errors = new List<FieldError>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var spec = Fields.Find(property.Name);
                var value = property.Value;
                if (spec is null || value.ValueKind == JsonValueKind.Null)
                {
                    if (spec is null)
                    {
                        pairs.Add(new(property.Name, null));
                    }

                    continue;
                }

                string? text = (spec.Kind, value.ValueKind) switch
                {
                    (FieldKind.Number, JsonValueKind.Number) => value.GetRawText(),
                    (FieldKind.Boolean, JsonValueKind.True) => "true",
                    (FieldKind.Boolean, JsonValueKind.False) => "false",
                    (FieldKind.Choice, JsonValueKind.String) => value.GetString(),
                    _ => null,
                };
                if (text is null)
                {
                    errors.Add(new FieldError(spec.Name, spec.Kind switch
                    {
                        FieldKind.Number => $"{spec.Label} must be a JSON number (e.g. 45.5), not {Describe(value)}.",
                        FieldKind.Boolean => $"{spec.Label} must be true or false, not {Describe(value)}.",
                        FieldKind.Choice => $"{spec.Label} must be a string, one of: {string.Join(", ", spec.Choices)}.",
                    }, false));
                    continue;
                }

                pairs.Add(new(spec.Name, text));
            }

            var parsed = DosingRequestParser.Parse(pairs, InputMode.Api);
            return parsed with { Errors = [.. errors, .. parsed.Errors] };
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a number",
    };

    private static ParseResult Fail(string message) => new(new(), [new FieldError(BodyKey, message, false)]);
}
