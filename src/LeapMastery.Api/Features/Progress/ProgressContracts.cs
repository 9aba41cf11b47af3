using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Api.Features.Progress;

public sealed class LevelResponse
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
}

public sealed class CompetencyStateResponse
{
    public Guid CompetencyId { get; set; }
    public Guid FrameworkId { get; set; }
    public string Code { get; set; } = "";
    /// <summary>notYetAssessed, inProgress or mastered.</summary>
    public MasteryStatus Status { get; set; }
    /// <summary>The score under the policy, rounded to two decimals; null when not yet assessed.</summary>
    public decimal? Score { get; set; }
    public LevelResponse? Level { get; set; }
    public bool Mastered { get; set; }
    /// <summary>A placement covers this competency: done for position and next steps, never demonstrated.</summary>
    public bool Placed { get; set; }
    /// <summary>Counted evidence (retracted and excluded evidence is not counted).</summary>
    public int EvidenceCount { get; set; }
    public List<string> Modalities { get; set; } = [];
    public Instant? LastEvidenceAt { get; set; }
    public PolicyContract Policy { get; set; } = new();
    public int FrameworkVersion { get; set; }
}

public sealed class PositionResponse
{
    /// <summary>1-based number of the step being worked on.</summary>
    public int Step { get; set; }
    public Guid CompetencyId { get; set; }
    public string Code { get; set; } = "";
}

public sealed class ProgressionStateResponse
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The first step neither mastered nor placed; null when the progression is complete.</summary>
    public PositionResponse? Position { get; set; }
    public int StepsMastered { get; set; }
    public int StepsPlaced { get; set; }
    public int StepsDone { get; set; }
    public int TotalSteps { get; set; }
    public decimal Percent { get; set; }
}

public sealed class FrameworkProgressResponse
{
    public Guid FrameworkId { get; set; }
    public int FrameworkVersion { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public List<CompetencyStateResponse> Competencies { get; set; } = [];
    public List<ProgressionStateResponse> Progressions { get; set; } = [];
}

public sealed class LearnerProgressResponse
{
    public string LearnerId { get; set; } = "";
    /// <summary>The instant the answer describes (now, or the asOf asked for).</summary>
    public Instant AsOf { get; set; }
    public List<FrameworkProgressResponse> Frameworks { get; set; } = [];

    public static CompetencyStateResponse State(FrameworkProgress p, CompetencyProgress c) => new()
    {
        CompetencyId = c.Competency.Id,
        FrameworkId = p.FrameworkId,
        Code = c.Competency.Code,
        Status = c.Result.Status,
        Score = c.Result.Score,
        Level = c.Result.Level is { } l ? new LevelResponse { Code = l.Code, Label = l.Label } : null,
        Mastered = c.Result.Mastered,
        Placed = c.Placed,
        EvidenceCount = c.Result.CountedCount,
        Modalities = c.Result.Modalities.ToList(),
        LastEvidenceAt = c.LastEvidenceAt,
        Policy = FrameworkMapping.ToContract(c.Policy),
        FrameworkVersion = p.FrameworkVersion,
    };

    public static FrameworkProgressResponse From(FrameworkProgress p) => new()
    {
        FrameworkId = p.FrameworkId,
        FrameworkVersion = p.FrameworkVersion,
        Code = p.Framework.Code,
        Title = p.Framework.Title,
        Competencies = p.Competencies.Select(c => State(p, c)).ToList(),
        Progressions = p.Progressions.Select(g => new ProgressionStateResponse
        {
            Code = g.Progression.Code,
            Title = g.Progression.Title,
            Position = g.Position.CurrentIndex is { } i
                ? new PositionResponse { Step = i + 1, CompetencyId = g.Position.CurrentCompetency!.Value, Code = g.Progression.Steps[i] }
                : null,
            StepsMastered = g.Position.StepsMastered,
            StepsPlaced = g.Position.StepsPlaced,
            StepsDone = g.Position.StepsDone,
            TotalSteps = g.Position.Total,
            Percent = g.Position.Percent,
        }).ToList(),
    };
}
