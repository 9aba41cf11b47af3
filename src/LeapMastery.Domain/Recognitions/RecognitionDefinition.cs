namespace LeapMastery.Domain.Recognitions;

/// <summary>What a recognition is (LD.5): credit, course credit, badge, micro-credential or certificate.</summary>
public enum RecognitionKind
{
    Credit,
    CourseCredit,
    Badge,
    MicroCredential,
    Certificate,
}

/// <summary>
/// A recognition awarded for demonstrated mastery, never for time: its criteria are a small tree over competencies
/// mastered, minimum levels and progression steps reached. Placed steps count only when <paramref name="CountPlaced"/>.
/// </summary>
public sealed record RecognitionDefinition(
    string Code,
    string Name,
    string Description,
    RecognitionKind Kind,
    Criterion Criteria,
    bool CountPlaced,
    decimal? CreditsAvailable);

public enum CriterionKind
{
    AllOf,
    NOf,
    CompetencyMastered,
    MinLevel,
    ProgressionStep,
}

/// <summary>One node of a criteria tree.</summary>
/// <param name="Children">For allOf and nOf.</param>
/// <param name="N">For nOf: how many children must be met.</param>
/// <param name="LevelCode">For minLevel: the lowest level that satisfies it.</param>
/// <param name="Step">For progressionStep: the 1-based step the learner must have reached (the steps before it done).</param>
public sealed record Criterion(
    CriterionKind Kind,
    IReadOnlyList<Criterion>? Children = null,
    int? N = null,
    Guid? FrameworkId = null,
    Guid? CompetencyId = null,
    string? LevelCode = null,
    string? ProgressionCode = null,
    int? Step = null)
{
    public IEnumerable<Criterion> Leaves() =>
        Kind is CriterionKind.AllOf or CriterionKind.NOf ? (Children ?? []).SelectMany(c => c.Leaves()) : [this];
}
