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
    /// <summary>Recency (docs/mastery.md §10): evidence that happened more than this many days before the moment asked about stops counting. Omit for no window.</summary>
    public int? RecencyWindowDays { get; set; }
    /// <summary>Expiry (docs/mastery.md §10): mastery lapses this many days after the newest counted evidence unless newer evidence renews it. Omit for mastery that never lapses.</summary>
    public int? MasteryValidForDays { get; set; }
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
/// <summary>One grade of a grading scheme: given when the mean level reaches <c>minMean</c> and no graded competency is below <c>noLevelBelow</c> (a level code), if given.</summary>
public sealed class GradeBandContract
{
    /// <summary>The grade as the district writes it (A, B+, 4, Meets, …).</summary>
    public string Grade { get; set; } = "";
    /// <summary>The lowest mean of level ranks (1 = the scale's lowest level) that earns this grade.</summary>
    public decimal MinMean { get; set; }
    public string? NoLevelBelow { get; set; }
}

/// <summary>
/// How competency levels make a course or subject grade (docs/report-cards.md, "Grades from mastery"): the mean of the
/// assessed competencies' level ranks, rounded half away from zero to <c>decimals</c>, then the first band, in the order
/// given, whose rules are met.
/// </summary>
public sealed class GradingContract
{
    public List<GradeBandContract> Bands { get; set; } = [];
    /// <summary>0, 1 (default) or 2.</summary>
    public int Decimals { get; set; } = 1;
}

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
    /// <summary>Optional: the grading scheme that turns this framework's levels into a grade on report cards.</summary>
    public GradingContract? Grading { get; set; }
}
