namespace LeapMastery.Domain.Mastery;

/// <summary>How counted scores become one score (MASTERY §4). Wire names: see <see cref="CalculationMethods"/>.</summary>
public enum CalculationMethod
{
    Highest,
    MostRecent,
    Average,
    RecentAverage,
    WeightedAverage,
    DecayingAverage,
    NTimes,
    Mode,
    RecentMedian,
    PowerLaw,
}
