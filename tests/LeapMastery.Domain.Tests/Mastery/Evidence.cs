using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Mastery;

internal static class Evidence
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 5, 9, 0);

    /// <summary>A piece of evidence that happened on the given day of the term and was recorded in that order.</summary>
    public static EvidenceObservation On(
        int day,
        decimal score,
        string modality = EvidenceModality.Assessment,
        ObservationStatus status = ObservationStatus.Active,
        long? recordedOrder = null) =>
        new(Guid.NewGuid(), recordedOrder ?? day, Start + Duration.FromDays(day), modality, score, status);

    /// <summary>Active assessments, one a day, in the given order: s1 … sn.</summary>
    public static IReadOnlyList<EvidenceObservation> Scores(params decimal[] scores) =>
        scores.Select((score, i) => On(i + 1, score)).ToList();
}
