using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Evidence.Correct;

public sealed class CorrectionBody
{
    /// <summary>Why the scores are corrected (kept in the history).</summary>
    public string Reason { get; set; } = "";
    /// <summary>The corrected alignments; they replace the evidence's alignments from now on.</summary>
    public List<AlignmentContract> Alignments { get; set; } = [];
}

public sealed class CorrectEvidenceRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The evidence id.</summary>
    public Guid EvidenceId { get; set; }
    [FromBody] public CorrectionBody Body { get; set; } = new();
}

public sealed class CorrectEvidenceValidator : Validator<CorrectEvidenceRequest>
{
    public CorrectEvidenceValidator()
    {
        RuleFor(x => x.Body.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason");
        RuleFor(x => x.Body.Alignments).NotEmpty().OverridePropertyName("alignments");
    }
}

public sealed class CorrectEvidenceEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock, FrameworkCatalog catalog) : Endpoint<CorrectEvidenceRequest, EvidenceResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/evidence/{evidenceId:guid}/corrections");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence").Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "Correct evidence's scores (the original stays in the history)";
            s.Description = "Answers the evidence as it now stands. As-of questions before the correction still see the original scores.";
        });
    }

    public override async Task HandleAsync(CorrectEvidenceRequest req, CancellationToken ct)
    {
        AlignmentResolver resolver;
        await using (var query = tenant.QuerySession()) resolver = await AlignmentResolver.LoadAsync(query, catalog, ct);
        var (alignments, errors) = resolver.Resolve(req.Body.Alignments);
        foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(e.Field, e.Message));
        ThrowIfAnyErrors();

        var command = new CorrectEvidence(req.EvidenceId, alignments, req.Body.Reason, clock.GetCurrentInstant(), tenant.ClientId);
        var decided = await writer.DecideAsync(req.LearnerId, LearnerReads.Of(new LearnerReads { Evidence = [req.EvidenceId], Competencies = alignments.Select(a => a.CompetencyId).ToList() }),
            record => LearnerDecisions.Decide(command, record), ct);
        await EvidenceChangeAnswer.SendAsync(HttpContext, req.EvidenceId, decided, ct);
    }
}
