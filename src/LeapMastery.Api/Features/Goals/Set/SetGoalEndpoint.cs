using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Goals.List;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Goals;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Api.Features.Goals.Set;

public sealed class GoalBody
{
    public Guid FrameworkId { get; set; }
    /// <summary>A level goal: the competency (with <c>level</c>).</summary>
    public Guid? CompetencyId { get; set; }
    /// <summary>A level goal: the code of the scale's level to reach on the competency.</summary>
    public string? Level { get; set; }
    /// <summary>A progression goal: the progression's code (with <c>step</c>).</summary>
    public string? ProgressionCode { get; set; }
    /// <summary>A progression goal: the step (from 1) to have done by the date.</summary>
    public int? Step { get; set; }
    /// <summary>The date to reach it by (yyyy-MM-dd, in the tenant's time zone); today or later.</summary>
    public LocalDate? DueBy { get; set; }
    /// <summary>The learner's own words about the goal.</summary>
    public string? Note { get; set; }
}

public sealed class SetGoalRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    [FromBody] public GoalBody Body { get; set; } = new();
}

public sealed class SetGoalValidator : Validator<SetGoalRequest>
{
    public SetGoalValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body.FrameworkId).NotEmpty().OverridePropertyName("frameworkId");
        RuleFor(x => x.Body.DueBy).NotNull().OverridePropertyName("dueBy");
        RuleFor(x => x.Body.Note).MaximumLength(2000).OverridePropertyName("note");
        RuleFor(x => x.Body).Must(b => (b.CompetencyId is null && b.Level is null) != (b.ProgressionCode is null && b.Step is null))
            .OverridePropertyName("competencyId").WithMessage("Give a level goal (competencyId and level) or a progression goal (progressionCode and step), not both.");
        When(x => x.Body.CompetencyId is not null || x.Body.Level is not null, () =>
        {
            RuleFor(x => x.Body.CompetencyId).NotNull().OverridePropertyName("competencyId");
            RuleFor(x => x.Body.Level).NotEmpty().MaximumLength(100).OverridePropertyName("level");
        });
        When(x => x.Body.ProgressionCode is not null || x.Body.Step is not null, () =>
        {
            RuleFor(x => x.Body.ProgressionCode).NotEmpty().MaximumLength(200).OverridePropertyName("progressionCode");
            RuleFor(x => x.Body.Step).NotNull().OverridePropertyName("step");
        });
    }
}

public sealed class SetGoalEndpoint(TenantContext tenant, TenantZone zones, LearnerWriter writer, IClock clock) : Endpoint<SetGoalRequest, GoalResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/goals");
        Scopes(ApiScopes.LearnerLedWrite);
        Description(d => d.WithTags("Goals").Produces<GoalResponse>(201, "application/json").Produces<GoalResponse>(200, "application/json").Produces(409));
        Summary(s =>
        {
            s.Summary = "Set a learner's goal: a level on a competency, or a step of a progression, by a date (LL.2)";
            s.Description = "Through an app, for the learner. The goal records where the learner stands now (its baseline); progress then shows it met, onTrack (the share of the way covered is at least the share of the time gone), behind, or missed once the date has passed. The same goal again (same target and date, still in force) answers it with 200 and records nothing. At most 50 goals in force per learner (409).";
        });
    }

    public override async Task HandleAsync(SetGoalRequest req, CancellationToken ct)
    {
        var body = req.Body;
        var now = clock.GetCurrentInstant();
        var today = now.InZone(await zones.ZoneAsync(ct)).Date;
        var target = new GoalTarget(body.CompetencyId, body.Level, body.ProgressionCode, body.Step);
        var command = new SetGoal(Guid.NewGuid(), req.LearnerId, body.FrameworkId, target, body.DueBy!.Value, body.Note, today, now, tenant.ClientId);

        LearnerReadsFor reads = (_, context) => new LearnerReads { Competencies = TargetCompetencies(target, context.Frameworks.FirstOrDefault(f => f.FrameworkId == body.FrameworkId)) };
        var (decision, answer) = await writer.WriteTurnAsync(req.LearnerId, reads, turn =>
        {
            var framework = turn.Context.Frameworks.FirstOrDefault(f => f.FrameworkId == body.FrameworkId);
            var decided = LearnerWriter.Decide(turn, GoalDecisions.Decide(command, turn.State, framework));
            if (decided.Decision.IsRefused) return (decided.Decision, (GoalResponse?)null);
            var goal = decided.State.AllGoals.Last(g => g.IsActive && g.Set.FrameworkId == command.FrameworkId && g.Set.Target == target && g.Set.DueBy == command.DueBy);
            var progress = ProgressCalculator.ForFramework(decided.State, framework!.FrameworkId, framework.Version, framework.Definition, now);
            return (decided.Decision, GoalResponse.Of(goal.Set, framework.Definition, GoalDecisions.CurrentOf(target, framework.Definition, progress), today));
        }, ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        if (decision.Events.Count == 0)
        {
            await Send.OkAsync(answer!, ct);
            return;
        }
        await Send.CreatedAtAsync<ListGoalsEndpoint>(new { learnerId = req.LearnerId }, answer!, cancellation: ct);
    }

    /// <summary>The competencies whose evidence the baseline reads: the target's, or every step of the target's progression.</summary>
    private static IReadOnlyList<Guid> TargetCompetencies(GoalTarget target, Domain.Recognitions.FrameworkInForce? framework)
    {
        if (framework is null) return [];
        if (target.CompetencyId is { } id) return [id];
        var progression = framework.Definition.Progressions.FirstOrDefault(p => p.Code == target.ProgressionCode);
        return progression?.Steps.Select(code => framework.Definition.FindByCode(code)?.Id).OfType<Guid>().ToList() ?? [];
    }
}
