namespace LeapMastery.Domain.Progressions;

/// <summary>
/// Placement (LD.1) starts a learner at a step; the steps before it count as placed for position and next steps, but
/// are not demonstrated mastery (MASTERY §6).
/// </summary>
public static class Placement
{
    /// <summary>The steps a placement at <paramref name="placedAtIndex"/> (0-based) places: those before it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a step of the progression.</exception>
    public static IReadOnlySet<Guid> PlacedSteps(IReadOnlyList<Guid> steps, int placedAtIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(placedAtIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(placedAtIndex, steps.Count);
        return steps.Take(placedAtIndex).ToHashSet();
    }
}
