using NodaTime;

namespace LeapMastery.Domain.Recognitions;

public sealed record RecognitionDefined(Guid RecognitionId, RecognitionDefinition Definition, Instant DefinedAt, string DefinedBy);

/// <summary>
/// A recognition awarded to a learner: automatically the moment its criteria were first met (<paramref name="Manual"/>
/// false), or by an educator with a justification and evidence (LC.5: learning outside school).
/// </summary>
public sealed record RecognitionAwarded(
    Guid AwardId, string LearnerId, Guid RecognitionId, bool Manual, string? Justification, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<Guid> Competencies, Instant AwardedAt, string AwardedBy);

public sealed record RecognitionRevoked(Guid AwardId, string Reason, Instant RevokedAt, string RevokedBy);

/// <summary>Later evidence dropped the learner below the criteria: the recognition stays, flagged for an educator's review.</summary>
public sealed record RecognitionFlaggedForReview(Guid AwardId, string Reason, Instant FlaggedAt);

/// <summary>The criteria are met again: the review flag is cleared.</summary>
public sealed record RecognitionReviewCleared(Guid AwardId, Instant ClearedAt);

/// <summary>
/// A competency's level or mastery changed for a learner (derived at write time, for the SIS change feed). <c>IsLapsed</c>:
/// mastery was lost because it was not renewed within the policy's validity period (docs/mastery.md §10), not because of new evidence.
/// </summary>
public sealed record CompetencyStateChanged(
    string LearnerId, Guid FrameworkId, Guid CompetencyId, string? FromLevel, string? ToLevel, bool WasMastered, bool IsMastered, Instant ChangedAt,
    bool IsLapsed = false);
