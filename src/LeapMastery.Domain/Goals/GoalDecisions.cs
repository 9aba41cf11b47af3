using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;
using NodaTime;

namespace LeapMastery.Domain.Goals;

/// <summary>Set a goal (LL.2); <paramref name="Today"/> is the date now in the tenant's time zone.</summary>
public sealed record SetGoal(
    Guid GoalId, string LearnerId, Guid FrameworkId, GoalTarget Target, LocalDate DueBy, string? Note, LocalDate Today, Instant Now, string By);

public sealed record WithdrawGoal(Guid GoalId, Instant Now, string By);

/// <summary>How a goal stands on a day: met, on track, behind or missed (or its target gone from the framework).</summary>
public enum GoalStatus
{
    /// <summary>The target is reached (as of the answer's moment).</summary>
    Met,
    /// <summary>Not reached, the date not passed, and the share of the way covered since the goal was set is at least the share of the time gone.</summary>
    OnTrack,
    /// <summary>Not reached, the date not passed, and less of the way covered than of the time.</summary>
    Behind,
    /// <summary>The date has passed and the target is not reached.</summary>
    Missed,
    /// <summary>The framework's current version no longer has the goal's competency, level, progression or step.</summary>
    TargetGone,
}

/// <summary>
/// A goal's standing: where the learner is (<see cref="Current"/>: the rank of their level, 0 for none, or the progression's
/// steps done) against <see cref="Target"/> and where they were when it was set; <see cref="Achieved"/> and
/// <see cref="Elapsed"/> are the shares (0–1, two decimals) of the way covered and of the time gone.
/// </summary>
public sealed record GoalStanding(GoalStatus Status, int? Current, int? Target, decimal Achieved, decimal Elapsed);

public static class GoalDecisions
{
    /// <summary>A learner has at most this many goals in force at once.</summary>
    public const int MaxActiveGoals = 50;

    /// <summary>
    /// Sets a goal on <paramref name="framework"/> (null: not in the tenant). The target must exist in the framework, the date
    /// must not be past; the same goal already in force (same target and date) is an idempotent repeat. The baseline is where
    /// the learner stands now, from <paramref name="state"/> (which holds the evidence on the target's competencies).
    /// </summary>
    public static Decision Decide(SetGoal c, LearnerRecord state, FrameworkInForce? framework)
    {
        if (framework is null) return Decision.Invalid("frameworkId", $"No framework {c.FrameworkId} in this tenant.");
        var errors = new List<DomainError>();
        if (TargetError(c.Target, framework.Definition) is { } targetError) errors.Add(targetError);
        if (c.DueBy < c.Today)
            errors.Add(new DomainError("dueBy", $"{Iso(c.DueBy)} is past: today is {Iso(c.Today)} in the tenant's time zone."));
        if (errors.Count > 0) return Decision.Invalid(errors);

        var active = state.AllGoals.Where(g => g.IsActive).ToList();
        if (active.Any(g => g.Set.FrameworkId == c.FrameworkId && g.Set.Target == c.Target && g.Set.DueBy == c.DueBy))
            return Decision.Unchanged;
        if (active.Count >= MaxActiveGoals)
            return Decision.Conflict("goals", $"The learner already has {MaxActiveGoals} goals in force; withdraw one first.");

        var progress = ProgressCalculator.ForFramework(state, framework.FrameworkId, framework.Version, framework.Definition, c.Now);
        var baseline = CurrentOf(c.Target, framework.Definition, progress) ?? 0;
        return Decision.Append(new GoalSet(c.GoalId, c.LearnerId, c.FrameworkId, c.Target, c.Today, c.DueBy, baseline, c.Note, c.Now, c.By));
    }

    /// <summary>Withdraws a goal in force; a goal already withdrawn is an idempotent repeat.</summary>
    public static Decision Decide(WithdrawGoal c, LearnerRecord state)
    {
        if (state.FindGoal(c.GoalId) is not { } goal) return Decision.NotFound("goalId", $"The learner has no goal {c.GoalId}.");
        return goal.IsActive ? Decision.Append(new GoalWithdrawn(c.GoalId, c.Now, c.By)) : Decision.Unchanged;
    }

    /// <summary>
    /// How <paramref name="goal"/> stands on <paramref name="today"/> under <paramref name="framework"/>, where
    /// <paramref name="current"/> is the learner's standing on its target (<see cref="CurrentOf(GoalTarget, FrameworkDefinition, Func{Guid, string?}, Func{string, int?})"/>).
    /// Met once the target is reached; otherwise missed once the date has passed; otherwise on track while the share of the
    /// way from the baseline to the target is at least the share of the days from setting it to the date.
    /// </summary>
    public static GoalStanding Evaluate(GoalSet goal, FrameworkDefinition framework, int? current, LocalDate today)
    {
        var days = Period.DaysBetween(goal.SetOn, goal.DueBy);
        var elapsed = days <= 0 ? 1m : Math.Clamp((decimal)Period.DaysBetween(goal.SetOn, today) / days, 0m, 1m);
        if (TargetOf(goal.Target, framework) is not { } target || current is null)
            return new GoalStanding(GoalStatus.TargetGone, current, null, 0m, Round(elapsed));
        var achieved = target <= goal.Baseline ? 1m : Math.Clamp((decimal)(current.Value - goal.Baseline) / (target - goal.Baseline), 0m, 1m);
        var status = current >= target ? GoalStatus.Met
            : today > goal.DueBy ? GoalStatus.Missed
            : achieved >= elapsed ? GoalStatus.OnTrack
            : GoalStatus.Behind;
        return new GoalStanding(status, current, target, Round(status == GoalStatus.Met ? 1m : achieved), Round(elapsed));
    }

    /// <summary>The target as a number: the rank of the level on the framework's scale (lowest 1), or the step; null when the framework no longer has it.</summary>
    public static int? TargetOf(GoalTarget target, FrameworkDefinition framework) =>
        TargetError(target, framework) is null
            ? target.IsProgressionStep ? target.Step : RankOf(framework, target.Level)
            : null;

    /// <summary>The learner's standing on the target: the rank of their level on its competency (0 for none), or the steps done on its progression.</summary>
    public static int? CurrentOf(GoalTarget target, FrameworkDefinition framework, Func<Guid, string?> levelOf, Func<string, int?> stepsDoneOf)
    {
        if (target.IsProgressionStep) return stepsDoneOf(target.ProgressionCode!);
        if (target.CompetencyId is not { } competency || framework.Find(competency) is null) return null;
        return levelOf(competency) is { } level ? RankOf(framework, level) ?? 0 : 0;
    }

    public static int? CurrentOf(GoalTarget target, FrameworkDefinition framework, FrameworkProgress progress) =>
        CurrentOf(target, framework, id => progress.Find(id)?.Result.Level?.Code,
            code => progress.Progressions.FirstOrDefault(p => p.Progression.Code == code)?.Position.StepsDone);

    private static DomainError? TargetError(GoalTarget t, FrameworkDefinition framework)
    {
        if (t.IsProgressionStep)
        {
            if (framework.Progressions.FirstOrDefault(p => p.Code == t.ProgressionCode) is not { } progression)
                return new DomainError("progressionCode", $"Framework {framework.Code} has no progression '{t.ProgressionCode}'.");
            return t.Step is { } step && step >= 1 && step <= progression.Steps.Count ? null
                : new DomainError("step", $"Progression '{progression.Code}' has steps 1 to {progression.Steps.Count}.");
        }
        if (t.CompetencyId is not { } id || framework.Find(id) is null)
            return new DomainError("competencyId", $"Framework {framework.Code} has no competency {t.CompetencyId}.");
        return RankOf(framework, t.Level) is null
            ? new DomainError("level", $"The framework's scale has no level '{t.Level}'; use one of: {string.Join(", ", framework.Scale.OrderedLevels.Select(l => l.Code))}.")
            : null;
    }

    private static int? RankOf(FrameworkDefinition framework, string? level)
    {
        var levels = framework.Scale.OrderedLevels;
        for (var i = 0; i < levels.Count; i++)
            if (levels[i].Code == level) return i + 1;
        return null;
    }

    private static decimal Round(decimal share) => Math.Round(share, 2, MidpointRounding.AwayFromZero);

    private static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
