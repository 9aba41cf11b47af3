using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Evidence;

/// <summary>One competency a piece of evidence demonstrates, with the score in the form the source gave it.</summary>
/// <param name="CutScores">The assessment's cut scores when the score is raw/max from an assessment (kept as they were when scored).</param>
public sealed record EvidenceAlignment(Guid FrameworkId, Guid CompetencyId, AlignmentScore Score, IReadOnlyList<CutScore>? CutScores = null);

/// <summary>Feedback on effort, process and mastery (LD.2).</summary>
public sealed record EvidenceFeedback(string? Effort, string? Process, string? Mastery);

/// <summary>Who produced the evidence. <c>partner</c> evidence (learning outside school, LC.5) counts once an educator validates it.</summary>
public sealed record EvidenceActor(string Kind, string? Id)
{
    public const string Educator = "educator";
    public const string Learner = "learner";
    public const string Peer = "peer";
    public const string Partner = "partner";
    public const string System = "system";

    public static readonly IReadOnlyList<string> Kinds = [Educator, Learner, Peer, Partner, System];

    public bool RequiresValidation => Kind == Partner;
}

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
    string? ArtifactUrl,
    EvidenceActor? Actor = null,
    Guid? AttemptId = null);

/// <summary>A correction replaces the scores of the evidence it corrects (from <paramref name="CorrectedAt"/> on).</summary>
public sealed record EvidenceCorrected(Guid EvidenceId, IReadOnlyList<EvidenceAlignment> Alignments, string Reason, Instant CorrectedAt, string CorrectedBy);

public sealed record EvidenceRetracted(Guid EvidenceId, string Reason, Instant RetractedAt, string RetractedBy);

/// <summary>An educator's decision on evidence that awaits validation (LC.5).</summary>
public sealed record EvidenceValidated(Guid EvidenceId, bool Accepted, string? Note, Instant ValidatedAt, string ValidatedBy);

/// <summary>
/// A learner starts at <paramref name="Step"/> (1-based) of a progression (LD.1): the steps before it count as placed,
/// never as demonstrated. A later placement on the same progression supersedes an earlier one.
/// </summary>
public sealed record PlacementRecorded(
    Guid PlacementId, string LearnerId, Guid FrameworkId, string ProgressionCode, int Step, string Basis, string? Note,
    Instant PlacedAt, string PlacedBy);

/// <summary>Who gave feedback: an educator, a peer or the learner (LD.2).</summary>
public sealed record FeedbackAuthor(string Kind, string? Id)
{
    public static readonly IReadOnlyList<string> Kinds = ["educator", "peer", "learner"];
}

/// <summary>The learner's own reflection on a piece of their evidence (LL.4). It is shown with the evidence, never scored.</summary>
public sealed record ReflectionAdded(Guid ReflectionId, Guid EvidenceId, string Text, Instant AddedAt, string RecordedBy);

/// <summary>Feedback on effort, process and mastery given after the fact, on evidence or on an attempt (LD.2).</summary>
public sealed record FeedbackGiven(Guid FeedbackId, Guid? EvidenceId, Guid? AttemptId, FeedbackAuthor Author, EvidenceFeedback Feedback, Instant GivenAt, string RecordedBy);

/// <summary>
/// A result the source says is not final (an LTI score not yet FullyGraded, a OneRoster result not fully graded): kept
/// for the record, never counted; the final result arrives as evidence.
/// </summary>
public sealed record ResultHeld(string LearnerId, string SourceSystem, string SourceId, string Reason, Instant ReceivedAt, string ReceivedBy);
