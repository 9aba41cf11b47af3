namespace LeapMastery.Domain.Mastery;

/// <summary>The counted scores s1…sn, in the order learning happened, and the rest with why (MASTERY §3).</summary>
public sealed record EvidenceSelection(IReadOnlyList<EvidenceObservation> Counted, IReadOnlyList<ExcludedEvidence> Excluded)
{
    /// <param name="at">With a recency window in the policy, the moment it is measured back from (required then).</param>
    public static EvidenceSelection Select(IEnumerable<EvidenceObservation> observations, CalculationPolicy policy, NodaTime.Instant? at = null)
    {
        var oldest = policy.RecencyWindowDays is { } window && at is { } moment ? moment - NodaTime.Duration.FromDays(window) : (NodaTime.Instant?)null;
        var counted = new List<EvidenceObservation>();
        var excluded = new List<ExcludedEvidence>();
        foreach (var observation in observations.OrderBy(o => o.OccurredAt).ThenBy(o => o.RecordedOrder))
        {
            if ((ExclusionOf(observation, policy) ?? (observation.OccurredAt < oldest ? ExclusionReason.OutsideRecencyWindow : null)) is { } reason)
                excluded.Add(new ExcludedEvidence(observation, reason, ExclusionReasons.Describe(reason)));
            else
                counted.Add(observation);
        }

        return new EvidenceSelection(counted, excluded);
    }

    // Status first: a retracted or unvalidated self-assessment is excluded for that, whatever the policy says.
    private static ExclusionReason? ExclusionOf(EvidenceObservation observation, CalculationPolicy policy) =>
        observation.Status switch
        {
            ObservationStatus.Retracted => ExclusionReason.Retracted,
            ObservationStatus.Rejected => ExclusionReason.ValidationRejected,
            ObservationStatus.PendingValidation => ExclusionReason.PendingValidation,
            _ when observation.Modality == EvidenceModality.SelfAssessment && !policy.CountSelfAssessment =>
                ExclusionReason.SelfAssessmentNotCounted,
            _ => null,
        };
}
