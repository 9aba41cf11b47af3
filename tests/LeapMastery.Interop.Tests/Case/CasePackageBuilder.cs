using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>
/// Writes small CFPackages for tests in the CASE 1.0 shape (link objects, integer sequence numbers). Identifiers are
/// readable UUIDs: <c>Id(7)</c> is <c>00000000-0000-4000-8000-000000000007</c>.
/// </summary>
internal sealed class CasePackageBuilder
{
    public const string DocumentId = "d0c00000-0000-4000-8000-000000000000";
    public const string DocumentUri = "https://case.example.org/uri/" + DocumentId;

    public CasePackageBuilder(string title = "Sample Framework")
    {
        Document = new JsonObject
        {
            ["identifier"] = DocumentId,
            ["uri"] = DocumentUri,
            ["creator"] = "Tests",
            ["title"] = title,
            ["lastChangeDateTime"] = "2025-09-01T12:00:00+00:00",
        };
        Root = new JsonObject { ["CFDocument"] = Document, ["CFItems"] = Items, ["CFAssociations"] = Associations };
    }

    public JsonObject Root { get; }
    public JsonObject Document { get; }
    public JsonArray Items { get; } = [];
    public JsonArray Associations { get; } = [];

    public static string Id(int n) => $"00000000-0000-4000-8000-{n:D12}";

    public static string Uri(string identifier) => $"https://case.example.org/uri/{identifier}";

    public CasePackageBuilder Item(string identifier, string? humanCodingScheme, string? statement = null, string? itemType = null)
    {
        var item = new JsonObject
        {
            ["identifier"] = identifier,
            ["uri"] = Uri(identifier),
            ["fullStatement"] = statement ?? $"Statement of {humanCodingScheme ?? identifier}",
            ["lastChangeDateTime"] = "2025-09-01T12:00:00+00:00",
        };
        if (humanCodingScheme is not null) item["humanCodingScheme"] = humanCodingScheme;
        if (itemType is not null) item["CFItemType"] = itemType;
        Items.Add(item);
        return this;
    }

    /// <summary>The child is a child of <paramref name="parent"/> (an item, or <see cref="DocumentId"/>).</summary>
    public CasePackageBuilder ChildOf(string child, string parent, int? sequenceNumber = null)
    {
        var association = Link("isChildOf", child, parent, Uri(parent), parent == DocumentId ? "Sample Framework" : null);
        if (sequenceNumber is not null) association["sequenceNumber"] = sequenceNumber;
        Associations.Add(association);
        return this;
    }

    public CasePackageBuilder Precedes(string first, string then)
    {
        Associations.Add(Link("precedes", first, then, Uri(then), null));
        return this;
    }

    public CasePackageBuilder Association(string type, string origin, string destinationIdentifier, string destinationUri, string? destinationTitle = null)
    {
        Associations.Add(Link(type, origin, destinationIdentifier, destinationUri, destinationTitle));
        return this;
    }

    public JsonElement Build() => JsonDocument.Parse(Root.ToJsonString()).RootElement.Clone();

    private int associationCount;

    private JsonObject Link(string type, string origin, string destination, string destinationUri, string? destinationTitle)
    {
        var identifier = $"a5500000-0000-4000-8000-{++associationCount:D12}";
        return new JsonObject
        {
            ["identifier"] = identifier,
            ["uri"] = Uri(identifier),
            ["associationType"] = type,
            ["originNodeURI"] = new JsonObject { ["title"] = "Origin", ["identifier"] = origin, ["uri"] = Uri(origin) },
            ["destinationNodeURI"] = new JsonObject
            {
                ["title"] = destinationTitle ?? "Destination", ["identifier"] = destination, ["uri"] = destinationUri,
            },
            ["lastChangeDateTime"] = "2025-09-01T12:00:00+00:00",
        };
    }
}
