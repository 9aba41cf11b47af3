using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Frameworks.List;

public sealed class ListFrameworksRequest
{
    /// <summary>The <c>nextCursor</c> of the previous page; omit for the first page.</summary>
    [QueryParam] public string? Cursor { get; set; }
    /// <summary>Page size, 1 to 500 (default 50).</summary>
    [QueryParam] public int? Limit { get; set; }
}

public sealed class ListFrameworksValidator : Validator<ListFrameworksRequest>
{
    public ListFrameworksValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, Infrastructure.Http.Cursor.MaxLimit);
        RuleFor(x => x.Cursor).Must(c => Infrastructure.Http.Cursor.TryDecode(c, out _)).WithMessage("Not a cursor this service issued.");
    }
}

public sealed class ListFrameworksEndpoint(TenantContext tenant) : Endpoint<ListFrameworksRequest, Page<FrameworkSummary>>
{
    public override void Configure()
    {
        Get("/frameworks");
        Scopes(ApiScopes.ProgressRead, ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Frameworks"));
        Summary(s => s.Summary = "List the tenant's frameworks, ordered by code");
    }

    public override async Task HandleAsync(ListFrameworksRequest req, CancellationToken ct)
    {
        Infrastructure.Http.Cursor.TryDecode(req.Cursor, out var after);
        var limit = req.Limit ?? Infrastructure.Http.Cursor.DefaultLimit;
        await using var session = tenant.QuerySession();
        IQueryable<FrameworkDocument> query = session.Query<FrameworkDocument>();
        if (after is not null) query = query.Where(f => f.Code.CompareTo(after) > 0);
        var docs = await query.OrderBy(f => f.Code).Take(limit + 1).ToListAsync(ct);

        var page = new Page<FrameworkSummary>
        {
            Items = docs.Take(limit).Select(d => new FrameworkSummary
            {
                FrameworkId = d.Id, Code = d.Code, Title = d.Definition.Title, Version = d.Version,
                CompetencyCount = d.Definition.Competencies.Count, UpdatedAt = d.UpdatedAt,
            }).ToList(),
            NextCursor = docs.Count > limit ? Infrastructure.Http.Cursor.Encode(docs[limit - 1].Code) : null,
        };
        await Send.OkAsync(page, ct);
    }
}
