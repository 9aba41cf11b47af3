using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;

namespace LeapMastery.Api.Features.Attempts.Get;

public sealed class GetAttemptEndpoint(TenantContext tenant) : Endpoint<AttemptRouteRequest, AttemptResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/attempts/{attemptId:guid}");
        Scopes(ApiScopes.EvidenceWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Attempts").Produces(404));
        Summary(s => s.Summary = "Get one attempt");
    }

    public override async Task HandleAsync(AttemptRouteRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var summary = await session.SummaryAsync(tenant.TenantId, req.LearnerId, ct);
        if (summary?.Record.FindAttempt(req.AttemptId) is not { } attempt)
        {
            await Send.ResultAsync(Problems.NotFound($"No attempt {req.AttemptId} for learner {req.LearnerId}."));
            return;
        }
        await Send.OkAsync(AttemptResponse.From(attempt), ct);
    }
}
