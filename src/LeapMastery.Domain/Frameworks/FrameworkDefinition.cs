using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Frameworks;

/// <summary>
/// One version of a competency framework: its tree of competencies, proficiency scale, default calculation policy,
/// prerequisite links (a DAG), progressions across grade levels and "go deeper" extensions.
/// </summary>
public sealed record FrameworkDefinition(
    string Code,
    string Title,
    string? Description,
    ProficiencyScale Scale,
    CalculationPolicy Policy,
    IReadOnlyList<CompetencyDefinition> Competencies,
    IReadOnlyList<PrerequisiteLink> Prerequisites,
    IReadOnlyList<ProgressionDefinition> Progressions,
    IReadOnlyList<ExtensionLink> Extensions,
    string? CaseIdentifier = null,
    string? CaseUri = null,
    IReadOnlyList<FrameworkLink>? Links = null,
    NodaTime.Instant? CaseLastChange = null,
    GradingScheme? Grading = null)
{
    public CompetencyDefinition? FindByCode(string code) => Competencies.FirstOrDefault(c => c.Code == code);

    public CompetencyDefinition? Find(Guid competencyId) => Competencies.FirstOrDefault(c => c.Id == competencyId);

    /// <summary>The policy in force for a competency: its own override, else the framework's default.</summary>
    public CalculationPolicy PolicyFor(CompetencyDefinition competency) => competency.Policy ?? Policy;

    // Records compare lists by reference; two versions written alike are the same version (an import that changes nothing).
    public bool Equals(FrameworkDefinition? other) =>
        other is not null
        && Code == other.Code && Title == other.Title && Description == other.Description
        && Scale.Equals(other.Scale) && Policy.Equals(other.Policy)
        && CaseIdentifier == other.CaseIdentifier && CaseUri == other.CaseUri && CaseLastChange == other.CaseLastChange
        && Competencies.SequenceEqual(other.Competencies) && Prerequisites.SequenceEqual(other.Prerequisites)
        && Progressions.SequenceEqual(other.Progressions) && Extensions.SequenceEqual(other.Extensions)
        && (Links ?? []).SequenceEqual(other.Links ?? [])
        && Equals(Grading, other.Grading);

    public override int GetHashCode() => HashCode.Combine(Code, Title, Competencies.Count, CaseIdentifier);
}

public sealed record CompetencyDefinition(
    Guid Id,
    string Code,
    string Statement,
    CompetencyKind Kind,
    string? ParentCode,
    CalculationPolicy? Policy,
    string? CaseIdentifier = null,
    string? CaseUri = null);

/// <summary><paramref name="CompetencyCode"/> requires <paramref name="RequiresCode"/> first.</summary>
public sealed record PrerequisiteLink(string CompetencyCode, string RequiresCode);

/// <summary>An ordered path of competencies; steps may cross grade levels.</summary>
public sealed record ProgressionDefinition(string Code, string Title, IReadOnlyList<string> Steps)
{
    public bool Equals(ProgressionDefinition? other) => other is not null && Code == other.Code && Title == other.Title && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Code, Title, Steps.Count);
}

/// <summary>Once <paramref name="CompetencyCode"/> is mastered, <paramref name="DeeperCode"/> lets a learner go deeper.</summary>
public sealed record ExtensionLink(string CompetencyCode, string DeeperCode);

/// <summary>
/// A relation the framework has no field for, kept as the publisher wrote it (CASE exactMatchOf, isRelatedTo, exemplar,
/// a precedes to something outside the framework, …).
/// </summary>
public sealed record FrameworkLink(string Type, string OriginCode, string? DestinationCode, string? DestinationIdentifier, string? DestinationUri, string? DestinationTitle);
