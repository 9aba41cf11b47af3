using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Evidence.Validate;

public sealed class ValidationBody
{
    /// <summary>accepted (the evidence counts from now on) or rejected (it never counts).</summary>
    public string Decision { get; set; } = "";
    /// <summary>The educator's note, e.g. what they checked.</summary>
    public string? Note { get; set; }
}

public sealed class ValidateEvidenceRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The evidence id.</summary>
    public Guid EvidenceId { get; set; }
    [FromBody] public ValidationBody Body { get; set; } = new();
}

public sealed class ValidateEvidenceValidator : Validator<ValidateEvidenceRequest>
{
    public ValidateEvidenceValidator()
    {
        RuleFor(x => x.Body.Decision).Must(d => d is "accepted" or "rejected").OverridePropertyName("decision")
            .WithMessage("Use accepted or rejected.");
        RuleFor(x => x.Body.Note).MaximumLength(2000).OverridePropertyName("note");
    }
}

public sealed class ValidateEvidenceEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<ValidateEvidenceRequest, EvidenceResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/evidence/{evidenceId:guid}/validations");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence").Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "Validate evidence from an outside partner (LC.5)";
            s.Description = "Evidence whose actor is a partner (internship, community partner, dual credit) waits for an educator's decision before it counts. Answers the evidence as it now stands.";
        });
    }

    public override async Task HandleAsync(ValidateEvidenceRequest req, CancellationToken ct)
    {
        var command = new ValidateEvidence(req.EvidenceId, req.Body.Decision == "accepted", req.Body.Note, clock.GetCurrentInstant(), tenant.ClientId);
        var decided = await writer.DecideAsync(req.LearnerId, LearnerReads.Of(new LearnerReads { Evidence = [req.EvidenceId] }),
            record => LearnerDecisions.Decide(command, record), ct);
        await EvidenceChangeAnswer.SendAsync(HttpContext, req.EvidenceId, decided, ct);
    }
}
