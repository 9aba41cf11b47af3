using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;

namespace LeapMastery.Api.Features.Attempts.List;

public sealed class ListAttemptsRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>Only attempts at this assessment.</summary>
    [QueryParam] public Guid? AssessmentId { get; set; }
}

public sealed class ListAttemptsEndpoint(TenantContext tenant) : Endpoint<ListAttemptsRequest, List<AttemptResponse>>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/attempts");
        Scopes(ApiScopes.EvidenceWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Attempts"));
        Summary(s => s.Summary = "A learner's attempts, oldest first (voided ones included: all attempts stay in the history)");
    }

    public override async Task HandleAsync(ListAttemptsRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var summary = await session.SummaryAsync(tenant.TenantId, req.LearnerId, ct);
        await Send.OkAsync((summary?.Record.AllAttempts ?? [])
            .Where(a => req.AssessmentId is null || a.Started.AssessmentId == req.AssessmentId)
            .Select(AttemptResponse.From).ToList(), ct);
    }
}
