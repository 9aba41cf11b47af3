using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Reflections.Add;

public sealed class ReflectionBody
{
    /// <summary>The learner's reflection in their own words (LL.4): what they learned, how, what is next. Never a score.</summary>
    public string Text { get; set; } = "";
}

public sealed class ReflectionResponse
{
    public Guid ReflectionId { get; set; }
    public Guid EvidenceId { get; set; }
    public string Text { get; set; } = "";
    public Instant AddedAt { get; set; }

    public static ReflectionResponse From(ReflectionAdded r) => new() { ReflectionId = r.ReflectionId, EvidenceId = r.EvidenceId, Text = r.Text, AddedAt = r.AddedAt };
}

public sealed class AddReflectionRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The learner's evidence the reflection is on.</summary>
    public Guid EvidenceId { get; set; }
    [FromBody] public ReflectionBody Body { get; set; } = new();
}

public sealed class AddReflectionValidator : Validator<AddReflectionRequest>
{
    public AddReflectionValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body.Text).NotEmpty().MaximumLength(4000).OverridePropertyName("text");
    }
}

public sealed class AddReflectionEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<AddReflectionRequest, ReflectionResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/evidence/{evidenceId:guid}/reflections");
        Scopes(ApiScopes.LearnerLedWrite);
        Description(d => d.WithTags("Evidence").Produces<ReflectionResponse>(201, "application/json").Produces(404));
        Summary(s =>
        {
            s.Summary = "Attach the learner's reflection to a piece of their evidence (LL.4)";
            s.Description = "Through an app, for the learner. A reflection never counts as a score; it appears with the evidence in the competency's explanation (as of its time).";
        });
    }

    public override async Task HandleAsync(AddReflectionRequest req, CancellationToken ct)
    {
        var command = new AddReflection(Guid.NewGuid(), req.EvidenceId, req.Body.Text, clock.GetCurrentInstant(), tenant.ClientId);
        var (decision, _) = await writer.DecideAsync(req.LearnerId, LearnerReads.Of(new LearnerReads { Evidence = [req.EvidenceId] }),
            state => LearnerDecisions.Decide(command, state), ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        await Send.ResponseAsync(ReflectionResponse.From(decision.First<ReflectionAdded>()!), 201, ct);
    }
}
