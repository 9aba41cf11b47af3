using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Interop.Case;

/// <summary>One CFItem as a competency of the framework to be.</summary>
/// <param name="Identifier">The CFItem's UUID in lower-case canonical form; the competency's caseIdentifier.</param>
/// <param name="Uri">The CFItem's uri; null when the export has none (never made up).</param>
/// <param name="Code">Unique within the package: the humanCodingScheme when that is present and unique, else a fallback.</param>
/// <param name="Statement">fullStatement, or abbreviatedStatement when the item has no fullStatement.</param>
/// <param name="ParentCode">The code of the item this one <c>isChildOf</c>; null at the top of the tree.</param>
/// <param name="HumanCodingScheme">As the publisher wrote it (trimmed), even when <see cref="Code"/> had to differ.</param>
/// <param name="ItemType">CFItemType (or the title of CFItemTypeURI), as given.</param>
/// <param name="SequenceNumber">The sequenceNumber of the isChildOf that placed the item, if any.</param>
public sealed record CaseCompetency(
    string Identifier,
    string? Uri,
    string Code,
    string Statement,
    CompetencyKind Kind,
    string? ParentCode,
    string? HumanCodingScheme,
    string? ItemType,
    int? SequenceNumber);
