using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Clients;
using LeapMastery.Api.Features.Tenants.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;
using Marten.Exceptions;
using NodaTime;

namespace LeapMastery.Api.Features.Tenants.Create;

public sealed class CreateTenantRequest
{
    /// <summary>A short, URL-safe id for the district (e.g. <c>district-12</c>); it never appears in a path.</summary>
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>IANA time zone id (e.g. <c>America/Chicago</c>); defaults to UTC.</summary>
    public string? TimeZone { get; set; }
}

public sealed class CreateTenantValidator : Validator<CreateTenantRequest>
{
    public CreateTenantValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().MaximumLength(63).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage("Use lower-case letters, digits and '-' only, starting with a letter or digit.");
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.TimeZone).Must(tz => tz is null || TimeZones.IsKnown(tz)).WithMessage("Not an IANA time zone id.");
    }
}

public sealed class CreateTenantResponse
{
    public TenantResponse Tenant { get; set; } = new();
    /// <summary>The tenant's first admin client. Its secret is shown only here.</summary>
    public CreatedClientResponse AdminClient { get; set; } = new();
}

public sealed class CreateTenantEndpoint(IDocumentStore store, IClock clock, TenantContext caller) : Endpoint<CreateTenantRequest, CreateTenantResponse>
{
    public override void Configure()
    {
        Post("/tenants");
        Scopes(ApiScopes.Operator);
        Description(d => d.WithTags("Tenants").Produces<CreateTenantResponse>(201, "application/json").Produces(409));
        Summary(s => s.Summary = "Create a tenant (district) and its first admin client (platform operator only)");
    }

    public override async Task HandleAsync(CreateTenantRequest req, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        ProvisionedTenant? created;
        try
        {
            created = await TenantProvisioning.CreateAsync(session, req.TenantId, req.Name, req.TimeZone ?? "UTC",
                clock.GetCurrentInstant(), caller.ClientId, ct: ct);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            created = null;
        }
        if (created is null)
        {
            await Send.ResultAsync(Problems.Conflict($"Tenant '{req.TenantId}' already exists."));
            return;
        }
        var response = new CreateTenantResponse
        {
            Tenant = TenantMapping.ToResponse(created.Tenant),
            AdminClient = ClientMapping.ToCreated(created.AdminClient, created.AdminClientSecret),
        };
        await Send.CreatedAtAsync<GetTenantEndpoint>(new { tenantId = created.Tenant.Id }, response, cancellation: ct);
    }
}
