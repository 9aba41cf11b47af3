namespace LeapMastery.Domain.Mastery;

public enum MasteryStatus
{
    /// <summary>No counted evidence: no score and no level, which is not the same as the lowest level.</summary>
    NotYetAssessed,
    InProgress,
    Mastered,
}
