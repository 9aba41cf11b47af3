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

/// <summary>
/// One node of a criteria tree, one of a closed set: <see cref="AllOfCriterion"/> and <see cref="NOfCriterion"/> over
/// children, or a leaf (<see cref="CompetencyMasteredCriterion"/>, <see cref="MinLevelCriterion"/>,
/// <see cref="ProgressionStepCriterion"/>).
/// </summary>
public abstract record Criterion
{
    private protected Criterion()
    {
    }

    public abstract CriterionKind Kind { get; }

    /// <summary>The leaves under this node (itself, for a leaf).</summary>
    public IEnumerable<Criterion> Leaves() => this switch
    {
        AllOfCriterion a => a.Children.SelectMany(c => c.Leaves()),
        NOfCriterion n => n.Children.SelectMany(c => c.Leaves()),
        _ => [this],
    };

    /// <summary>The competency a leaf names (mastered, or a minimum level), if it names one.</summary>
    public Guid? CompetencyId => this switch
    {
        CompetencyMasteredCriterion m => m.Competency,
        MinLevelCriterion l => l.Competency,
        _ => null,
    };
}

/// <summary>Every child is met.</summary>
public sealed record AllOfCriterion(IReadOnlyList<Criterion> Children) : Criterion
{
    public override CriterionKind Kind => CriterionKind.AllOf;

    // Records compare lists by reference; two trees written alike are equal.
    public bool Equals(AllOfCriterion? other) => other is not null && Children.SequenceEqual(other.Children);

    public override int GetHashCode() => HashCode.Combine(Kind, Children.Count);
}

/// <summary>At least <paramref name="N"/> of the children are met.</summary>
public sealed record NOfCriterion(int N, IReadOnlyList<Criterion> Children) : Criterion
{
    public override CriterionKind Kind => CriterionKind.NOf;

    public bool Equals(NOfCriterion? other) => other is not null && N == other.N && Children.SequenceEqual(other.Children);

    public override int GetHashCode() => HashCode.Combine(Kind, N, Children.Count);
}

/// <summary>The competency is mastered (or placed, when the recognition counts placements).</summary>
public sealed record CompetencyMasteredCriterion(Guid Competency) : Criterion
{
    public override CriterionKind Kind => CriterionKind.CompetencyMastered;
}

/// <summary>The competency has reached at least <paramref name="LevelCode"/> (or is placed, when the recognition counts placements).</summary>
public sealed record MinLevelCriterion(Guid Competency, string LevelCode) : Criterion
{
    public override CriterionKind Kind => CriterionKind.MinLevel;
}

/// <summary>The learner has reached the 1-based <paramref name="Step"/> of the progression: the steps before it are done (one past the last: complete).</summary>
public sealed record ProgressionStepCriterion(Guid FrameworkId, string ProgressionCode, int Step) : Criterion
{
    public override CriterionKind Kind => CriterionKind.ProgressionStep;
}
