namespace LeapMastery.Domain.Mastery;

/// <summary>Where a piece of evidence stands for counting, after every later event about it has been applied.</summary>
public enum ObservationStatus
{
    Active,
    Retracted,
    /// <summary>From an outside partner (LC.5) and not yet validated by an educator.</summary>
    PendingValidation,
    /// <summary>An educator declined to validate it.</summary>
    Rejected,
}
