namespace LeapMastery.Domain.Mastery;

public sealed record ExcludedEvidence(EvidenceObservation Observation, ExclusionReason Reason, string Explanation);
