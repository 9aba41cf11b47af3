namespace LeapMastery.Domain.Mastery;

/// <summary>
/// A learner's standing on one competency, and everything needed to explain it (MASTERY §7): the counted and excluded
/// evidence, the method and its effective parameters, the intermediate values and the rules that decided mastery.
/// </summary>
public sealed record MasteryResult(
    decimal? Score,
    decimal? RawScore,
    ProficiencyLevel? Level,
    bool Mastered,
    MasteryStatus Status,
    int CountedCount,
    IReadOnlyList<string> Modalities,
    IReadOnlyList<EvidenceObservation> Counted,
    IReadOnlyList<ExcludedEvidence> Excluded,
    CalculationMethod Method,
    IReadOnlyDictionary<string, decimal> Parameters,
    decimal MasteryThreshold,
    IReadOnlyList<string> Steps,
    IReadOnlyList<MasteryRule> MasteryRules);
