using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Clients.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Clients.Create;

public sealed class CreateClientRequest
{
    /// <summary>What the client is, e.g. "Canvas integration" or "SIS nightly sync".</summary>
    public string Name { get; set; } = "";
    /// <summary>Scopes the client may request: frameworks:write, evidence:write, progress:read, reportcards:read, roster:write, admin.</summary>
    public List<string> Scopes { get; set; } = [];
}

public sealed class CreateClientValidator : Validator<CreateClientRequest>
{
    public CreateClientValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Scopes).NotEmpty();
        RuleForEach(x => x.Scopes).Must(ApiScopes.IsTenantScope)
            .WithMessage((_, s) => $"Unknown scope '{s}'. Known: {string.Join(", ", ApiScopes.TenantScopes)}.");
    }
}

public sealed class CreateClientEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TenantContext tenant, IClock clock) : Endpoint<CreateClientRequest, CreatedClientResponse>
{
    public override void Configure()
    {
        Post("/admin/clients");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Clients").Produces<CreatedClientResponse>(201, "application/json"));
        Summary(s => s.Summary = "Create an API client for this tenant (its secret is shown once)");
    }

    public override async Task HandleAsync(CreateClientRequest req, CancellationToken ct)
    {
        var secret = ClientSecrets.Generate();
        var client = new ApiClient
        {
            Id = ClientSecrets.NewClientId(tenant.TenantId),
            TenantId = tenant.TenantId,
            Name = req.Name,
            SecretHash = ClientSecrets.Hash(secret),
            Scopes = req.Scopes.Distinct().ToList(),
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = tenant.ClientId,
        };
        await using var session = databases.PlatformSession();
        session.Insert(client);
        await session.SaveChangesAsync(ct);
        await Send.CreatedAtAsync<GetClientEndpoint>(new { clientId = client.Id }, ClientMapping.ToCreated(client, secret), cancellation: ct);
    }
}
