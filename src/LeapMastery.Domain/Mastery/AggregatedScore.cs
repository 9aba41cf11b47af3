namespace LeapMastery.Domain.Mastery;

/// <summary>A method's unrounded result and the intermediate values that explain it.</summary>
public sealed record AggregatedScore(decimal RawScore, IReadOnlyList<string> Steps);
