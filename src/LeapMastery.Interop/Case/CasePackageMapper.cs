using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Interop.Case;

/// <summary>Turns checked items and associations into the mapped package (see docs/case-import.md).</summary>
internal static class CasePackageMapper
{
    public static CasePackage Map(
        CaseDocument document, IReadOnlyList<CaseItemSource> items, IReadOnlyList<CaseAssociation> associations)
    {
        var tree = CaseTree.Build(items, associations.Where(a => Is(a, CaseAssociationTypes.IsChildOf)));
        var codes = CompetencyCodes.Assign(items);

        var competencies = tree.Ordered()
            .Select(item => new CaseCompetency(
                item.Identifier,
                item.Uri,
                codes[item.Identifier],
                item.Statement,
                CompetencyKinds.Of(item, tree),
                tree.ParentOf(item.Identifier) is { } parent ? codes[parent] : null,
                item.HumanCodingScheme,
                item.ItemType,
                tree.SequenceOf(item.Identifier)))
            .ToList();

        var prerequisites = new List<PrerequisiteLink>();
        var links = new List<CaseLink>();
        foreach (var association in associations)
        {
            if (Is(association, CaseAssociationTypes.IsChildOf) && tree.Consumed(association))
                continue;
            if (Is(association, CaseAssociationTypes.Precedes) && association.Target == CaseLinkTarget.Item)
            {
                // "A precedes B" is "B requires A". Said twice, it is still one prerequisite.
                var link = new PrerequisiteLink(codes[association.DestinationIdentifier!], codes[association.OriginIdentifier]);
                if (!prerequisites.Contains(link))
                    prerequisites.Add(link);
                continue;
            }
            links.Add(association.ToLink());
        }

        return new CasePackage(document, competencies, prerequisites, links);
    }

    // CASE spells types in camelCase; a differently cased type in a hand-edited export means the same thing.
    private static bool Is(CaseAssociation association, string type) =>
        string.Equals(association.Type, type, StringComparison.OrdinalIgnoreCase);
}
