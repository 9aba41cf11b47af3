using System.Globalization;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;

namespace LeapMastery.Domain.Frameworks;

/// <summary>
/// One grade of a grading scheme: given when the mean level reaches <paramref name="MinMean"/> and, if
/// <paramref name="NoLevelBelow"/> names a level, no graded competency is below that level.
/// </summary>
public sealed record GradeBand(string Grade, decimal MinMean, string? NoLevelBelow = null);

/// <summary>
/// How a district turns competency levels into a course or subject grade (standards-based grading; docs/report-cards.md,
/// "Grades from mastery"): the mean of the levels of the framework's assessed competencies, each level counting as its
/// rank on the scale (1 for the lowest), rounded half away from zero to <paramref name="Decimals"/>; then the first band,
/// in the order given, whose minimum mean and "no level below" rule the learner meets.
/// </summary>
public sealed record GradingScheme(IReadOnlyList<GradeBand> Bands, int Decimals = 1)
{
    public bool Equals(GradingScheme? other) => other is not null && Decimals == other.Decimals && Bands.SequenceEqual(other.Bands);

    public override int GetHashCode() => HashCode.Combine(Decimals, Bands.Count);

    public static IReadOnlyList<DomainError> Validate(GradingScheme scheme, ProficiencyScale scale, string prefix = "grading")
    {
        var errors = new List<DomainError>();
        if (scheme.Decimals is < 0 or > 2) errors.Add(new($"{prefix}.decimals", "Round the mean to 0, 1 or 2 decimals."));
        if (scheme.Bands.Count == 0) errors.Add(new($"{prefix}.bands", "Give at least one grade band."));
        var levels = scale.Levels.Count;
        for (var i = 0; i < scheme.Bands.Count; i++)
        {
            var band = scheme.Bands[i];
            if (string.IsNullOrWhiteSpace(band.Grade) || band.Grade.Length > 20)
                errors.Add(new($"{prefix}.bands[{i}].grade", "A grade is 1 to 20 characters (e.g. A, B+, 4, Meets)."));
            if (band.MinMean < 1 || band.MinMean > levels)
                errors.Add(new($"{prefix}.bands[{i}].minMean", $"The mean of levels runs from 1 to {levels} (the scale's levels by rank)."));
            if (band.NoLevelBelow is { } code && scale.FindLevel(code) is null)
                errors.Add(new($"{prefix}.bands[{i}].noLevelBelow", $"'{code}' is not a level of the framework's scale."));
            if (scheme.Bands.Take(i).Any(b => b.Grade == band.Grade))
                errors.Add(new($"{prefix}.bands[{i}].grade", $"Grade '{band.Grade}' is given twice."));
        }
        return errors;
    }

    /// <summary>The learner's grade from their progress on the framework; not graded when no competency has a level.</summary>
    public GradeResult Grade(FrameworkProgress progress)
    {
        var scale = progress.Framework.Scale;
        var ranks = scale.OrderedLevels.Select((l, i) => (l.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank);
        int Rank(ProficiencyLevel level) => ranks[level.Code];
        var graded = progress.Competencies
            .Where(c => c.Competency.Kind != CompetencyKind.Domain && c.Result.Level is not null)
            .Select(c => (c.Competency.Code, Level: c.Result.Level!))
            .ToList();
        if (graded.Count == 0)
            return new GradeResult(null, null, 0, null, ["no competency of the framework has a level yet: not graded"]);

        var mean = Math.Round(graded.Average(g => (decimal)Rank(g.Level)), Decimals, MidpointRounding.AwayFromZero);
        var lowest = graded.Select(g => g.Level).MinBy(Rank)!;
        var steps = new List<string>
        {
            $"levels of the {graded.Count} graded competencies (rank on the scale): {string.Join(", ", graded.Select(g => $"{g.Code} {g.Level.Code} ({Rank(g.Level)})"))}",
            $"mean {Show(graded.Average(g => (decimal)Rank(g.Level)))}, rounded to {Decimals} decimal{(Decimals == 1 ? "" : "s")}: {Show(mean)}; lowest level {lowest.Code} {lowest.Label}",
        };
        foreach (var band in Bands)
        {
            var meets = mean >= band.MinMean;
            var floor = band.NoLevelBelow is { } code ? scale.FindLevel(code) : null;
            var floorMet = floor is null || Rank(lowest) >= Rank(floor);
            steps.Add($"{band.Grade}: mean ≥ {Show(band.MinMean)}{(floor is null ? "" : $" and no level below {floor.Code} {floor.Label}")} — {(meets && floorMet ? "yes" : "no")}");
            if (meets && floorMet) return new GradeResult(band.Grade, mean, graded.Count, lowest, steps);
        }
        steps.Add("no band's rule is met: not graded");
        return new GradeResult(null, mean, graded.Count, lowest, steps);
    }

    private static string Show(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A learner's grade on a framework, with how it came out.</summary>
/// <param name="Grade">The band's grade, or null when not graded (no competency has a level, or no band's rule is met).</param>
/// <param name="Mean">The rounded mean of the graded competencies' level ranks.</param>
public sealed record GradeResult(string? Grade, decimal? Mean, int CompetenciesGraded, ProficiencyLevel? LowestLevel, IReadOnlyList<string> Steps);
