namespace LeapMastery.Domain.Mastery;

/// <summary>One of the conditions that together decide mastery, with what it asked for and what the learner has.</summary>
public sealed record MasteryRule(string Name, decimal Required, decimal? Actual, bool Met)
{
    /// <summary>The rounded score reaches the mastery threshold.</summary>
    public const string Score = "score";
    /// <summary>At least the policy's minEvidence counted scores.</summary>
    public const string MinEvidence = "minEvidence";
    /// <summary>At least the policy's minModalities distinct modalities among the counted evidence.</summary>
    public const string MinModalities = "minModalities";
    /// <summary>The newest counted evidence is at most the policy's masteryValidForDays old (Actual: its age in whole days).</summary>
    public const string RenewedWithin = "renewedWithin";
}
