using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Interop.Case;

/// <summary>
/// A CASE 1.0 CFPackage mapped onto LeapMastery's terms, before a scale and policy make it a framework
/// (<see cref="CaseFrameworkMapping.ToDefinition"/>). Plain data, so the API can show it as a preview.
/// </summary>
/// <param name="Competencies">Every CFItem, parents before children, siblings by sequenceNumber then humanCodingScheme.</param>
/// <param name="Prerequisites">The <c>precedes</c> associations between two items of the package.</param>
/// <param name="Links">Every other association, kept so that nothing the publisher said is lost on import.</param>
public sealed record CasePackage(
    CaseDocument Document,
    IReadOnlyList<CaseCompetency> Competencies,
    IReadOnlyList<PrerequisiteLink> Prerequisites,
    IReadOnlyList<CaseLink> Links);
