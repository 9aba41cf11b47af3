namespace LeapMastery.Domain.Mastery;

/// <summary>One level of a proficiency scale; a score reaches it when score ≥ <see cref="MinScore"/>.</summary>
public sealed record ProficiencyLevel(string Code, string Label, string? Description, decimal MinScore);
