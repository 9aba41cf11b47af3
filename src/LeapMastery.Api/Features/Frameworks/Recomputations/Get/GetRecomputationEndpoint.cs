using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Frameworks.Recomputations.Get;

public sealed class GetRecomputationRequest
{
    /// <summary>The framework whose revision started the recomputation.</summary>
    public Guid FrameworkId { get; set; }
    /// <summary>From the answer to the revision that started it.</summary>
    public Guid RecomputationId { get; set; }
}

public sealed class GetRecomputationEndpoint(TenantContext tenant) : Endpoint<GetRecomputationRequest, RecomputationResponse>
{
    public override void Configure()
    {
        Get("/frameworks/{frameworkId:guid}/recomputations/{recomputationId:guid}");
        Scopes(ApiScopes.FrameworksWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Frameworks").Produces(404));
        Summary(s =>
        {
            s.Summary = "Watch the recomputation a framework revision started: learners done of total, started, finished, failures";
            s.Description = "Recorded with the revision and resumed after a restart; each learner is recomputed exactly once.";
        });
    }

    public override async Task HandleAsync(GetRecomputationRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var found = await session.LoadAsync<Recomputation>(req.RecomputationId, ct);
        if (found is null || found.FrameworkId != req.FrameworkId)
        {
            await Send.ResultAsync(Problems.NotFound($"No recomputation {req.RecomputationId} of framework {req.FrameworkId}."));
            return;
        }
        await Send.OkAsync(RecomputationResponse.From(found), ct);
    }
}
