using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;

namespace LeapMastery.Api.Features.Placements.List;

public sealed class ListPlacementsRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
}

public sealed class ListPlacementsEndpoint(TenantContext tenant) : Endpoint<ListPlacementsRequest, List<PlacementResponse>>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/placements");
        Scopes(ApiScopes.EvidenceWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Placements"));
        Summary(s => s.Summary = "A learner's placements, oldest first (the latest on each progression is in force)");
    }

    public override async Task HandleAsync(ListPlacementsRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var summary = await session.SummaryAsync(tenant.TenantId, req.LearnerId, ct);
        await Send.OkAsync((summary?.Record.AllPlacements ?? []).Select(PlacementResponse.From).ToList(), ct);
    }
}
