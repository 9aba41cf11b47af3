using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;

namespace LeapMastery.Interop.Case;

/// <summary>Makes a framework definition of a mapped CASE package, with the scale and policy the district chose.</summary>
public static class CaseFrameworkMapping
{
    /// <summary>
    /// Builds the definition and checks it with <see cref="FrameworkRules"/> (a cycle of precedes, an isChildOf cycle, an
    /// invalid scale or policy all come back as errors). CASE has no progressions or extensions, so there are none.
    /// </summary>
    /// <param name="code">The framework's code: <see cref="CaseDocument.SuggestedCode"/> or the caller's own.</param>
    /// <param name="existingIdByCaseIdentifier">On a re-import, the id a competency already has for a CASE identifier,
    /// so that evidence recorded against it stays attached even if the publisher changed its code or statement.</param>
    /// <param name="newId">Ids for competencies seen for the first time.</param>
    public static CaseDefinitionResult ToDefinition(
        CasePackage package,
        string code,
        ProficiencyScale scale,
        CalculationPolicy policy,
        Func<string, Guid?> existingIdByCaseIdentifier,
        Func<Guid> newId)
    {
        var competencies = package.Competencies
            .Select(c => new CompetencyDefinition(
                existingIdByCaseIdentifier(c.Identifier) ?? newId(),
                c.Code,
                c.Statement,
                c.Kind,
                c.ParentCode,
                Policy: null,
                c.Identifier,
                c.Uri))
            .ToList();

        var definition = new FrameworkDefinition(
            code,
            package.Document.Title,
            package.Document.Description,
            scale,
            policy,
            competencies,
            package.Prerequisites,
            Progressions: [],
            Extensions: [],
            package.Document.Identifier,
            package.Document.Uri,
            Links(package),
            package.Document.LastChangeDateTime is { } changed ? NodaTime.Instant.FromDateTimeOffset(changed) : null);

        var errors = FrameworkRules.Validate(definition);
        return errors.Count > 0 ? new CaseDefinitionResult(null, errors) : new CaseDefinitionResult(definition, []);
    }

    /// <summary>Every association kept as a link, its ends named by competency code where they are items of the package.</summary>
    private static IReadOnlyList<FrameworkLink> Links(CasePackage package)
    {
        var codes = package.Competencies.ToDictionary(c => c.Identifier, c => c.Code, StringComparer.OrdinalIgnoreCase);
        return package.Links.Select(l => new FrameworkLink(
            l.Type,
            codes.GetValueOrDefault(l.OriginIdentifier) ?? l.OriginIdentifier,
            l.DestinationIdentifier is not null && l.Target == CaseLinkTarget.Item ? codes.GetValueOrDefault(l.DestinationIdentifier) : null,
            l.DestinationIdentifier,
            l.DestinationUri,
            l.DestinationTitle)).ToList();
    }
}
