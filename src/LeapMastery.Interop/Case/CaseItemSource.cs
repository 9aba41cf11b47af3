namespace LeapMastery.Interop.Case;

/// <summary>A CFItem as read and checked, before the tree gives it a parent, kind and code.</summary>
/// <param name="Index">Its position in CFItems: the last tie-break of sibling order, and the place errors point at.</param>
internal sealed record CaseItemSource(
    int Index,
    string Identifier,
    string? Uri,
    string Statement,
    string? HumanCodingScheme,
    string? ItemType);
