using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Frameworks.Recomputations.List;

public sealed class ListRecomputationsRequest
{
    /// <summary>The framework whose revision started the recomputation.</summary>
    public Guid FrameworkId { get; set; }
}

public sealed class ListRecomputationsEndpoint(TenantContext tenant) : Endpoint<ListRecomputationsRequest, List<RecomputationResponse>>
{
    public override void Configure()
    {
        Get("/frameworks/{frameworkId:guid}/recomputations");
        Scopes(ApiScopes.FrameworksWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Frameworks"));
        Summary(s => s.Summary = "The recomputations of a framework's learners, one per revision, newest version first");
    }

    public override async Task HandleAsync(ListRecomputationsRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var found = await session.Query<Recomputation>().Where(r => r.FrameworkId == req.FrameworkId).OrderByDescending(r => r.ToVersion).ToListAsync(ct);
        await Send.OkAsync(found.Select(RecomputationResponse.From).ToList(), ct);
    }
}
