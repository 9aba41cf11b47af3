using FastEndpoints;
using LeapMastery.Api.Features.Clients.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Clients.Delete;

public sealed class RevokeClientEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TenantContext tenant, ClientRevocations revocations) : Endpoint<ClientRouteRequest>
{
    public override void Configure()
    {
        Delete("/admin/clients/{clientId}");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Clients").Produces(204).Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "Revoke an API client";
            s.Description = "The client can no longer get tokens; tokens it already holds expire within their short lifetime. A client cannot revoke itself.";
        });
    }

    public override async Task HandleAsync(ClientRouteRequest req, CancellationToken ct)
    {
        await using var session = databases.PlatformSession();
        var client = await session.LoadForTenantAsync(req.ClientId, tenant.TenantId, ct);
        if (client is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No client {req.ClientId} in this tenant."));
            return;
        }
        if (client.Id == tenant.ClientId)
        {
            await Send.ResultAsync(Problems.Conflict("A client cannot revoke itself; use another admin client."));
            return;
        }
        client.Revoked = true;
        session.Store(client);
        await session.SaveChangesAsync(ct);
        revocations.Revoked(client.Id);
        await Send.NoContentAsync(ct);
    }
}
