using NodaTime;

namespace LeapMastery.Domain.Mastery;

/// <summary>
/// A learner's standing on one competency, and everything needed to explain it (MASTERY §7): the counted and excluded
/// evidence, the method and its effective parameters, the intermediate values and the rules that decided mastery.
/// Under a time-dependent policy (docs/mastery.md §10): <c>LapsesAt</c>, the moment mastery lapses (or lapsed) unless newer evidence
/// renews it (the newest counted evidence's time plus the validity period; null without a period or without mastery shown);
/// <c>ChangesAfter</c>, the last moment the answer holds without new events (after it a piece of evidence leaves the recency
/// window, or mastery lapses; null when time alone never changes it).
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
    IReadOnlyList<MasteryRule> MasteryRules,
    Instant? LapsesAt = null,
    Instant? ChangesAfter = null);
