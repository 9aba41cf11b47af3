namespace LeapMastery.Domain.Mastery;

/// <summary>The ways learning can be demonstrated; counted distinctly for a policy's minModalities.</summary>
public static class EvidenceModality
{
    public const string Assessment = "assessment";
    public const string PerformanceTask = "performanceTask";
    public const string Project = "project";
    public const string Presentation = "presentation";
    public const string Observation = "observation";
    public const string PortfolioArtifact = "portfolioArtifact";
    public const string Conversation = "conversation";
    public const string RealWorld = "realWorld";
    public const string SelfAssessment = "selfAssessment";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
    [
        Assessment, PerformanceTask, Project, Presentation, Observation,
        PortfolioArtifact, Conversation, RealWorld, SelfAssessment, Other,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string? modality) => modality is not null && Known.Contains(modality);
}
