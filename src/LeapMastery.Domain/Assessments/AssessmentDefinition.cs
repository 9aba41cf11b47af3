using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Assessments;

/// <summary>
/// An assessment aligned to competencies: each section measures one competency with its own points; cut scores turn the
/// fraction of a section's points into a level (MASTERY §2). A learner may attempt it whenever ready (LD.3).
/// </summary>
public sealed record AssessmentDefinition(
    string Code,
    string Title,
    Guid FrameworkId,
    string Modality,
    IReadOnlyList<AssessmentSection> Sections,
    IReadOnlyList<CutScore> CutScores,
    int? MaxAttempts,
    bool RequirePrerequisites,
    IReadOnlyList<ExternalId> ExternalIds)
{
    public decimal TotalPoints => Sections.Sum(s => s.MaxPoints);

    public AssessmentSection? Section(string code) => Sections.FirstOrDefault(s => s.Code == code);
}

public sealed record AssessmentSection(string Code, string? Title, Guid CompetencyId, decimal MaxPoints);

/// <summary>How another system knows the assessment: an LMS line item or resource link id, an xAPI activity IRI.</summary>
public sealed record ExternalId(string System, string Id);

public static class AssessmentRules
{
    public static IReadOnlyList<DomainError> Validate(AssessmentDefinition a, ProficiencyScale scale, Func<Guid, bool> competencyInFramework)
    {
        var errors = new List<DomainError>();
        if (!EvidenceModality.IsKnown(a.Modality))
            errors.Add(new("modality", $"Use one of: {string.Join(", ", EvidenceModality.All)}."));
        if (a.Sections.Count == 0)
            errors.Add(new("sections", "An assessment needs at least one section aligned to a competency."));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < a.Sections.Count; i++)
        {
            var s = a.Sections[i];
            if (string.IsNullOrWhiteSpace(s.Code)) errors.Add(new($"sections[{i}].code", "A section needs a code."));
            else if (!codes.Add(s.Code)) errors.Add(new($"sections[{i}].code", $"Section code '{s.Code}' appears twice."));
            if (s.MaxPoints <= 0) errors.Add(new($"sections[{i}].maxPoints", "maxPoints must be greater than 0."));
            if (!competencyInFramework(s.CompetencyId))
                errors.Add(new($"sections[{i}].competencyId", $"Competency {s.CompetencyId} is not in the assessment's framework."));
        }
        errors.AddRange(CutScore.Validate(a.CutScores, scale));
        if (a.MaxAttempts is < 1) errors.Add(new("attemptPolicy.maxAttempts", "maxAttempts must be at least 1 (omit it for unlimited attempts)."));
        var external = new HashSet<(string, string)>();
        for (var i = 0; i < a.ExternalIds.Count; i++)
        {
            var e = a.ExternalIds[i];
            if (string.IsNullOrWhiteSpace(e.System) || string.IsNullOrWhiteSpace(e.Id))
                errors.Add(new($"externalIds[{i}]", "Give both system and id."));
            else if (!external.Add((e.System, e.Id)))
                errors.Add(new($"externalIds[{i}]", "The same external id appears twice."));
        }
        return errors;
    }
}
