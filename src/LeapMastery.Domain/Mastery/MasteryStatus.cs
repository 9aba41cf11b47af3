namespace LeapMastery.Domain.Mastery;

public enum MasteryStatus
{
    /// <summary>No counted evidence: no score and no level, which is not the same as the lowest level.</summary>
    NotYetAssessed,
    InProgress,
    Mastered,
    /// <summary>Mastery was shown, but no counted evidence renewed it within the policy's validity period (masteryValidForDays).</summary>
    Lapsed,
}
