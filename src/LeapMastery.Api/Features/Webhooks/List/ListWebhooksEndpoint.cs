using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Webhooks.List;

public sealed class ListWebhooksEndpoint(TenantContext tenant) : EndpointWithoutRequest<List<WebhookResponse>>
{
    public override void Configure()
    {
        Get("/webhooks");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync"));
        Summary(s => s.Summary = "The calling client's webhooks (secrets are not shown again)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var mine = await session.Query<WebhookSubscription>().Where(w => w.ClientId == tenant.ClientId).OrderBy(w => w.CreatedAt).ToListAsync(ct);
        await Send.OkAsync(mine.Select(w => WebhookResponse.From(w)).ToList(), ct);
    }
}
