using NodaTime;

namespace LeapMastery.Domain.Goals;

/// <summary>
/// What a learner's goal aims at (LL.2): a level on a competency (<see cref="CompetencyId"/> with <see cref="Level"/>, a level
/// code of the framework's scale), or a step of a progression (<see cref="ProgressionCode"/> with <see cref="Step"/>, from 1:
/// the goal is met when that step is done, mastered or placed).
/// </summary>
public sealed record GoalTarget(Guid? CompetencyId = null, string? Level = null, string? ProgressionCode = null, int? Step = null)
{
    public bool IsProgressionStep => ProgressionCode is not null;
}

/// <summary>
/// A learner set a goal, through an app: reach <see cref="Target"/> in framework <see cref="FrameworkId"/> by <see cref="DueBy"/>
/// (a date in the tenant's time zone). <see cref="Baseline"/> is where the learner stood when it was set (the rank of their level
/// on the competency, 0 for none; or the progression's steps done), so progress toward it can be told on track or behind.
/// </summary>
public sealed record GoalSet(
    Guid GoalId, string LearnerId, Guid FrameworkId, GoalTarget Target, LocalDate SetOn, LocalDate DueBy, int Baseline, string? Note,
    Instant SetAt, string RecordedBy);

/// <summary>The learner withdrew a goal; it no longer shows from then on (as of an earlier moment it still does).</summary>
public sealed record GoalWithdrawn(Guid GoalId, Instant WithdrawnAt, string RecordedBy);

/// <summary>A goal as the learner's record keeps it.</summary>
public sealed record GoalEntry(GoalSet Set, GoalWithdrawn? Withdrawn = null)
{
    public bool IsActive => Withdrawn is null;
}
