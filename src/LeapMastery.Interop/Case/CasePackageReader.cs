using System.Text.Json;
using LeapMastery.Domain;

namespace LeapMastery.Interop.Case;

/// <summary>
/// Reads a CASE 1.0 CFPackage (as from <c>GET /ims/case/v1p0/CFPackages/{id}</c>) into a <see cref="CasePackage"/>.
/// Checks by hand what the mapping needs rather than the whole JSON schema: real exports break the schema in harmless
/// ways (a URI string where a link object belongs, sequence numbers as strings) and districts must still be able to
/// import them. Every problem found is reported, not just the first. The mapping is described in docs/case-import.md.
/// </summary>
public static class CasePackageReader
{
    public static CaseImportResult Read(JsonElement package)
    {
        if (package.ValueKind != JsonValueKind.Object)
            return CaseImportResult.Failure(
                [new DomainError("$", $"A CASE package must be a JSON object (a CFPackage), not {CaseJsonReader.Describe(package)}.")]);

        var json = new CaseJsonReader();
        var document = CaseDocumentReader.Read(package, json);
        var items = CaseItemReader.Read(package, document?.Identifier, json);
        var sources = CaseAssociationReader.Read(package, json);
        var associations = Resolve(sources, new CaseNodeResolver(document, items.Items), items.Mentioned, json);

        if (json.Errors.Count > 0 || document is null)
            return CaseImportResult.Failure(json.Errors);
        return CaseImportResult.Success(CasePackageMapper.Map(document, items.Items, associations));
    }

    /// <summary>
    /// Locates both ends of each association. The origin must be an item of the package: an association is the origin
    /// item's statement about something, and without the item there is nothing to hang it on. The destination may be
    /// anywhere (another framework's item, a web page).
    /// </summary>
    private static List<CaseAssociation> Resolve(
        IReadOnlyList<CaseAssociationSource> sources, CaseNodeResolver resolver, IReadOnlySet<string> mentioned,
        CaseJsonReader json)
    {
        var resolved = new List<CaseAssociation>(sources.Count);
        foreach (var source in sources)
        {
            var (originTarget, origin) = resolver.Resolve(source.Origin);
            if (originTarget != CaseLinkTarget.Item)
            {
                // An item with a broken identifier has been reported already; its associations are no news.
                if (origin is null || !mentioned.Contains(origin))
                    ReportOrigin(source, originTarget, json);
                continue;
            }
            var (target, destination) = resolver.Resolve(source.Destination);
            resolved.Add(new CaseAssociation(source, origin!, target, destination));
        }
        return resolved;
    }

    private static void ReportOrigin(CaseAssociationSource source, CaseLinkTarget target, CaseJsonReader json)
    {
        var node = source.Origin;
        var field = node.Identifier is not null
            ? $"CFAssociations[{source.Index}].originNodeURI.identifier"
            : $"CFAssociations[{source.Index}].originNodeURI";
        var named = node.Identifier ?? node.Uri;
        json.Error(field, target == CaseLinkTarget.Document
            ? $"The origin '{named}' is the CFDocument; an association's origin must be a CFItem of this package."
            : $"The origin '{named}' is not a CFItem of this package.");
    }
}
