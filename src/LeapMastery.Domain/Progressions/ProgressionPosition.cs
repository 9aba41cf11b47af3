namespace LeapMastery.Domain.Progressions;

/// <summary>
/// Where a learner stands on a progression (MASTERY §6): the first step neither mastered nor placed. The counts cover
/// the steps before it, so <see cref="StepsDone"/> = <see cref="StepsMastered"/> + <see cref="StepsPlaced"/>; a step
/// mastered further along is not counted until the gap before it is closed, since the position has not reached it.
/// A placed step that later evidence shows mastered counts as mastered.
/// </summary>
public sealed record ProgressionPosition(
    int? CurrentIndex,
    Guid? CurrentCompetency,
    int StepsMastered,
    int StepsPlaced,
    int StepsDone,
    int Total,
    decimal Percent)
{
    public bool IsComplete => CurrentIndex is null;

    public static ProgressionPosition Compute(
        IReadOnlyList<Guid> steps, Func<Guid, bool> isMastered, Func<Guid, bool> isPlaced)
    {
        int mastered = 0, placed = 0, index = 0;
        for (; index < steps.Count; index++)
        {
            if (isMastered(steps[index]))
                mastered++;
            else if (isPlaced(steps[index]))
                placed++;
            else
                break;
        }

        var done = mastered + placed;
        var complete = index == steps.Count;
        // An empty progression has nothing left to do.
        var percent = steps.Count == 0 ? 100.00m : Math.Round(100m * done / steps.Count, 2, MidpointRounding.AwayFromZero) + 0.00m;

        return new ProgressionPosition(
            CurrentIndex: complete ? null : index,
            CurrentCompetency: complete ? null : steps[index],
            StepsMastered: mastered,
            StepsPlaced: placed,
            StepsDone: done,
            Total: steps.Count,
            Percent: percent);
    }
}
