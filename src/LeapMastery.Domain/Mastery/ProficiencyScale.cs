namespace LeapMastery.Domain.Mastery;

/// <summary>
/// A framework's proficiency scale (MASTERY §1). Levels may be supplied in any order; every lookup works on them sorted
/// by <see cref="ProficiencyLevel.MinScore"/>.
/// </summary>
public sealed record ProficiencyScale(
    decimal MinPoints,
    decimal MaxPoints,
    decimal MasteryThreshold,
    IReadOnlyList<ProficiencyLevel> Levels)
{
    /// <summary>The levels from lowest to highest minimum score.</summary>
    // Computed on each call rather than cached: a cached copy would go stale after a `with` expression.
    public IReadOnlyList<ProficiencyLevel> OrderedLevels => Levels.OrderBy(l => l.MinScore).ToList();

    public ProficiencyLevel LowestLevel => OrderedLevels[0];

    /// <summary>
    /// The highest level whose minimum the score reaches. On a valid scale the lowest level starts at
    /// <see cref="MinPoints"/>, so every in-range score reaches one; a score below every minimum gets the lowest level.
    /// </summary>
    public ProficiencyLevel LevelFor(decimal score)
    {
        var ordered = OrderedLevels;
        return ordered.LastOrDefault(l => l.MinScore <= score) ?? ordered[0];
    }

    public ProficiencyLevel? FindLevel(string code) => Levels.FirstOrDefault(l => l.Code == code);

    /// <summary>Whether <paramref name="reached"/> is the level coded <paramref name="requiredCode"/> or above it; false when that code is not a level of this scale.</summary>
    public bool Reaches(ProficiencyLevel? reached, string? requiredCode) =>
        reached is not null && requiredCode is not null && FindLevel(requiredCode) is { } required && reached.MinScore >= required.MinScore;

    /// <summary>The score a level stands for: its minimum (MASTERY §2), the lowest level included.</summary>
    /// <exception cref="ArgumentException">The code is not a level of this scale.</exception>
    public decimal ScoreOfLevel(string code) =>
        FindLevel(code)?.MinScore
        ?? throw new ArgumentException($"'{code}' is not a level of this scale.", nameof(code));

    /// <summary>Whether a score, already rounded to 2 decimals, reaches the mastery threshold.</summary>
    public bool IsMastery(decimal roundedScore) => roundedScore >= MasteryThreshold;

    // Records compare collections by reference; two scales written alike must be equal.
    public bool Equals(ProficiencyScale? other) =>
        other is not null
        && MinPoints == other.MinPoints
        && MaxPoints == other.MaxPoints
        && MasteryThreshold == other.MasteryThreshold
        && Levels.SequenceEqual(other.Levels);

    public override int GetHashCode() => HashCode.Combine(MinPoints, MaxPoints, MasteryThreshold, Levels.Count);

    public static IReadOnlyList<DomainError> Validate(ProficiencyScale scale, string fieldPrefix = "scale")
    {
        var errors = new List<DomainError>();
        var p = fieldPrefix;

        // Negative points would leave powerLaw's logarithm undefined and no district scale uses them.
        if (scale.MinPoints < 0)
            errors.Add(new($"{p}.minPoints", "minPoints must not be negative."));
        if (scale.MinPoints >= scale.MaxPoints)
            errors.Add(new($"{p}.maxPoints", "maxPoints must be greater than minPoints."));

        // At minPoints every learner with any evidence would be mastered, and nTimes could not cap "just below" it.
        if (scale.MasteryThreshold <= scale.MinPoints || scale.MasteryThreshold > scale.MaxPoints)
            errors.Add(new($"{p}.masteryThreshold",
                $"masteryThreshold must be above minPoints ({scale.MinPoints}) and at most maxPoints ({scale.MaxPoints})."));

        if (scale.Levels.Count < 2)
        {
            errors.Add(new($"{p}.levels", "A scale needs at least 2 levels."));
            if (scale.Levels.Count == 0)
                return errors;
        }

        var seenCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scale.Levels.Count; i++)
        {
            var level = scale.Levels[i];
            if (string.IsNullOrWhiteSpace(level.Code))
                errors.Add(new($"{p}.levels[{i}].code", "A level code must not be empty."));
            else if (!seenCodes.Add(level.Code))
                errors.Add(new($"{p}.levels[{i}].code", $"Level code '{level.Code}' is used more than once."));

            if (level.MinScore < scale.MinPoints || level.MinScore > scale.MaxPoints)
                errors.Add(new($"{p}.levels[{i}].minScore",
                    $"minScore must lie within minPoints..maxPoints ({scale.MinPoints}..{scale.MaxPoints})."));
        }

        // Sorted by minScore, equal minimums would make two levels indistinguishable; report the later one.
        var byMin = scale.Levels.Select((level, index) => (level, index)).OrderBy(x => x.level.MinScore).ThenBy(x => x.index).ToList();
        for (var j = 1; j < byMin.Count; j++)
        {
            if (byMin[j].level.MinScore == byMin[j - 1].level.MinScore)
                errors.Add(new($"{p}.levels[{byMin[j].index}].minScore",
                    $"minScore {byMin[j].level.MinScore} is also the minimum of level '{byMin[j - 1].level.Code}'; minimums must differ."));
        }

        var lowest = byMin[0];
        if (lowest.level.MinScore != scale.MinPoints)
            errors.Add(new($"{p}.levels[{lowest.index}].minScore",
                $"The lowest level must start at minPoints ({scale.MinPoints}) so that every score has a level."));

        return errors;
    }
}
