using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Webhooks.Deliveries;

public sealed class ListDeliveriesRequest
{
    /// <summary>The webhook's id (from its creation).</summary>
    public Guid WebhookId { get; set; }
    /// <summary>Only deliveries in this status: pending, delivered or failed.</summary>
    [QueryParam] public string? Status { get; set; }
    /// <summary>The <c>nextCursor</c> of the previous page; omit for the first page.</summary>
    [QueryParam] public string? Cursor { get; set; }
    /// <summary>Page size, 1 to 500 (default 50).</summary>
    [QueryParam] public int? Limit { get; set; }
}

public sealed class ListDeliveriesValidator : Validator<ListDeliveriesRequest>
{
    public ListDeliveriesValidator()
    {
        RuleFor(x => x.Status).Must(s => s is null || DeliveryStatuses.TryParse(s, out _)).WithMessage($"One of: {string.Join(", ", DeliveryStatuses.WireNames)}.");
        RuleFor(x => x.Limit).InclusiveBetween(1, Infrastructure.Http.Cursor.MaxLimit);
        RuleFor(x => x.Cursor).Must(c => Infrastructure.Http.Cursor.TryDecode(c, out var p) && (p is null || long.TryParse(p, out _)))
            .WithMessage("Not a cursor this service issued.");
    }
}

public sealed class ListDeliveriesEndpoint(TenantContext tenant) : Endpoint<ListDeliveriesRequest, Page<DeliveryResponse>>
{
    public override void Configure()
    {
        Get("/webhooks/{webhookId:guid}/deliveries");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync").Produces(404));
        Summary(s => s.Summary = "A webhook's deliveries in change order, with their status, attempts and last error (filter failed ones to re-drive them)");
    }

    public override async Task HandleAsync(ListDeliveriesRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        if (await session.MineAsync(tenant, req.WebhookId, ct) is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No webhook {req.WebhookId} of this client."));
            return;
        }
        Infrastructure.Http.Cursor.TryDecode(req.Cursor, out var position);
        var after = position is null ? 0 : long.Parse(position);
        var limit = req.Limit ?? Infrastructure.Http.Cursor.DefaultLimit;
        var query = session.Query<WebhookDelivery>().Where(d => d.WebhookId == req.WebhookId && d.Sequence > after);
        if (DeliveryStatuses.TryParse(req.Status, out var status)) query = query.Where(d => d.Status == status);
        var found = await query.OrderBy(d => d.Sequence).Take(limit + 1).ToListAsync(ct);
        await Send.OkAsync(new Page<DeliveryResponse>
        {
            Items = found.Take(limit).Select(DeliveryResponse.From).ToList(),
            NextCursor = found.Count > limit ? Infrastructure.Http.Cursor.Encode(found[limit - 1].Sequence.ToString()) : null,
        }, ct);
    }
}
