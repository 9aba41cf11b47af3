using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Evidence.Retract;

public sealed class RetractionBody
{
    /// <summary>Why the evidence no longer counts (kept in the history).</summary>
    public string Reason { get; set; } = "";
}

public sealed class RetractEvidenceRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The evidence id.</summary>
    public Guid EvidenceId { get; set; }
    [FromBody] public RetractionBody Body { get; set; } = new();
}

public sealed class RetractEvidenceValidator : Validator<RetractEvidenceRequest>
{
    public RetractEvidenceValidator() =>
        RuleFor(x => x.Body.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason");
}

public sealed class RetractEvidenceEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<RetractEvidenceRequest, EvidenceResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/evidence/{evidenceId:guid}/retractions");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence").Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "Retract evidence (it stops counting; nothing is deleted)";
            s.Description = "Answers the evidence as it now stands. As-of questions before the retraction still see it.";
        });
    }

    public override async Task HandleAsync(RetractEvidenceRequest req, CancellationToken ct)
    {
        var command = new RetractEvidence(req.EvidenceId, req.Body.Reason, clock.GetCurrentInstant(), tenant.ClientId);
        var decided = await writer.DecideAsync(req.LearnerId, LearnerReads.Of(new LearnerReads { Evidence = [req.EvidenceId] }),
            record => LearnerDecisions.Decide(command, record), ct);
        await EvidenceChangeAnswer.SendAsync(HttpContext, req.EvidenceId, decided, ct);
    }
}
