using System.Text.Json.Serialization;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Attempts;

public sealed class SectionScoreContract
{
    public string SectionCode { get; set; } = "";
    [JsonRequired] public decimal Points { get; set; }
}

public sealed class AttemptResponse
{
    public Guid AttemptId { get; set; }
    public string LearnerId { get; set; } = "";
    public Guid AssessmentId { get; set; }
    /// <summary>1 for the learner's first attempt at this assessment, 2 for the first retake, …</summary>
    public int Number { get; set; }
    /// <summary>Who declared readiness: learner or educator.</summary>
    public string DeclaredBy { get; set; } = "";
    public AttemptStatus Status { get; set; }
    public Instant StartedAt { get; set; }
    public Instant? SubmittedAt { get; set; }
    public Instant? ScoredAt { get; set; }
    public List<SectionScoreContract> Sections { get; set; } = [];
    /// <summary>The evidence the scored attempt produced.</summary>
    public Guid? EvidenceId { get; set; }
    public string? VoidReason { get; set; }
    public Instant? VoidedAt { get; set; }

    public static AttemptResponse From(AttemptEntry a) => new()
    {
        AttemptId = a.Started.AttemptId,
        LearnerId = a.Started.LearnerId,
        AssessmentId = a.Started.AssessmentId,
        Number = a.Started.Number,
        DeclaredBy = a.Started.DeclaredBy,
        Status = a.Status,
        StartedAt = a.Started.StartedAt,
        SubmittedAt = a.Submitted?.SubmittedAt,
        ScoredAt = a.Scored?.ScoredAt,
        Sections = a.Scored?.Sections.Select(s => new SectionScoreContract { SectionCode = s.SectionCode, Points = s.Points }).ToList() ?? [],
        EvidenceId = a.Scored?.EvidenceId,
        VoidReason = a.Voided?.Reason,
        VoidedAt = a.Voided?.VoidedAt,
    };
}

public sealed class AttemptRouteRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The attempt's id.</summary>
    public Guid AttemptId { get; set; }
}
