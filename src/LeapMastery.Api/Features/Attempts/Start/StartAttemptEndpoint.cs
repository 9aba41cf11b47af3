using System.Text.Json.Serialization;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Attempts.Get;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Attempts.Start;

public sealed class StartAttemptBody
{
    [JsonRequired] public Guid AssessmentId { get; set; }
    /// <summary>Who declares the learner ready: learner (default) or educator.</summary>
    public string? DeclaredBy { get; set; }
}

public sealed class StartAttemptRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    [FromBody] public StartAttemptBody Body { get; set; } = new();
}

public sealed class StartAttemptValidator : Validator<StartAttemptRequest>
{
    public StartAttemptValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body.AssessmentId).NotEmpty().OverridePropertyName("assessmentId");
        RuleFor(x => x.Body.DeclaredBy).Must(d => d is null || AttemptDecisions.Declarers.Contains(d)).OverridePropertyName("declaredBy")
            .WithMessage("Use learner or educator.");
    }
}

public sealed class StartAttemptEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock)
    : Endpoint<StartAttemptRequest, AttemptResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/attempts");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Attempts").Produces<AttemptResponse>(201, "application/json").Produces(409));
        Summary(s =>
        {
            s.Summary = "Start an attempt: the learner is ready to be assessed (LD.3)";
            s.Description = "No time gating: any learner may attempt any assessment at any time, as often as its attempt policy allows (unlimited by default), and, where the assessment asks, once the prerequisites of what it assesses are mastered or placed.";
        });
    }

    public override async Task HandleAsync(StartAttemptRequest req, CancellationToken ct)
    {
        var assessment = await AssessmentLookup.LoadAsync(tenant, req.Body.AssessmentId, ct);
        if (assessment is null)
        {
            ValidationFailures.Add(new ValidationFailure("assessmentId", $"No assessment {req.Body.AssessmentId} in this tenant."));
            ThrowIfAnyErrors();
        }
        var definition = assessment!.Definition;
        var command = new StartAttempt(Guid.NewGuid(), req.LearnerId, assessment.Id, req.Body.DeclaredBy ?? "learner", clock.GetCurrentInstant(), tenant.ClientId);
        // Decided on the learner's locked record: the prerequisite gate and the attempt limit see every write before this one.
        var (decision, state) = await writer.WriteTurnAsync(req.LearnerId, (_, context) => LearnerReadsOf.Prerequisites(definition, context), turn =>
        {
            var framework = turn.Context.Frameworks.FirstOrDefault(f => f.FrameworkId == definition.FrameworkId);
            return LearnerWriter.Decide(turn, AttemptDecisions.Start(command, definition, framework, turn.State));
        }, ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        await Send.CreatedAtAsync<GetAttemptEndpoint>(new { learnerId = req.LearnerId, attemptId = command.AttemptId },
            AttemptResponse.From(state.FindAttempt(command.AttemptId)!), cancellation: ct);
    }
}
