namespace LeapMastery.Domain.Mastery;

/// <summary>From one alignment's score to a score on the scale (MASTERY §2). Bad values are rejected, never clamped.</summary>
public static class ScoreConversion
{
    public static ScoreConversionResult ToScale(
        AlignmentScore score, ProficiencyScale scale, IReadOnlyList<CutScore>? cutScores, string fieldPrefix)
    {
        var p = fieldPrefix;
        var formsGiven = (score.Level is not null ? 1 : 0)
                         + (score.Points is not null ? 1 : 0)
                         + (score.Raw is not null || score.Max is not null ? 1 : 0);
        if (formsGiven != 1)
            return Invalid(p, formsGiven == 0
                ? "Give a score as exactly one of: level, points, or raw with max; none was given."
                : "Give a score as exactly one of: level, points, or raw with max; more than one was given.");

        if (score.Level is not null)
            return scale.FindLevel(score.Level) is { } level
                ? ScoreConversionResult.Valid(level.MinScore)
                : Invalid($"{p}.level", $"'{score.Level}' is not a level of the scale.");

        if (score.Points is { } points)
            return points >= scale.MinPoints && points <= scale.MaxPoints
                ? ScoreConversionResult.Valid(points)
                : Invalid($"{p}.points", $"points must lie within {scale.MinPoints}..{scale.MaxPoints}.");

        return FromRaw(score.Raw, score.Max, scale, cutScores, p);
    }

    private static ScoreConversionResult FromRaw(
        decimal? raw, decimal? max, ProficiencyScale scale, IReadOnlyList<CutScore>? cutScores, string p)
    {
        var errors = new List<DomainError>();
        if (raw is null)
            errors.Add(new($"{p}.raw", "raw is required with max."));
        else if (raw < 0m)
            errors.Add(new($"{p}.raw", "raw must not be negative."));
        if (max is null)
            errors.Add(new($"{p}.max", "max is required with raw."));
        else if (max <= 0m)
            errors.Add(new($"{p}.max", "max must be greater than 0."));
        if (errors.Count == 0 && raw > max)
            errors.Add(new($"{p}.raw", $"raw ({raw}) must not exceed max ({max})."));
        if (cutScores is { Count: > 0 })
            errors.AddRange(CutScore.Validate(cutScores, scale));
        if (errors.Count > 0)
            return ScoreConversionResult.Invalid(errors);

        var fraction = raw!.Value / max!.Value;
        if (cutScores is not { Count: > 0 })
            return ScoreConversionResult.Valid(scale.MinPoints + fraction * (scale.MaxPoints - scale.MinPoints));

        var reached = cutScores.Where(c => fraction >= c.MinFraction).MaxBy(c => c.MinFraction);
        return ScoreConversionResult.Valid(reached is null ? scale.LowestLevel.MinScore : scale.ScoreOfLevel(reached.LevelCode));
    }

    private static ScoreConversionResult Invalid(string field, string message) =>
        ScoreConversionResult.Invalid([new DomainError(field, message)]);
}
