namespace LeapMastery.Interop.Case;

/// <summary>
/// Locates an association's node in the package: by identifier when the link gives one (the CASE way), else by URI (an
/// export that wrote only a URI string). Whatever is neither an item nor the document is external.
/// </summary>
internal sealed class CaseNodeResolver
{
    private readonly CaseDocument? document;
    private readonly Dictionary<string, CaseItemSource> byIdentifier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseItemSource> byUri = new(StringComparer.Ordinal);

    public CaseNodeResolver(CaseDocument? document, IReadOnlyList<CaseItemSource> items)
    {
        this.document = document;
        foreach (var item in items)
        {
            byIdentifier[item.Identifier] = item;
            if (item.Uri is not null)
                byUri.TryAdd(item.Uri, item);
        }
    }

    public (CaseLinkTarget Target, string? Identifier) Resolve(CaseNodeRef node)
    {
        if (node.Identifier is not null)
        {
            var identifier = CaseIdentifiers.Reference(node.Identifier);
            if (byIdentifier.ContainsKey(identifier))
                return (CaseLinkTarget.Item, identifier);
            return identifier == document?.Identifier
                ? (CaseLinkTarget.Document, identifier)
                : (CaseLinkTarget.External, identifier);
        }

        if (byUri.TryGetValue(node.Uri!, out var item))
            return (CaseLinkTarget.Item, item.Identifier);
        return document?.Uri is not null && node.Uri == document.Uri
            ? (CaseLinkTarget.Document, document.Identifier)
            : (CaseLinkTarget.External, null);
    }
}
