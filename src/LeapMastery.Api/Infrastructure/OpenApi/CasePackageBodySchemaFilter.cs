using LeapMastery.Api.Features.Frameworks.ImportCase;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LeapMastery.Api.Infrastructure.OpenApi;

/// <summary>
/// The CASE import body is one of two shapes (<see cref="CasePackageImportBodyConverter"/>): the wrapped form, whose
/// properties are the contract's, or a CFPackage as a CASE server returns it, whose own properties (CASE 1.1 additions,
/// extensions) are kept or ignored, never refused. The document says exactly that.
/// </summary>
public sealed class CasePackageBodySchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(CasePackageImportBody) || schema is not OpenApiSchema body) return;
        var wrapped = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The wrapped form: the package (or the source to fetch it from: exactly one of the two) with the framework's code, scale and policy.",
            Properties = body.Properties,
            AdditionalPropertiesAllowed = false,
        };
        var package = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A CFPackage exactly as a CASE 1.0/1.1 server returns it (…/ims/case/v1p0/CFPackages/{id}); code, scale and policy take their defaults.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["CFDocument"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                ["CFItems"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
                ["CFAssociations"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
            },
            Required = new HashSet<string> { "CFDocument" },
            AdditionalPropertiesAllowed = true,
        };
        body.Type = null;
        body.Properties = null;
        body.Required = null;
        body.AdditionalProperties = null;
        body.AdditionalPropertiesAllowed = true;
        body.OneOf = [wrapped, package];
    }
}
