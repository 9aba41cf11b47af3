namespace LeapMastery.Interop.Case;

/// <summary>
/// The framework tree from <c>isChildOf</c>. A competency has one parent, while CASE lets an item sit in several places:
/// the first isChildOf (in package order) to the document or an item of the package places it; further ones to other
/// parents, and ones to external nodes, stay as links. An item no isChildOf places is at the top.
/// </summary>
internal sealed class CaseTree
{
    private readonly Dictionary<string, (string? Parent, int? Sequence)> placement = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CaseItemSource>> children = new(StringComparer.Ordinal);
    private readonly HashSet<CaseAssociation> consumed = [];
    private readonly IReadOnlyList<CaseItemSource> items;

    private CaseTree(IReadOnlyList<CaseItemSource> items) => this.items = items;

    public static CaseTree Build(IReadOnlyList<CaseItemSource> items, IEnumerable<CaseAssociation> isChildOf)
    {
        var tree = new CaseTree(items);
        foreach (var association in isChildOf)
        {
            if (association.Target == CaseLinkTarget.External)
                continue;
            var parent = association.Target == CaseLinkTarget.Item ? association.DestinationIdentifier : null;
            if (!tree.placement.TryGetValue(association.OriginIdentifier, out var placed))
            {
                tree.placement[association.OriginIdentifier] = (parent, association.Source.SequenceNumber);
                tree.consumed.Add(association);
            }
            else if (placed.Parent == parent)
                tree.consumed.Add(association); // the same placement said twice adds nothing worth a link
        }

        foreach (var item in items)
            if (tree.ParentOf(item.Identifier) is { } parent)
                tree.ChildList(parent).Add(item);
        foreach (var list in tree.children.Values)
            list.Sort(tree.SiblingOrder);
        return tree;
    }

    /// <summary>Whether the isChildOf is already expressed by the tree (so it needs no link).</summary>
    public bool Consumed(CaseAssociation association) => consumed.Contains(association);

    public string? ParentOf(string identifier) => placement.TryGetValue(identifier, out var p) ? p.Parent : null;

    public int? SequenceOf(string identifier) => placement.TryGetValue(identifier, out var p) ? p.Sequence : null;

    public IReadOnlyList<CaseItemSource> ChildrenOf(string identifier) =>
        children.TryGetValue(identifier, out var list) ? list : [];

    /// <summary>
    /// Every item, depth first: parents before children, siblings in order, each subtree together (as the publisher's
    /// outline reads). Items on an isChildOf cycle are reachable from no top item; they follow in package order, and
    /// <c>FrameworkRules</c> then names the cycle.
    /// </summary>
    public IReadOnlyList<CaseItemSource> Ordered()
    {
        var ordered = new List<CaseItemSource>(items.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var roots = items.Where(i => ParentOf(i.Identifier) is null).ToList();
        roots.Sort(SiblingOrder);

        // An explicit stack: a deep tree must not overflow the call stack.
        var pending = new Stack<CaseItemSource>();
        for (var i = roots.Count - 1; i >= 0; i--)
            pending.Push(roots[i]);
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            if (!visited.Add(item.Identifier))
                continue;
            ordered.Add(item);
            var kids = ChildrenOf(item.Identifier);
            for (var i = kids.Count - 1; i >= 0; i--)
                pending.Push(kids[i]);
        }

        ordered.AddRange(items.Where(i => !visited.Contains(i.Identifier)));
        return ordered;
    }

    /// <summary>sequenceNumber first (items without one after those with one), then humanCodingScheme as people read it,
    /// then package order.</summary>
    private int SiblingOrder(CaseItemSource x, CaseItemSource y)
    {
        var (sx, sy) = (SequenceOf(x.Identifier), SequenceOf(y.Identifier));
        if (sx.HasValue != sy.HasValue) return sx.HasValue ? -1 : 1;
        if (sx != sy) return sx!.Value.CompareTo(sy!.Value);
        if ((x.HumanCodingScheme is null) != (y.HumanCodingScheme is null)) return x.HumanCodingScheme is null ? 1 : -1;
        var byCode = NaturalOrder.Instance.Compare(x.HumanCodingScheme, y.HumanCodingScheme);
        return byCode != 0 ? byCode : x.Index.CompareTo(y.Index);
    }

    private List<CaseItemSource> ChildList(string parent)
    {
        if (!children.TryGetValue(parent, out var list))
            children[parent] = list = [];
        return list;
    }
}
