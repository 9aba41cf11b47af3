using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Webhooks.Delete;

public sealed class DeleteWebhookEndpoint(TenantContext tenant) : Endpoint<WebhookRouteRequest>
{
    public override void Configure()
    {
        Delete("/webhooks/{webhookId:guid}");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync").Produces(204).Produces(404));
        Summary(s => s.Summary = "Unsubscribe: nothing more is delivered, and the webhook's deliveries are deleted");
    }

    public override async Task HandleAsync(WebhookRouteRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        var webhook = await session.MineAsync(tenant, req.WebhookId, ct);
        if (webhook is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No webhook {req.WebhookId} of this client."));
            return;
        }
        session.Delete(webhook);
        session.Delete<WebhookCursor>(webhook.Id);
        session.DeleteWhere<WebhookDelivery>(d => d.WebhookId == webhook.Id);
        await session.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
