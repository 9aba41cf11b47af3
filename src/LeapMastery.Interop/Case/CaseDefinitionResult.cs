using LeapMastery.Domain;
using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Interop.Case;

/// <summary>
/// The framework built from a package, or the rules it breaks (<see cref="FrameworkRules"/>: a cycle of precedes, an
/// invalid scale…). Errors name fields of the framework definition (<c>prerequisites</c>, <c>scale.levels[1]</c>).
/// </summary>
public sealed record CaseDefinitionResult(FrameworkDefinition? Definition, IReadOnlyList<DomainError> Errors)
{
    public bool Succeeded => Definition is not null;
}
