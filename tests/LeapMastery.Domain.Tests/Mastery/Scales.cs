using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

internal static class Scales
{
    /// <summary>The common 4-point standards-based scale of MASTERY §1; threshold 2.5 (Proficient).</summary>
    public static ProficiencyScale FourPoint => new(0m, 4m, 2.5m,
    [
        new("1", "Beginning", null, 0m),
        new("2", "Developing", null, 1.5m),
        new("3", "Proficient", null, 2.5m),
        new("4", "Extending", null, 3.5m),
    ]);

    /// <summary>An integer-point scale 1–4 where each level's score is simply its points; threshold 3.</summary>
    public static ProficiencyScale IntegerPoints => new(1m, 4m, 3m,
    [
        new("B", "Beginning", null, 1m),
        new("D", "Developing", null, 2m),
        new("P", "Proficient", null, 3m),
        new("E", "Exceeding", null, 4m),
    ]);
}
