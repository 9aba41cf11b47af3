using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Webhooks;

public static class WebhookLookup
{
    /// <summary>The webhook if it exists in the caller's tenant and belongs to the calling client; otherwise null (another client's webhook is not found, not forbidden).</summary>
    public static async Task<WebhookSubscription?> MineAsync(this IQuerySession session, TenantContext tenant, Guid webhookId, CancellationToken ct)
    {
        var found = await session.LoadAsync<WebhookSubscription>(webhookId, ct);
        return found is not null && found.ClientId == tenant.ClientId ? found : null;
    }
}
