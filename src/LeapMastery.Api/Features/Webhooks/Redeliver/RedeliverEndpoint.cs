using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;
using NodaTime;

namespace LeapMastery.Api.Features.Webhooks.Redeliver;

public sealed class RedeliverRequest
{
    /// <summary>The webhook's id (from its creation).</summary>
    public Guid WebhookId { get; set; }
    /// <summary>The delivery's id (the <c>webhook-id</c> header the receiver got).</summary>
    public Guid DeliveryId { get; set; }
}

public sealed class RedeliverEndpoint(TenantContext tenant, IClock clock, WebhookDispatcher dispatcher, IOptions<WebhookOptions> options)
    : Endpoint<RedeliverRequest, DeliveryResponse>
{
    public override void Configure()
    {
        Post("/webhooks/{webhookId:guid}/deliveries/{deliveryId:guid}/redelivery");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync").Produces<DeliveryResponse>(202, "application/json").Produces(404));
        Summary(s =>
        {
            s.Summary = "Re-drive a delivery: it is sent again now, with one more pass of retries (the same webhook-id and body)";
            s.Description = "Works for failed and delivered deliveries alike (a receiver that lost one may ask for it again); answers 202 with the delivery, now pending.";
        });
    }

    public override async Task HandleAsync(RedeliverRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        var webhook = await session.MineAsync(tenant, req.WebhookId, ct);
        var delivery = webhook is null ? null : await session.LoadAsync<WebhookDelivery>(req.DeliveryId, ct);
        if (delivery is null || delivery.WebhookId != req.WebhookId)
        {
            await Send.ResultAsync(Problems.NotFound($"No delivery {req.DeliveryId} of webhook {req.WebhookId} of this client."));
            return;
        }
        var now = clock.GetCurrentInstant();
        delivery.Status = DeliveryStatus.Pending;
        // One more pass of attempts (the first now, then the in-pass retries); the attempts so far stay counted.
        delivery.AttemptLimit = delivery.Attempts + options.Value.RetriesPerPass + 1;
        delivery.NextAttemptAt = now;
        delivery.DueAtUnixMs = now.ToUnixTimeMilliseconds();
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
        dispatcher.Nudge();
        await Send.ResponseAsync(DeliveryResponse.From(delivery), 202, ct);
    }
}
