using System.Text.Json.Serialization;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Recognitions;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions;

/// <summary>A node of a criteria tree: allOf / nOf over children, or a leaf (competencyMastered, minLevel, progressionStep).</summary>
public sealed class CriterionContract
{
    [JsonRequired] public CriterionKind Kind { get; set; }
    /// <summary>For allOf and nOf.</summary>
    public List<CriterionContract>? Children { get; set; }
    /// <summary>For nOf: how many children must be met.</summary>
    public int? N { get; set; }
    /// <summary>For progressionStep: the framework of the progression.</summary>
    public Guid? FrameworkId { get; set; }
    /// <summary>For competencyMastered and minLevel.</summary>
    public Guid? CompetencyId { get; set; }
    /// <summary>For minLevel: the lowest level code that satisfies it.</summary>
    public string? LevelCode { get; set; }
    public string? ProgressionCode { get; set; }
    /// <summary>For progressionStep: the 1-based step reached (all steps before it done); one past the last step means the progression is complete.</summary>
    public int? Step { get; set; }

    /// <summary>
    /// The domain's criterion of this kind. A field the kind needs but the body left out maps to a value no rule accepts
    /// (no children, n 0, an empty id or code), so the domain's validation names it, as for a wrong one.
    /// </summary>
    public Criterion ToDomain() => Kind switch
    {
        CriterionKind.AllOf => new AllOfCriterion(ChildCriteria()),
        CriterionKind.NOf => new NOfCriterion(N ?? 0, ChildCriteria()),
        CriterionKind.CompetencyMastered => new CompetencyMasteredCriterion(CompetencyId ?? Guid.Empty),
        CriterionKind.MinLevel => new MinLevelCriterion(CompetencyId ?? Guid.Empty, LevelCode ?? ""),
        _ => new ProgressionStepCriterion(FrameworkId ?? Guid.Empty, ProgressionCode ?? "", Step ?? 0),
    };

    private List<Criterion> ChildCriteria() => Children?.Select(c => c.ToDomain()).ToList() ?? [];

    public static CriterionContract From(Criterion c) => c switch
    {
        AllOfCriterion all => new() { Kind = c.Kind, Children = all.Children.Select(From).ToList() },
        NOfCriterion some => new() { Kind = c.Kind, N = some.N, Children = some.Children.Select(From).ToList() },
        CompetencyMasteredCriterion mastered => new() { Kind = c.Kind, CompetencyId = mastered.Competency },
        MinLevelCriterion min => new() { Kind = c.Kind, CompetencyId = min.Competency, LevelCode = min.LevelCode },
        ProgressionStepCriterion step => new() { Kind = c.Kind, FrameworkId = step.FrameworkId, ProgressionCode = step.ProgressionCode, Step = step.Step },
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}

public sealed class RecognitionBody
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    [JsonRequired] public RecognitionKind Kind { get; set; }
    public CriterionContract? Criteria { get; set; }
    /// <summary>Whether placed steps count toward the criteria (default false: only demonstrated mastery counts).</summary>
    public bool CountPlaced { get; set; }
    public decimal? CreditsAvailable { get; set; }
}

public sealed class RecognitionResponse
{
    public Guid RecognitionId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public RecognitionKind Kind { get; set; }
    public CriterionContract Criteria { get; set; } = new();
    public bool CountPlaced { get; set; }
    public decimal? CreditsAvailable { get; set; }
    public Instant DefinedAt { get; set; }

    public static RecognitionResponse From(RecognitionDocument d) => new()
    {
        RecognitionId = d.Id, Code = d.Definition.Code, Name = d.Definition.Name, Description = d.Definition.Description, Kind = d.Definition.Kind,
        Criteria = CriterionContract.From(d.Definition.Criteria), CountPlaced = d.Definition.CountPlaced, CreditsAvailable = d.Definition.CreditsAvailable,
        DefinedAt = d.DefinedAt,
    };
}

public sealed class AwardEvidence
{
    public Guid EvidenceId { get; set; }
    public Instant OccurredAt { get; set; }
    public string Modality { get; set; } = "";
    public string SourceSystem { get; set; } = "";
}

public sealed class AwardResponse
{
    public Guid AwardId { get; set; }
    public string LearnerId { get; set; } = "";
    public Guid RecognitionId { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public RecognitionKind? Kind { get; set; }
    public AwardStatus Status { get; set; }
    /// <summary>True when an educator awarded it; false when its criteria were met.</summary>
    public bool Manual { get; set; }
    public string? Justification { get; set; }
    public Instant AwardedAt { get; set; }
    public string AwardedBy { get; set; } = "";
    /// <summary>Later evidence dropped the learner below the criteria; the recognition stays until an educator decides.</summary>
    public bool FlaggedForReview { get; set; }
    public string? FlagReason { get; set; }
    public Instant? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    public List<Guid> Competencies { get; set; } = [];
    /// <summary>The evidence behind the award.</summary>
    public List<AwardEvidence> Evidence { get; set; } = [];

    public static AwardResponse From(AwardEntry a, LearnerRecord record, RecognitionDocument? definition) => new()
    {
        AwardId = a.Awarded.AwardId,
        LearnerId = a.Awarded.LearnerId,
        RecognitionId = a.Awarded.RecognitionId,
        Code = definition?.Definition.Code,
        Name = definition?.Definition.Name,
        Kind = definition?.Definition.Kind,
        Status = a.Status,
        Manual = a.Awarded.Manual,
        Justification = a.Awarded.Justification,
        AwardedAt = a.Awarded.AwardedAt,
        AwardedBy = a.Awarded.AwardedBy,
        FlaggedForReview = a.Flagged is not null && a.IsActive,
        FlagReason = a.IsActive ? a.Flagged?.Reason : null,
        RevokedAt = a.Revoked?.RevokedAt,
        RevocationReason = a.Revoked?.Reason,
        Competencies = a.Awarded.Competencies.ToList(),
        Evidence = a.Awarded.EvidenceIds.Select(record.Find).OfType<EvidenceEntry>().Select(e => new AwardEvidence
        {
            EvidenceId = e.Recorded.EvidenceId, OccurredAt = e.Recorded.OccurredAt, Modality = e.Recorded.Modality, SourceSystem = e.Recorded.SourceSystem,
        }).ToList(),
    };
}
