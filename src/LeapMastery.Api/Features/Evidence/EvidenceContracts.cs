using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Evidence;

/// <summary>One competency the evidence demonstrates and its score: exactly one of competencyId or caseIdentifier, and exactly one of level, points, or raw with max.</summary>
public sealed class AlignmentContract
{
    public Guid? CompetencyId { get; set; }
    /// <summary>The competency's CASE identifier (CFItem), when the framework was imported from CASE.</summary>
    public string? CaseIdentifier { get; set; }
    /// <summary>A level code of the framework's scale, e.g. "3".</summary>
    public string? Level { get; set; }
    /// <summary>Points on the framework's scale (minPoints..maxPoints).</summary>
    public decimal? Points { get; set; }
    /// <summary>A raw score, with <c>max</c> (e.g. 7 of 10).</summary>
    public decimal? Raw { get; set; }
    public decimal? Max { get; set; }
}

public sealed class FeedbackContract
{
    public string? Effort { get; set; }
    public string? Process { get; set; }
    public string? Mastery { get; set; }
}

public class RecordEvidenceBody
{
    /// <summary>The system the evidence comes from, e.g. "canvas-district-12".</summary>
    public string SourceSystem { get; set; } = "";
    /// <summary>The source's own id for it: a repeat with the same sourceSystem and sourceId answers the first result and records nothing.</summary>
    public string? SourceId { get; set; }
    /// <summary>assessment, performanceTask, project, presentation, observation, portfolioArtifact, conversation, realWorld, selfAssessment or other.</summary>
    public string Modality { get; set; } = "";
    /// <summary>When the learning was demonstrated (not when it is posted); at most 5 minutes ahead of the server clock.</summary>
    public Instant? OccurredAt { get; set; }
    public List<AlignmentContract> Alignments { get; set; } = [];
    public FeedbackContract? Feedback { get; set; }
    public string? ArtifactUrl { get; set; }
    /// <summary>Who produced it. Evidence from a <c>partner</c> (learning outside school, LC.5) counts once an educator validates it.</summary>
    public ActorContract? Actor { get; set; }
}

public sealed class ActorContract
{
    /// <summary>educator, learner, peer, partner or system.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The actor's id in the source system (no names).</summary>
    public string? Id { get; set; }
}

public sealed class ValidationResponse
{
    public bool Accepted { get; set; }
    public string? Note { get; set; }
    public Instant ValidatedAt { get; set; }
    public string ValidatedBy { get; set; } = "";
}

public sealed class AlignmentResponse
{
    public Guid FrameworkId { get; set; }
    public Guid CompetencyId { get; set; }
    public string? Level { get; set; }
    public decimal? Points { get; set; }
    public decimal? Raw { get; set; }
    public decimal? Max { get; set; }
}

public sealed class EvidenceResponse
{
    public Guid EvidenceId { get; set; }
    public string LearnerId { get; set; } = "";
    public string SourceSystem { get; set; } = "";
    public string? SourceId { get; set; }
    public string Modality { get; set; } = "";
    public Instant OccurredAt { get; set; }
    public Instant RecordedAt { get; set; }
    /// <summary>Where the evidence stands for counting: active, retracted, pendingValidation (from an outside partner, not yet validated) or rejected.</summary>
    public Domain.Mastery.ObservationStatus Status { get; set; }
    /// <summary>The alignments in force (the latest correction's, else the original ones).</summary>
    public List<AlignmentResponse> Alignments { get; set; } = [];
    public FeedbackContract? Feedback { get; set; }
    public string? ArtifactUrl { get; set; }
    public List<CorrectionResponse> Corrections { get; set; } = [];
    public RetractionResponse? Retraction { get; set; }
    public ActorContract? Actor { get; set; }
    public ValidationResponse? Validation { get; set; }

    public static EvidenceResponse From(EvidenceEntry entry) => new()
    {
        EvidenceId = entry.Recorded.EvidenceId,
        LearnerId = entry.Recorded.LearnerId,
        SourceSystem = entry.Recorded.SourceSystem,
        SourceId = entry.Recorded.SourceId,
        Modality = entry.Recorded.Modality,
        OccurredAt = entry.Recorded.OccurredAt,
        RecordedAt = entry.Recorded.RecordedAt,
        Status = entry.ObservationStatus,
        Actor = entry.Recorded.Actor is { } actor ? new ActorContract { Kind = actor.Kind, Id = actor.Id } : null,
        Validation = entry.Validation is { } v ? new ValidationResponse { Accepted = v.Accepted, Note = v.Note, ValidatedAt = v.ValidatedAt, ValidatedBy = v.ValidatedBy } : null,
        Alignments = entry.CurrentAlignments.Select(a => new AlignmentResponse
        {
            FrameworkId = a.FrameworkId, CompetencyId = a.CompetencyId, Level = a.Score.Level, Points = a.Score.Points, Raw = a.Score.Raw, Max = a.Score.Max,
        }).ToList(),
        Feedback = entry.Recorded.Feedback is { } f ? new FeedbackContract { Effort = f.Effort, Process = f.Process, Mastery = f.Mastery } : null,
        ArtifactUrl = entry.Recorded.ArtifactUrl,
        Corrections = entry.Corrections.Select(c => new CorrectionResponse { Reason = c.Reason, CorrectedAt = c.CorrectedAt, CorrectedBy = c.CorrectedBy }).ToList(),
        Retraction = entry.Retraction is { } r ? new RetractionResponse { Reason = r.Reason, RetractedAt = r.RetractedAt, RetractedBy = r.RetractedBy } : null,
    };
}

public sealed class CorrectionResponse
{
    public string Reason { get; set; } = "";
    public Instant CorrectedAt { get; set; }
    public string CorrectedBy { get; set; } = "";
}

public sealed class RetractionResponse
{
    public string Reason { get; set; } = "";
    public Instant RetractedAt { get; set; }
    public string RetractedBy { get; set; } = "";
}
