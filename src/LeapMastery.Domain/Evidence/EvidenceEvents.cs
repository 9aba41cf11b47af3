using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Evidence;

/// <summary>One competency a piece of evidence demonstrates, with the score in the form the source gave it.</summary>
public sealed record EvidenceAlignment(Guid FrameworkId, Guid CompetencyId, AlignmentScore Score);

/// <summary>Feedback on effort, process and mastery (LD.2).</summary>
public sealed record EvidenceFeedback(string? Effort, string? Process, string? Mastery);

public sealed record EvidenceRecorded(
    Guid EvidenceId,
    string LearnerId,
    string SourceSystem,
    string? SourceId,
    string Modality,
    Instant OccurredAt,
    Instant RecordedAt,
    string RecordedBy,
    IReadOnlyList<EvidenceAlignment> Alignments,
    EvidenceFeedback? Feedback,
    string? ArtifactUrl);

/// <summary>A correction replaces the scores of the evidence it corrects (from <paramref name="CorrectedAt"/> on).</summary>
public sealed record EvidenceCorrected(Guid EvidenceId, IReadOnlyList<EvidenceAlignment> Alignments, string Reason, Instant CorrectedAt, string CorrectedBy);

public sealed record EvidenceRetracted(Guid EvidenceId, string Reason, Instant RetractedAt, string RetractedBy);
