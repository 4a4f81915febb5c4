using System.Text.Json.Nodes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Baricitinib.Web.Api;

/// <summary>
/// Makes the document describe exactly what the API does: its description and a request example; the request's
/// required fields, ranges and enumerations from the same field metadata the parser and validator use; no unknown
/// fields; no HEAD operations (they answer as GET, and would repeat its operationIds); the <c>traceId</c> every problem
/// carries; <c>Retry-After</c> on every 429 and <c>Cache-Control: no-store</c> on dose answers; the flag catalogue
/// as an enumeration with its meanings.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var item in document.Paths.Values)
        {
            item.Operations?.Remove(HttpMethod.Head);
        }

        if (document.Components?.Schemas is { } schemas)
        {
            Request(document, schemas);
            Problems(schemas);
            Flags(schemas);
        }

        foreach (var (route, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values.ToList() ?? [])
            {
                Headers(route, operation);
            }
        }

        // Never built from the request's Host header: no servers list (clients use the document's own address).
        document.Servers = [];
        document.Info.Title = "Baricitinib dosing API";
        document.Info.Version = "v1";
        document.Info.Description = $"Renal dosing of baricitinib under the US and EU labels, with every other source for comparison. Rule set {RuleSet.Version}. Enumerations are lower-case kebab-case strings; numbers use '.'.";
        if (document.Paths.TryGetValue("/api/v1/dose", out var path)
            && path.Operations is { } operations
            && operations.TryGetValue(HttpMethod.Post, out var post)
            && post.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var json))
        {
            json.Example = JsonNode.Parse("""{"indication":"rheumatoid-arthritis","jurisdiction":"us","ageYears":55,"egfr":45}""");
        }

        if (path?.Operations is { } getOperations && getOperations.TryGetValue(HttpMethod.Get, out var get))
        {
            // GET takes the request fields as query parameters with the same names (the handler reads them itself).
            get.Parameters ??= [];
            foreach (var field in Fields.All)
            {
                get.Parameters.Add(new OpenApiParameter
                {
                    Name = field.Name,
                    In = ParameterLocation.Query,
                    Required = field.Name is Fields.Indication or Fields.AgeYears,
                    Description = field.Label,
                    Schema = field.Kind switch
                    {
                        FieldKind.Number => Ranged(new OpenApiSchema { Type = JsonSchemaType.Number }, field.Name),
                        FieldKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
                        FieldKind.Choice => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. field.Choices.Select(c => (JsonNode)JsonValue.Create(c))] },
                    },
                });
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Ranged(OpenApiSchema schema, string field)
    {
        if (DosingRequestValidator.RangeOf(field) is { } range)
        {
            schema.Minimum = Number(range.Min);
            schema.Maximum = Number(range.Max);
        }

        return schema;
    }

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The request body: required fields, no others, ranges, and null where the API accepts it.</summary>
    private static void Request(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas)
    {
        if (!schemas.TryGetValue("DosingRequest", out var found) || found is not OpenApiSchema request || request.Properties is not { } properties)
        {
            return;
        }

        request.Required = new HashSet<string>(StringComparer.Ordinal) { Fields.Indication, Fields.AgeYears };
        request.AdditionalPropertiesAllowed = false;
        request.AdditionalProperties = null;
        foreach (var field in Fields.All)
        {
            if (!properties.TryGetValue(field.Name, out var property))
            {
                continue;
            }

            var required = field.Name is Fields.Indication or Fields.AgeYears;
            switch (field.Kind)
            {
                case FieldKind.Number when property is OpenApiSchema number:
                    number.Type = required ? JsonSchemaType.Number : JsonSchemaType.Number | JsonSchemaType.Null;
                    number.Format = null;
                    Ranged(number, field.Name);
                    break;
                case FieldKind.Boolean when property is OpenApiSchema boolean:
                    boolean.Type = JsonSchemaType.Boolean | JsonSchemaType.Null; // null reads as not given
                    break;
                case FieldKind.Choice when required:
                    // The one required choice: its enumeration itself, never null.
                    properties[field.Name] = new OpenApiSchemaReference("Indication", document) { Description = (property as OpenApiSchema)?.OneOf?.LastOrDefault()?.Description ?? field.Label };
                    break;
                case FieldKind.Number or FieldKind.Boolean or FieldKind.Choice:
                    break;
            }
        }
    }

    /// <summary>Every problem the API answers carries the request's trace id.</summary>
    private static void Problems(IDictionary<string, IOpenApiSchema> schemas)
    {
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema problem && problem.Properties is { } properties)
            {
                properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's W3C trace id, to find it in the logs." };
            }
        }
    }

    /// <summary>A flag's code is one of the catalogue's, each described.</summary>
    private static void Flags(IDictionary<string, IOpenApiSchema> schemas)
    {
        if (schemas.TryGetValue("Flag", out var found) && found is OpenApiSchema flag && flag.Properties?.TryGetValue("code", out var code) == true && code is OpenApiSchema codeSchema)
        {
            codeSchema.Enum = [.. FlagCatalog.All.Select(f => (JsonNode)JsonValue.Create(f.Code))];
            codeSchema.Description = "Stable flag code, one of the catalogue: " + string.Join("; ", FlagCatalog.All.Select(f => $"`{f.Code}`: {f.Meaning.TrimEnd('.')}")) + ".";
        }
    }

    /// <summary>Retry-After on every 429; Cache-Control: no-store on a dose answer.</summary>
    private static void Headers(string path, OpenApiOperation operation)
    {
        if (operation.Responses is not { } responses)
        {
            return;
        }

        if (responses.TryGetValue("429", out var tooMany) && tooMany is OpenApiResponse limited)
        {
            limited.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            limited.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before the next request.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        if (path == "/api/v1/dose" && responses.TryGetValue("200", out var ok) && ok is OpenApiResponse dose)
        {
            dose.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            dose.Headers["Cache-Control"] = new OpenApiHeader
            {
                Description = "no-store: a dose answer is about one patient and is never cached.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Const = "no-store" },
            };
        }
    }
}
