using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.XPath;
using FastEndpoints;
using LeapMastery.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LeapMastery.Api.Infrastructure.OpenApi;

/// <summary>
/// Makes the generated document tell the truth about FastEndpoints routes: path and query parameters from the request
/// type, a body only where one is read (the <c>[FromBody]</c> property when the request also binds route values), the
/// scopes and bearer requirement, and every error answer as problem details.
/// </summary>
public sealed partial class FastEndpointsOperationFilter(XPathDocument? xmlDocs) : IOperationFilter
{
    public const string BearerScheme = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var definition = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointDefinition>().FirstOrDefault();
        if (definition is null) return;

        var name = definition.EndpointType.Name;
        operation.OperationId = char.ToLowerInvariant(name[0]) + name[1..].Replace("Endpoint", "", StringComparison.Ordinal);
        if (definition.EndpointSummary is { } summary)
        {
            operation.Summary = summary.Summary;
            if (!string.IsNullOrEmpty(summary.Description)) operation.Description = summary.Description;
        }

        var requestType = definition.ReqDtoType;
        var routeNames = RouteParameter().Matches(context.ApiDescription.RelativePath ?? "")
            .Select(m => m.Groups[1].Value).ToList();
        var properties = requestType == typeof(EmptyRequest)
            ? []
            : requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance);

        operation.Parameters ??= new List<IOpenApiParameter>();
        operation.Parameters.Clear();
        foreach (var route in routeNames)
        {
            var prop = properties.FirstOrDefault(p => p.Name.Equals(route, StringComparison.OrdinalIgnoreCase));
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = route,
                In = ParameterLocation.Path,
                Required = true,
                Description = prop is null ? null : Doc(prop),
                Schema = prop is null
                    ? new OpenApiSchema { Type = JsonSchemaType.String }
                    : context.SchemaGenerator.GenerateSchema(prop.PropertyType, context.SchemaRepository),
            });
        }
        foreach (var prop in properties.Where(p => p.GetCustomAttribute<QueryParamAttribute>() is not null))
        {
            var queryName = prop.GetCustomAttribute<BindFromAttribute>()?.Name ?? char.ToLowerInvariant(prop.Name[0]) + prop.Name[1..];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = queryName,
                In = ParameterLocation.Query,
                Required = false,
                Description = Doc(prop),
                Schema = context.SchemaGenerator.GenerateSchema(Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType, context.SchemaRepository),
            });
        }

        foreach (var prop in properties)
        {
            if (prop.GetCustomAttribute<FromHeaderAttribute>() is not { } header) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.HeaderName ?? prop.Name,
                In = ParameterLocation.Header,
                Required = header.IsRequired,
                Description = Doc(prop),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        var readsBody = !definition.Verbs.Any(v => v is "GET" or "DELETE" or "HEAD");
        if (requestType != typeof(EmptyRequest))
        {
            var bodyProperty = properties.FirstOrDefault(p => p.GetCustomAttribute<FromBodyAttribute>() is not null);
            var bound = properties.Where(p => routeNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                                              || p.GetCustomAttribute<QueryParamAttribute>() is not null
                                              || p.GetCustomAttribute<FromHeaderAttribute>() is not null).ToList();
            if (!readsBody || (bodyProperty is null && bound.Count == properties.Length))
            {
                operation.RequestBody = null;
                readsBody = false;
            }
            else
            {
                if (bodyProperty is null && bound.Count > 0)
                    throw new InvalidOperationException($"{requestType.Name} binds route or query values and a body: put the body in a [FromBody] property so the document can describe it.");
                var bodyType = bodyProperty?.PropertyType ?? requestType;
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(bodyType, context.SchemaRepository) },
                    },
                };
            }
        }
        else if (operation.RequestBody is null)
        {
            readsBody = false;
        }

        var anonymous = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()
                        || definition.AnonymousVerbs?.Length > 0;
        operation.Responses ??= new OpenApiResponses();
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ApiProblem), context.SchemaRepository);
        if (anonymous)
        {
            operation.Security = [];
        }
        else
        {
            var scopes = definition.AllowedScopes ?? [];
            // FastEndpoints' Scopes(...) means "any of": one requirement per scope says exactly that in OpenAPI.
            operation.Security = scopes.Count == 0
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
                : scopes.Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [s] }).ToList();
            if (scopes.Count > 0)
                operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Requires scope: {string.Join(" or ", scopes.Select(s => $"`{s}`"))}.";
            AddProblem(operation, "401", "No valid bearer token (missing, expired or tampered).", problem);
            AddProblem(operation, "403", "The token lacks the scope this route requires.", problem);
        }
        if (readsBody || operation.Parameters.Count > 0 && !anonymous)
            AddProblem(operation, "400", "Invalid input: field errors name each rejected field. Nothing is recorded.", problem);
        if (readsBody && !anonymous)
        {
            AddProblem(operation, "413", "The body is larger than the service accepts.", problem);
            AddProblem(operation, "415", "The body has no Content-Type, is not JSON, or is not UTF-8.", problem);
        }
        if (context.ApiDescription.RelativePath?.StartsWith("health", StringComparison.Ordinal) != true)
        {
            AddProblem(operation, "429", "Too many requests from this client (without a token: from this address); retry after the seconds in Retry-After.", problem);
            AddProblem(operation, "503", Problems.ProblemDetailsSetup.UnavailableDetail, problem);
        }

        // Error answers that the endpoint declared without a schema are problem details too.
        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (status.StartsWith('2') || status.StartsWith('3')) continue;
            if (response is OpenApiResponse r && (r.Content is null || r.Content.Count == 0 || r.Content.ContainsKey("application/json") && IsProblem(r, context)))
            {
                r.Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } };
                if (string.IsNullOrEmpty(r.Description) || r.Description is "Bad Request" or "Not Found" or "Conflict")
                    r.Description = DefaultDescription(status) ?? r.Description;
            }
        }
        // An endpoint that answers one status in several media types (JSON, or CSV / a signed JWT by Accept) declares each;
        // Swashbuckle keeps one per status, so the others are put back here.
        foreach (var declared in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                     .Where(t => t.StatusCode is >= 200 and < 300 && t.Type is not null && t.Type != typeof(void)))
        {
            if (!operation.Responses.TryGetValue(declared.StatusCode.ToString(), out var existing) || existing is not OpenApiResponse response) continue;
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            foreach (var mediaType in declared.ContentTypes.DefaultIfEmpty("application/json").Where(m => m != "*/*" && !response.Content.ContainsKey(m)))
                response.Content[mediaType] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(declared.Type!, context.SchemaRepository) };
        }
        if (operation.Responses.ContainsKey("201")) operation.Responses.Remove("200");
        foreach (var (status, response) in operation.Responses)
        {
            if (response is OpenApiResponse { Content: not null } r && status.StartsWith('2') && r.Content.ContainsKey("*/*"))
                r.Content.Remove("*/*");
        }
    }

    /// <summary>True when the operation's body (if any) is not the request type itself.</summary>
    public static bool RequestTypeIsNotTheBody(EndpointDefinition definition, string? relativePath)
    {
        var type = definition.ReqDtoType;
        if (type == typeof(EmptyRequest)) return false;
        if (definition.Verbs.Any(v => v is "GET" or "DELETE" or "HEAD")) return true;
        var routeNames = RouteParameter().Matches(relativePath ?? "").Select(m => m.Groups[1].Value).ToList();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p =>
            routeNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
            || p.GetCustomAttribute<QueryParamAttribute>() is not null
            || p.GetCustomAttribute<FromHeaderAttribute>() is not null
            || p.GetCustomAttribute<FromBodyAttribute>() is not null);
    }

    private static bool IsProblem(OpenApiResponse response, OperationFilterContext context) =>
        response.Content!.TryGetValue("application/json", out var media)
        && media.Schema is OpenApiSchemaReference reference
        && reference.Reference.Id is nameof(ApiProblem) or "ProblemDetails" or "HttpValidationProblemDetails";

    private static string? DefaultDescription(string status) => status switch
    {
        "400" => "Invalid input: field errors name each rejected field. Nothing is recorded.",
        "404" => "Not found in this tenant (another tenant's data is indistinguishable from missing data).",
        "409" => "Conflicts with the current state (e.g. a duplicate code).",
        "410" => "Withdrawn (e.g. the recognition was revoked).",
        "412" => "If-Match did not match the current version.",
        _ => null,
    };

    private static void AddProblem(OpenApiOperation operation, string status, string description, IOpenApiSchema schema)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        };
    }

    private string? Doc(PropertyInfo property)
    {
        if (xmlDocs is null) return null;
        var member = $"P:{property.DeclaringType!.FullName!.Replace('+', '.')}.{property.Name}";
        var node = xmlDocs.CreateNavigator().SelectSingleNode($"/doc/members/member[@name='{member}']/summary");
        return node is null ? null : WhiteSpace().Replace(node.InnerXml.Trim(), " ")
            .Replace("<c>", "`").Replace("</c>", "`");
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
