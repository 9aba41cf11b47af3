using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Attempts.Void;

public sealed class VoidBody
{
    /// <summary>Why the attempt no longer counts (kept in the history).</summary>
    public string Reason { get; set; } = "";
}

public sealed class VoidAttemptRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The attempt's id.</summary>
    public Guid AttemptId { get; set; }
    [FromBody] public VoidBody Body { get; set; } = new();
}

public sealed class VoidAttemptValidator : Validator<VoidAttemptRequest>
{
    public VoidAttemptValidator() => RuleFor(x => x.Body.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason");
}

public sealed class VoidAttemptEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<VoidAttemptRequest, AttemptResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/attempts/{attemptId:guid}/void");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Attempts").Produces(404).Produces(409));
        Summary(s => s.Summary = "Void an attempt: its evidence stops counting; the attempt stays in the history");
    }

    public override async Task HandleAsync(VoidAttemptRequest req, CancellationToken ct)
    {
        var decided = await writer.DecideAsync(req.LearnerId, LearnerReadsOf.AttemptEvidence(req.AttemptId),
            record => AttemptDecisions.Void(req.AttemptId, req.Body.Reason, clock.GetCurrentInstant(), tenant.ClientId, record), ct);
        await AttemptAnswer.SendAsync(HttpContext, req.AttemptId, decided, ct);
    }
}
