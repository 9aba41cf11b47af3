using LeapMastery.Api.Infrastructure.Problems;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LeapMastery.Api.Infrastructure.OpenApi;

/// <summary>Adds what no endpoint metadata carries: the health probes, the security scheme, and a stable order.</summary>
public sealed class LeapDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[FastEndpointsOperationFilter.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "OAuth 2.0 client credentials: POST /v1/oauth/token with your client id and secret, then send `Authorization: Bearer <access_token>`.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/v1/oauth/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string>
                    {
                        ["frameworks:write"] = "Create and revise competency frameworks",
                        ["evidence:write"] = "Record evidence, placements, assessments and attempts",
                        ["progress:read"] = "Read learners' progress, evidence and next steps",
                        ["reportcards:read"] = "Read report cards and the change feed",
                        ["roster:write"] = "Set group membership",
                        ["learnerled:write"] = "What a learner does through an app: reflections on their own evidence",
                        ["admin"] = "Manage the tenant's clients and settings",
                        ["operator"] = "Platform operator: manage tenants",
                    },
                },
            },
        };

        var health = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("Healthy")!, System.Text.Json.Nodes.JsonValue.Create("Degraded")!, System.Text.Json.Nodes.JsonValue.Create("Unhealthy")!] },
                ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Object } },
            },
        };
        document.Paths ??= new OpenApiPaths();
        document.Paths["/health/live"] = HealthPath("healthLive", "Liveness: the process answers", health, withUnavailable: false);
        document.Paths["/health/ready"] = HealthPath("healthReady", "Readiness: the database is reachable and the schema applied", health, withUnavailable: true);

        document.Servers = [new OpenApiServer { Url = "/", Description = "This service" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        RemoveRequestSchemasThatAreNotBodies(document, context);

        var ordered = new OpenApiPaths();
        foreach (var (path, item) in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal)) ordered[path] = item;
        document.Paths = ordered;
    }

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Auth", "OAuth 2.0 client credentials: exchange a client id and secret for a short-lived bearer token."),
        ("Tenants", "Districts, managed by the platform operator."),
        ("Clients", "A tenant's API clients (LMS integrations, SIS sync, learner apps) and their scopes."),
        ("Settings", "A tenant's name and IANA time zone."),
        ("Frameworks", "Competency frameworks: competencies, proficiency scale, calculation policy, prerequisites, progressions, extensions."),
        ("Evidence", "Evidence of learning (LD.4): record, correct, retract; idempotent by the source's own id."),
        ("Placements", "Where a learner starts on a progression (LD.1): placed steps count as done, never as demonstrated."),
        ("Assessments", "Assessments aligned to competencies: sections with points, cut scores, attempt policy, the ids an LMS knows them by."),
        ("Attempts", "Assess when ready (LD.3): start, submit, score into evidence, void; retakes stay in the history."),
        ("Ingestion", "Results from LMS and assessment platforms, one or many at a time, in the native shape, OneRoster 1.2, LTI AGS or xAPI; idempotent by the source's id."),
        ("Recognitions", "Credits, badges and certificates for demonstrated mastery, never for time (LD.5): definitions, automatic and manual awards, revocations."),
        ("Report cards", "Reporting periods and proficiency-based report cards, per learner or per section/school (JSON pages or streamed CSV), reproducible for closed periods."),
        ("Sync", "For a SIS that syncs: the change feed in one total order, and webhooks that push the same changes, signed, at least once."),
        ("Groups", "Sections and schools with their members, as the SIS sends them."),
        ("Progress", "Where a learner stands: each competency's level and mastery, each progression's position, as of any moment."),
        ("Goals", "A learner's own goals (LL.2), set through an app: a level or a progression step by a date, shown met, on track, behind or missed."),
        ("Health", "Liveness and readiness probes (no token)."),
    ];

    /// <summary>
    /// FastEndpoints declares each request type as the body; where the operation filter replaced that (route, query or
    /// header values, or a [FromBody] property), the request type's schema is left unused and is removed here.
    /// </summary>
    private static void RemoveRequestSchemasThatAreNotBodies(OpenApiDocument document, DocumentFilterContext context)
    {
        if (document.Components?.Schemas is null) return;
        foreach (var description in context.ApiDescriptions)
        {
            var definition = description.ActionDescriptor.EndpointMetadata.OfType<FastEndpoints.EndpointDefinition>().FirstOrDefault();
            if (definition is null || !FastEndpointsOperationFilter.RequestTypeIsNotTheBody(definition, description.RelativePath)) continue;
            document.Components.Schemas.Remove(definition.ReqDtoType.Name);
        }
    }

    private static OpenApiPathItem HealthPath(string id, string summary, IOpenApiSchema schema, bool withUnavailable)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = "Healthy", Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } } },
        };
        if (withUnavailable)
            responses["503"] = new OpenApiResponse { Description = "Not ready", Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } } };
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new() { Security = [], OperationId = id, Summary = summary, Tags = new HashSet<OpenApiTagReference> { new("Health") }, Responses = responses },
            },
        };
    }
}
