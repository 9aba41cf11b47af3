using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Clients;
using LeapMastery.Api.Features.Tenants.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
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
    /// <summary>
    /// The database to keep the tenant's data in (an install with several: <c>main</c> or an id of <c>Tenancy:Databases</c>);
    /// without it the install's placement rule chooses (the database with the fewest tenants unless configured otherwise).
    /// A tenant stays in its database.
    /// </summary>
    public string? Database { get; set; }
}

public sealed class CreateTenantValidator : Validator<CreateTenantRequest>
{
    public CreateTenantValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().MaximumLength(63).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage("Use lower-case letters, digits and '-' only, starting with a letter or digit.");
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.TimeZone).Must(tz => tz is null || TimeZones.IsKnown(tz)).WithMessage("Not an IANA time zone id.");
        RuleFor(x => x.TenantId).MaximumLength(TenantDatabases.MaxShardedTenantIdLength).When(_ => Resolve<TenantDatabases>().IsSharded)
            .WithMessage($"With several databases a tenant id has at most {TenantDatabases.MaxShardedTenantIdLength} characters (its partitions are named after it).");
        RuleFor(x => x.Database).Must(d => d is null || Resolve<TenantDatabases>().Ids.Contains(d))
            .WithMessage(_ => $"Not a database of this install: one of {string.Join(", ", Resolve<TenantDatabases>().Ids)}.");
        RuleFor(x => x.Database).NotNull().When(_ => Resolve<TenantDatabases>().Placement == TenantPlacement.Explicit && Resolve<TenantDatabases>().IsSharded)
            .WithMessage("This install places tenants explicitly (Tenancy:Placement is Explicit): name the database.");
    }
}

public sealed class CreateTenantResponse
{
    public TenantResponse Tenant { get; set; } = new();
    /// <summary>The tenant's first admin client. Its secret is shown only here.</summary>
    public CreatedClientResponse AdminClient { get; set; } = new();
}

public sealed class CreateTenantEndpoint(TenantDatabases databases, IClock clock, TenantContext caller) : Endpoint<CreateTenantRequest, CreateTenantResponse>
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
        ProvisionedTenant? created;
        try
        {
            created = await TenantProvisioning.CreateAsync(databases, req.TenantId, req.Name, req.TimeZone ?? "UTC",
                clock.GetCurrentInstant(), caller.ClientId, req.Database, ct: ct);
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
