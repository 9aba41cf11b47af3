using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Clients.List;

public sealed class ListClientsEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TenantContext tenant) : EndpointWithoutRequest<List<ClientResponse>>
{
    public override void Configure()
    {
        Get("/admin/clients");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Clients"));
        Summary(s => s.Summary = "List this tenant's API clients (never their secrets)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = databases.PlatformQuery();
        var tenantId = tenant.TenantId;
        var clients = await session.Query<ApiClient>().Where(c => c.TenantId == tenantId).OrderBy(c => c.Id).ToListAsync(ct);
        await Send.OkAsync(clients.Select(ClientMapping.ToResponse).ToList(), ct);
    }
}
