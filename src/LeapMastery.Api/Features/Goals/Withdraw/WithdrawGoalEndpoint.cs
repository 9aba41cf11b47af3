using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Goals;
using NodaTime;

namespace LeapMastery.Api.Features.Goals.Withdraw;

public sealed class WithdrawGoalRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The goal, as its creation answered it.</summary>
    public Guid GoalId { get; set; }
}

public sealed class WithdrawGoalValidator : Validator<WithdrawGoalRequest>
{
    public WithdrawGoalValidator() => RuleFor(x => x.LearnerId).MustBeLearnerId();
}

public sealed class WithdrawGoalEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<WithdrawGoalRequest>
{
    public override void Configure()
    {
        Delete("/learners/{learnerId}/goals/{goalId:guid}");
        Scopes(ApiScopes.LearnerLedWrite);
        Description(d => d.WithTags("Goals").Produces(204).Produces(404));
        Summary(s =>
        {
            s.Summary = "Withdraw a learner's goal";
            s.Description = "It no longer shows in progress from now on (progress as of an earlier moment still shows it). Withdrawing it again answers 204 and records nothing.";
        });
    }

    public override async Task HandleAsync(WithdrawGoalRequest req, CancellationToken ct)
    {
        var command = new WithdrawGoal(req.GoalId, clock.GetCurrentInstant(), tenant.ClientId);
        var (decision, _) = await writer.DecideAsync(req.LearnerId, null, state => GoalDecisions.Decide(command, state), ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        await Send.NoContentAsync(ct);
    }
}
