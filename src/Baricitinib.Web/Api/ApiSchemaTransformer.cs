using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Baricitinib.Web.Api;

/// <summary>
/// Makes each schema say what the API does: numbers are numbers (the API never sends them as strings, and refuses
/// strings in requests), an enumeration has no <c>null</c> member (a nullable property says so once, with its own
/// <c>null</c> branch), and descriptions read as text (no XML escapes, no source line breaks).
/// </summary>
internal sealed class ApiSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        Clean(schema);
        return Task.CompletedTask;
    }

    /// <summary>The same cleaning for a schema the document transformer builds or reaches (parameters, headers).</summary>
    internal static void Clean(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Number) || type.HasFlag(JsonSchemaType.Integer)) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
        {
            schema.Enum = [.. values.Where(v => v is not null)];
            if (schema.Type is { } enumType)
            {
                schema.Type = enumType & ~JsonSchemaType.Null;
            }
        }

        if (schema.Description is { } description)
        {
            schema.Description = Text(description);
        }
    }

    /// <summary>A description from XML documentation as plain text.</summary>
    internal static string Text(string description) =>
        string.Join(' ', description.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
