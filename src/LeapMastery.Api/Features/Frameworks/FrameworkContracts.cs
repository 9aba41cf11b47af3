using System.Text.Json.Serialization;
using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>A proficiency scale: ordered levels with minimum scores, and the score that counts as mastery.</summary>
public sealed class ScaleContract
{
    /// <summary>Lowest score on the scale (e.g. 0).</summary>
    [JsonRequired] public decimal MinPoints { get; set; }
    /// <summary>Highest score on the scale (e.g. 4).</summary>
    [JsonRequired] public decimal MaxPoints { get; set; }
    /// <summary>The score at or above which a competency is mastered (e.g. 2.5, the minimum of Proficient).</summary>
    [JsonRequired] public decimal MasteryThreshold { get; set; }
    public List<LevelContract> Levels { get; set; } = [];
}

public sealed class LevelContract
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>The lowest score that reaches this level.</summary>
    [JsonRequired] public decimal MinScore { get; set; }
}

/// <summary>How evidence becomes a level (docs/mastery.md).</summary>
public sealed class PolicyContract
{
    /// <summary>highest, mostRecent, average, recentAverage, weightedAverage, decayingAverage, nTimes, mode, recentMedian or powerLaw.</summary>
    public string Method { get; set; } = "";
    /// <summary>Method parameters: k (recentAverage, recentMedian), w (weightedAverage, decayingAverage), n (nTimes).</summary>
    public Dictionary<string, decimal> Parameters { get; set; } = [];
    public int MinEvidence { get; set; } = 1;
    public int MinModalities { get; set; } = 1;
    public bool CountSelfAssessment { get; set; }
}

public sealed class CompetencyContract
{
    public string Code { get; set; } = "";
    public string Statement { get; set; } = "";
    public CompetencyKind Kind { get; set; } = CompetencyKind.Competency;
    public string? ParentCode { get; set; }
    /// <summary>Overrides the framework's default policy for this competency.</summary>
    public PolicyContract? Policy { get; set; }
}

public sealed class PrerequisiteContract
{
    public string CompetencyCode { get; set; } = "";
    public string RequiresCode { get; set; } = "";
}

public sealed class ProgressionContract
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Competency codes in order; steps may cross grade levels.</summary>
    public List<string> Steps { get; set; } = [];
}

public sealed class ExtensionContract
{
    public string CompetencyCode { get; set; } = "";
    public string DeeperCode { get; set; } = "";
}

/// <summary>The body that creates a framework, or (PUT) its next version.</summary>
public class FrameworkBody
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public ScaleContract? Scale { get; set; }
    public PolicyContract? Policy { get; set; }
    public List<CompetencyContract> Competencies { get; set; } = [];
    public List<PrerequisiteContract> Prerequisites { get; set; } = [];
    public List<ProgressionContract> Progressions { get; set; } = [];
    public List<ExtensionContract> Extensions { get; set; } = [];
}
