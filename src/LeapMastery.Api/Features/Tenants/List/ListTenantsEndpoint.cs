using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;

namespace LeapMastery.Api.Features.Tenants.List;

public sealed class ListTenantsEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases) : EndpointWithoutRequest<List<TenantResponse>>
{
    public override void Configure()
    {
        Get("/tenants");
        Scopes(ApiScopes.Operator);
        Description(d => d.WithTags("Tenants"));
        Summary(s => s.Summary = "List tenants (platform operator only)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = databases.PlatformQuery();
        var tenants = await session.Query<TenantRecord>().OrderBy(t => t.Id).ToListAsync(ct);
        await Send.OkAsync(tenants.Select(TenantMapping.ToResponse).ToList(), ct);
    }
}
