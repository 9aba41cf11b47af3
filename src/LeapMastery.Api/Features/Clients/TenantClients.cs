using LeapMastery.Api.Infrastructure.Marten;
using Marten;

namespace LeapMastery.Api.Features.Clients;

public static class TenantClients
{
    /// <summary>Loads a client only if it belongs to the tenant: another tenant's client is indistinguishable from a missing one.</summary>
    public static async Task<ApiClient?> LoadForTenantAsync(this IQuerySession session, string clientId, string tenantId, CancellationToken ct)
    {
        var client = await session.LoadAsync<ApiClient>(clientId, ct);
        return client is not null && client.TenantId == tenantId ? client : null;
    }
}
