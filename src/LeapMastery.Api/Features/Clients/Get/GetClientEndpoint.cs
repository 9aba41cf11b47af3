using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Clients.Get;

public sealed class ClientRouteRequest
{
    /// <summary>The API client's id.</summary>
    public string ClientId { get; set; } = "";
}

public sealed class GetClientEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TenantContext tenant) : Endpoint<ClientRouteRequest, ClientResponse>
{
    public override void Configure()
    {
        Get("/admin/clients/{clientId}");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Clients").Produces(404));
        Summary(s => s.Summary = "Get one of this tenant's API clients");
    }

    public override async Task HandleAsync(ClientRouteRequest req, CancellationToken ct)
    {
        await using var session = databases.PlatformQuery();
        var client = await session.LoadForTenantAsync(req.ClientId, tenant.TenantId, ct);
        if (client is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No client {req.ClientId} in this tenant."));
            return;
        }
        await Send.OkAsync(ClientMapping.ToResponse(client), ct);
    }
}
