using NodaTime;

namespace LeapMastery.Domain.Mastery;

/// <summary>
/// One piece of evidence as it bears on one learner × competency. The caller applies corrections first, so
/// <see cref="Score"/> is the latest corrected score on the scale. <see cref="RecordedOrder"/> (e.g. the event sequence)
/// breaks ties between evidence that occurred at the same instant.
/// </summary>
public sealed record EvidenceObservation(
    Guid EvidenceId,
    long RecordedOrder,
    Instant OccurredAt,
    string Modality,
    decimal Score,
    ObservationStatus Status);
