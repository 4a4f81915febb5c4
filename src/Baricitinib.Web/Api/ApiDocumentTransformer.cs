using System.Text.Json.Nodes;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Baricitinib.Web.Api;

/// <summary>Adds the document's description and a request example to <c>POST /api/v1/dose</c>.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
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
                        FieldKind.Number => new OpenApiSchema { Type = JsonSchemaType.Number },
                        FieldKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
                        FieldKind.Choice => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. field.Choices.Select(c => (JsonNode)JsonValue.Create(c))] },
                    },
                });
            }
        }

        return Task.CompletedTask;
    }
}
