using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Changes.List;

public sealed class ListChangesRequest
{
    /// <summary>Read the changes after this cursor: 0 (or omitted) for the beginning, else a <c>nextCursor</c> (or a change's <c>cursor</c>) this feed gave.</summary>
    [QueryParam] public string? After { get; set; }
    /// <summary>Page size, 1 to 1000 (default 100).</summary>
    [QueryParam] public int? Limit { get; set; }
    /// <summary>Only these change types, comma-separated (default: all).</summary>
    [QueryParam] public string? Types { get; set; }
}

public sealed class ListChangesValidator : Validator<ListChangesRequest>
{
    public const int MaxLimit = 1000;

    public ListChangesValidator()
    {
        RuleFor(x => x.After).Must(a => a is null || FeedCursor.TryParse(a, out _))
            .WithMessage("Not a cursor of this feed: use 0 or a nextCursor it gave.");
        RuleFor(x => x.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(x => x.Types).Must(t => ChangeTypes.Parse(t)?.All(ChangeTypes.IsKnown) ?? true)
            .WithMessage($"Use one or more of: {string.Join(", ", ChangeTypes.All)}.");
    }
}

public sealed class ListChangesEndpoint(TenantContext tenant, ChangeFeed feed) : Endpoint<ListChangesRequest, ChangePage>
{
    public override void Configure()
    {
        Get("/changes");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync"));
        Summary(s =>
        {
            s.Summary = "The tenant's changes after a cursor, in one total order: evidence, levels, mastery, recognitions";
            s.Description = "Page from `after=0` until `hasMore` is false, keep the last `nextCursor`, and poll from it next time: every change " +
                            "appears exactly once and in order, including changes committed while you read (the feed only serves what can no longer be " +
                            "overtaken by a transaction still in flight). A page may hold fewer items than `limit` when `types` filters some out.";
        });
    }

    public override async Task HandleAsync(ListChangesRequest req, CancellationToken ct)
    {
        var after = FeedCursor.Parse(req.After);
        await using var session = tenant.QuerySession();
        await Send.OkAsync(await feed.ReadAsync(session, after, req.Limit ?? 100, ChangeTypes.Parse(req.Types), ct), ct);
    }
}
