using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Attempts.Score;

public sealed class ScoreBody
{
    /// <summary>Points per section; each becomes raw/max evidence on the section's competency, read through the cut scores.</summary>
    public List<SectionScoreContract> Sections { get; set; } = [];
    /// <summary>Feedback on effort, process and mastery (LD.2), carried by the evidence.</summary>
    public FeedbackContract? Feedback { get; set; }
}

public sealed class ScoreAttemptRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The attempt's id.</summary>
    public Guid AttemptId { get; set; }
    [FromBody] public ScoreBody Body { get; set; } = new();
}

public sealed class ScoreAttemptValidator : Validator<ScoreAttemptRequest>
{
    public ScoreAttemptValidator() => RuleFor(x => x.Body.Sections).NotEmpty().OverridePropertyName("sections");
}

public sealed class ScoreAttemptEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<ScoreAttemptRequest, AttemptResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/attempts/{attemptId:guid}/score");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Attempts").Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "Score an attempt: it becomes evidence (scoring again corrects that evidence)";
            s.Description = "Each section's points become raw/max evidence on its competency, mapped to a level by the assessment's cut scores.";
        });
    }

    public override async Task HandleAsync(ScoreAttemptRequest req, CancellationToken ct)
    {
        var assessment = await LoadAttemptAssessmentAsync(req, ct);
        if (assessment is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No attempt {req.AttemptId} for learner {req.LearnerId}."));
            return;
        }
        var f = req.Body.Feedback;
        var command = new ScoreAttempt(req.AttemptId, req.Body.Sections.Select(s => new SectionScore(s.SectionCode, s.Points)).ToList(),
            f is null ? null : new EvidenceFeedback(f.Effort, f.Process, f.Mastery), Guid.NewGuid(), clock.GetCurrentInstant(), tenant.ClientId);
        var decided = await writer.DecideAsync(req.LearnerId, LearnerReadsOf.AttemptEvidence(req.AttemptId, assessment.Sections.Select(x => x.CompetencyId)),
            record => AttemptDecisions.Score(command, assessment, record), ct);
        await AttemptAnswer.SendAsync(HttpContext, req.AttemptId, decided, ct);
    }

    /// <summary>The assessment the attempt belongs to (its current version: scores are read against today's sections and cut scores).</summary>
    private async Task<AssessmentDefinition?> LoadAttemptAssessmentAsync(ScoreAttemptRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var learner = await session.SummaryAsync(tenant.TenantId, req.LearnerId, ct);
        if (learner?.Record.FindAttempt(req.AttemptId) is not { } attempt) return null;
        return (await session.LoadAsync<Assessments.AssessmentDocument>(attempt.Started.AssessmentId, ct))?.Definition;
    }
}
