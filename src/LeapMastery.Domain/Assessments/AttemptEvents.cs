using NodaTime;

namespace LeapMastery.Domain.Assessments;

/// <summary>A learner (or an educator for them) declared readiness and started an attempt: assessed when ready (LD.3).</summary>
public sealed record AttemptStarted(Guid AttemptId, string LearnerId, Guid AssessmentId, int Number, string DeclaredBy, Instant StartedAt, string RecordedBy);

public sealed record AttemptSubmitted(Guid AttemptId, Instant SubmittedAt, string? ArtifactUrl);

public sealed record SectionScore(string SectionCode, decimal Points);

/// <summary>The attempt was scored; the scores became (or corrected) the evidence <paramref name="EvidenceId"/>.</summary>
public sealed record AttemptScored(Guid AttemptId, IReadOnlyList<SectionScore> Sections, Guid EvidenceId, Instant ScoredAt, string ScoredBy);

/// <summary>The attempt no longer counts; its evidence, if any, is retracted with it. It stays in the history.</summary>
public sealed record AttemptVoided(Guid AttemptId, string Reason, Instant VoidedAt, string VoidedBy);
