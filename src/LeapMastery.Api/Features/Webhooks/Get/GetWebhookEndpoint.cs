using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Webhooks.Get;

public sealed class GetWebhookEndpoint(TenantContext tenant) : Endpoint<WebhookRouteRequest, WebhookResponse>
{
    public override void Configure()
    {
        Get("/webhooks/{webhookId:guid}");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync").Produces(404));
        Summary(s => s.Summary = "One of the calling client's webhooks");
    }

    public override async Task HandleAsync(WebhookRouteRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var webhook = await session.MineAsync(tenant, req.WebhookId, ct);
        if (webhook is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No webhook {req.WebhookId} of this client."));
            return;
        }
        await Send.OkAsync(WebhookResponse.From(webhook), ct);
    }
}
