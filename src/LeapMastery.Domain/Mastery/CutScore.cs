namespace LeapMastery.Domain.Mastery;

/// <summary>An assessment's cut: a raw/max fraction of at least <see cref="MinFraction"/> earns the level.</summary>
public sealed record CutScore(decimal MinFraction, string LevelCode)
{
    public static IReadOnlyList<DomainError> Validate(
        IReadOnlyList<CutScore> cutScores, ProficiencyScale scale, string fieldPrefix = "cutScores")
    {
        var errors = new List<DomainError>();
        var seenFractions = new HashSet<decimal>();
        for (var i = 0; i < cutScores.Count; i++)
        {
            var cut = cutScores[i];
            if (cut.MinFraction < 0m || cut.MinFraction > 1m)
                errors.Add(new($"{fieldPrefix}[{i}].minFraction", "minFraction must lie within 0..1."));
            else if (!seenFractions.Add(cut.MinFraction))
                errors.Add(new($"{fieldPrefix}[{i}].minFraction", $"Another cut already starts at {cut.MinFraction}."));

            if (scale.FindLevel(cut.LevelCode) is null)
                errors.Add(new($"{fieldPrefix}[{i}].levelCode", $"'{cut.LevelCode}' is not a level of the scale."));
        }

        if (errors.Count > 0)
            return errors;

        // A higher fraction earning a lower level would reward doing worse; assessment leads read that as a typo.
        var ordered = cutScores.Select((cut, index) => (cut, index)).OrderBy(x => x.cut.MinFraction).ToList();
        for (var j = 1; j < ordered.Count; j++)
        {
            var (cut, index) = ordered[j];
            var previous = ordered[j - 1].cut;
            if (scale.ScoreOfLevel(cut.LevelCode) < scale.ScoreOfLevel(previous.LevelCode))
                errors.Add(new($"{fieldPrefix}[{index}].levelCode",
                    $"Cut {cut.MinFraction} earns '{cut.LevelCode}', lower than '{previous.LevelCode}' earned from {previous.MinFraction}."));
        }

        return errors;
    }
}
