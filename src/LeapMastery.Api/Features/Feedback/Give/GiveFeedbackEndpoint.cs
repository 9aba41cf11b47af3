using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Feedback.Give;

public sealed class FeedbackBody
{
    /// <summary>Who gives it: educator, peer or learner (self-reflection).</summary>
    public string AuthorKind { get; set; } = "";
    /// <summary>The author's id in the source system (no names).</summary>
    public string? AuthorId { get; set; }
    /// <summary>The evidence it is about; give this or attemptId.</summary>
    public Guid? EvidenceId { get; set; }
    /// <summary>The attempt it is about; give this or evidenceId.</summary>
    public Guid? AttemptId { get; set; }
    public string? Effort { get; set; }
    public string? Process { get; set; }
    public string? Mastery { get; set; }
}

public sealed class FeedbackResponse
{
    public Guid FeedbackId { get; set; }
    public Guid? EvidenceId { get; set; }
    public Guid? AttemptId { get; set; }
    public string AuthorKind { get; set; } = "";
    public string? AuthorId { get; set; }
    public string? Effort { get; set; }
    public string? Process { get; set; }
    public string? Mastery { get; set; }
    public Instant GivenAt { get; set; }

    public static FeedbackResponse From(FeedbackGiven f) => new()
    {
        FeedbackId = f.FeedbackId, EvidenceId = f.EvidenceId, AttemptId = f.AttemptId, AuthorKind = f.Author.Kind, AuthorId = f.Author.Id,
        Effort = f.Feedback.Effort, Process = f.Feedback.Process, Mastery = f.Feedback.Mastery, GivenAt = f.GivenAt,
    };
}

public sealed class GiveFeedbackRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    [FromBody] public FeedbackBody Body { get; set; } = new();
}

public sealed class GiveFeedbackValidator : Validator<GiveFeedbackRequest>
{
    public GiveFeedbackValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body.AuthorKind).Must(k => FeedbackAuthor.Kinds.Contains(k)).OverridePropertyName("authorKind")
            .WithMessage($"Use one of: {string.Join(", ", FeedbackAuthor.Kinds)}.");
        RuleFor(x => x.Body).Must(b => (b.EvidenceId is null) != (b.AttemptId is null)).OverridePropertyName("evidenceId")
            .WithMessage("Give exactly one of evidenceId or attemptId.");
        RuleFor(x => x.Body).Must(b => !string.IsNullOrWhiteSpace(b.Effort) || !string.IsNullOrWhiteSpace(b.Process) || !string.IsNullOrWhiteSpace(b.Mastery))
            .OverridePropertyName("effort").WithMessage("Give feedback on at least one of effort, process or mastery.");
        RuleFor(x => x.Body.Effort).MaximumLength(4000).OverridePropertyName("effort");
        RuleFor(x => x.Body.Process).MaximumLength(4000).OverridePropertyName("process");
        RuleFor(x => x.Body.Mastery).MaximumLength(4000).OverridePropertyName("mastery");
    }
}

public sealed class GiveFeedbackEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<GiveFeedbackRequest, FeedbackResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/feedback");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence").Produces<FeedbackResponse>(201, "application/json").Produces(404));
        Summary(s =>
        {
            s.Summary = "Give feedback on effort, process and mastery (LD.2) on evidence or an attempt";
            s.Description = "By an educator, a peer or the learner. It is returned with the learner's progress (latest per competency) and in explanations.";
        });
    }

    public override async Task HandleAsync(GiveFeedbackRequest req, CancellationToken ct)
    {
        var b = req.Body;
        var command = new GiveFeedback(Guid.NewGuid(), b.EvidenceId, b.AttemptId, new FeedbackAuthor(b.AuthorKind, b.AuthorId),
            new EvidenceFeedback(b.Effort, b.Process, b.Mastery), clock.GetCurrentInstant(), tenant.ClientId);
        var reads = b.EvidenceId is { } evidenceId ? LearnerReads.Of(new LearnerReads { Evidence = [evidenceId] }) : LearnerReadsOf.AttemptEvidence(b.AttemptId!.Value);
        var (decision, _) = await writer.DecideAsync(req.LearnerId, reads, state => LearnerDecisions.Decide(command, state), ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        await Send.ResponseAsync(FeedbackResponse.From(decision.First<FeedbackGiven>()!), 201, ct);
    }
}
