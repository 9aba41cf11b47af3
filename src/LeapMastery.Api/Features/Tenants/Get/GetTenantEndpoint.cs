using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;

namespace LeapMastery.Api.Features.Tenants.Get;

public sealed class GetTenantRequest
{
    /// <summary>The tenant's id.</summary>
    public string TenantId { get; set; } = "";
}

public sealed class GetTenantEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases) : Endpoint<GetTenantRequest, TenantResponse>
{
    public override void Configure()
    {
        Get("/tenants/{tenantId}");
        Scopes(ApiScopes.Operator);
        Description(d => d.WithTags("Tenants").Produces(404));
        Summary(s => s.Summary = "Get a tenant (platform operator only)");
    }

    public override async Task HandleAsync(GetTenantRequest req, CancellationToken ct)
    {
        await using var session = databases.PlatformQuery();
        var tenant = await session.LoadAsync<TenantRecord>(req.TenantId, ct);
        if (tenant is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No tenant {req.TenantId}."));
            return;
        }
        await Send.OkAsync(TenantMapping.ToResponse(tenant), ct);
    }
}
