using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Interop.Case;

/// <summary>
/// The kind of a competency from its place in the tree and its CFItemType. CASE item types are free text (Cluster,
/// Standard, Domain, Strand, Component, Level…), so the tree shape decides and the type only marks sub-skills:
/// <list type="bullet">
/// <item>a leaf whose type names a part of a standard (Component, Sub-skill…) → SubSkill;</item>
/// <item>any other leaf → Competency;</item>
/// <item>an item whose children are all such sub-skill leaves → Competency (a standard with its lettered parts, as
/// CCSS 6.RP.A.3 with a–d: it is still what a teacher assesses);</item>
/// <item>any other item with children → Domain at the top of the tree, Strand below.</item>
/// </list>
/// </summary>
internal static class CompetencyKinds
{
    // Compared with spaces, hyphens and underscores removed, in lower case: "Sub-skill", "sub_skill", "SubSkill" alike.
    private static readonly HashSet<string> SubSkillTypes = new(StringComparer.Ordinal)
    {
        "component", "subcomponent", "subskill", "substandard",
    };

    public static CompetencyKind Of(CaseItemSource item, CaseTree tree)
    {
        var children = tree.ChildrenOf(item.Identifier);
        if (children.Count == 0)
            return IsSubSkillLeaf(item, tree) ? CompetencyKind.SubSkill : CompetencyKind.Competency;
        if (children.All(c => IsSubSkillLeaf(c, tree)))
            return CompetencyKind.Competency;
        return tree.ParentOf(item.Identifier) is null ? CompetencyKind.Domain : CompetencyKind.Strand;
    }

    public static bool IsSubSkillType(string? itemType) =>
        itemType is not null
        && SubSkillTypes.Contains(new string(itemType.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray()));

    private static bool IsSubSkillLeaf(CaseItemSource item, CaseTree tree) =>
        tree.ChildrenOf(item.Identifier).Count == 0 && IsSubSkillType(item.ItemType);
}
