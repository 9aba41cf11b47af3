using LeapMastery.Api.Features.Progress;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Goals;
using NodaTime;

namespace LeapMastery.Api.Features.Goals;

/// <summary>
/// A learner's goal (LL.2) and how it stands: <c>met</c>, <c>onTrack</c>, <c>behind</c>, <c>missed</c>, or <c>targetGone</c>
/// when the framework's current version no longer has its target.
/// </summary>
public sealed class GoalResponse
{
    public Guid GoalId { get; set; }
    public Guid FrameworkId { get; set; }
    /// <summary>A level goal: the competency and the level code to reach on it.</summary>
    public Guid? CompetencyId { get; set; }
    public string? CompetencyCode { get; set; }
    public string? Level { get; set; }
    /// <summary>A progression goal: the progression and the step (from 1) to have done, mastered or placed.</summary>
    public string? ProgressionCode { get; set; }
    public int? Step { get; set; }
    /// <summary>The date to reach it by (yyyy-MM-dd, in the tenant's time zone).</summary>
    public LocalDate DueBy { get; set; }
    public string? Note { get; set; }
    public Instant SetAt { get; set; }
    /// <summary>The day it was set, in the tenant's time zone: where its time is counted from.</summary>
    public LocalDate SetOn { get; set; }
    /// <summary>Where the learner stood when it was set: the rank of their level on the competency (lowest level 1, none 0), or the progression's steps done.</summary>
    public int Baseline { get; set; }
    /// <summary>Where the learner stands now (as of the answer), on the same measure; null when the target is gone.</summary>
    public int? Current { get; set; }
    /// <summary>The target on the same measure (the level's rank, or the step); null when it is gone.</summary>
    public int? Target { get; set; }
    /// <summary>met, onTrack, behind, missed or targetGone.</summary>
    public GoalStatus Status { get; set; }
    /// <summary>The share of the way from baseline to target covered (0–1).</summary>
    public decimal Achieved { get; set; }
    /// <summary>The share of the days from setOn to dueBy gone (0–1). On track means achieved ≥ elapsed.</summary>
    public decimal Elapsed { get; set; }

    /// <summary>The goal as it stands on <paramref name="today"/>, where <paramref name="current"/> is the learner's standing on its target (<see cref="GoalDecisions.CurrentOf(GoalTarget, FrameworkDefinition, Func{Guid, string?}, Func{string, int?})"/>).</summary>
    public static GoalResponse Of(GoalSet goal, FrameworkDefinition framework, int? current, LocalDate today)
    {
        var standing = GoalDecisions.Evaluate(goal, framework, current, today);
        return new GoalResponse
        {
            GoalId = goal.GoalId, FrameworkId = goal.FrameworkId,
            CompetencyId = goal.Target.CompetencyId,
            CompetencyCode = goal.Target.CompetencyId is { } id ? framework.Find(id)?.Code : null,
            Level = goal.Target.Level, ProgressionCode = goal.Target.ProgressionCode, Step = goal.Target.Step,
            DueBy = goal.DueBy, Note = goal.Note, SetAt = goal.SetAt, SetOn = goal.SetOn, Baseline = goal.Baseline,
            Current = standing.Current, Target = standing.Target, Status = standing.Status, Achieved = standing.Achieved, Elapsed = standing.Elapsed,
        };
    }

    /// <summary>
    /// Adds each goal in force in <paramref name="record"/> to its framework's progress in <paramref name="answer"/> (goals on
    /// frameworks the answer leaves out are left out too), as they stand on <paramref name="today"/>.
    /// </summary>
    public static void Attach(LearnerProgressResponse answer, LearnerRecord record, IReadOnlyDictionary<Guid, FrameworkDefinition> frameworks, LocalDate today)
    {
        foreach (var f in answer.Frameworks)
        {
            var goals = record.AllGoals.Where(g => g.IsActive && g.Set.FrameworkId == f.FrameworkId).ToList();
            if (goals.Count == 0 || !frameworks.TryGetValue(f.FrameworkId, out var definition)) continue;
            var levels = f.Competencies.ToDictionary(c => c.CompetencyId, c => c.Level?.Code);
            f.Goals = goals.Select(g => Of(g.Set, definition, GoalDecisions.CurrentOf(g.Set.Target, definition, id => levels.GetValueOrDefault(id),
                code => f.Progressions.FirstOrDefault(p => p.Code == code)?.StepsDone), today)).ToList();
        }
    }
}
