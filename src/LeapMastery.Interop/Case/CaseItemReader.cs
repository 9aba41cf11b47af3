using System.Text.Json;

namespace LeapMastery.Interop.Case;

/// <summary>Reads and checks CFItems: each needs a unique UUID identifier and a statement.</summary>
internal static class CaseItemReader
{
    private const string Field = "CFItems";

    public static CaseItems Read(JsonElement package, string? documentIdentifier, CaseJsonReader json)
    {
        var items = new List<CaseItemSource>();
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        if (CaseJsonReader.IsAbsent(package, Field, out var array))
        {
            json.Error(Field, "A CASE package needs CFItems: they become the framework's competencies.");
            return new(items, mentioned);
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            json.Error(Field, $"CFItems must be an array, not {CaseJsonReader.Describe(array)}.");
            return new(items, mentioned);
        }
        if (array.GetArrayLength() == 0)
            json.Error(Field, "A CASE package needs at least one CFItem to become a framework.");

        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var item = ReadItem(element, index, documentIdentifier, firstIndexOf, mentioned, json);
            if (item is not null)
                items.Add(item);
            index++;
        }
        return new(items, mentioned);
    }

    private static CaseItemSource? ReadItem(
        JsonElement element, int index, string? documentIdentifier, Dictionary<string, int> firstIndexOf,
        HashSet<string> mentioned, CaseJsonReader json)
    {
        var path = $"{Field}[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            json.Error(path, $"A CFItem must be an object, not {CaseJsonReader.Describe(element)}.");
            return null;
        }

        var identifier = ReadIdentifier(element, index, path, documentIdentifier, firstIndexOf, mentioned, json);
        var statement = ReadStatement(element, path, json);
        var uri = json.OptionalString(element, "uri", path);
        var humanCodingScheme = json.OptionalString(element, "humanCodingScheme", path);
        var itemType = json.OptionalString(element, "CFItemType", path);
        // CFItemTypeURI's title names the type when CFItemType is missing (some exports only write the link).
        itemType ??= CaseJsonReader.LinkTitle(element, "CFItemTypeURI");
        // CFDocumentURI is not read at all: a package holds one document, so it says nothing new, and exports disagree
        // on its shape (OpenSALT 2017 writes a plain URI string, CASE a link object).

        if (identifier is null || statement is null)
            return null;
        return new CaseItemSource(index, identifier, uri, statement, humanCodingScheme, itemType);
    }

    private static string? ReadIdentifier(
        JsonElement element, int index, string path, string? documentIdentifier, Dictionary<string, int> firstIndexOf,
        HashSet<string> mentioned, CaseJsonReader json)
    {
        var raw = json.OptionalString(element, "identifier", path);
        if (raw is null)
        {
            if (!CaseJsonReader.HasWrongType(element, "identifier"))
                json.Error($"{path}.identifier", "A CFItem needs an identifier: it identifies the competency across re-imports.");
            return null;
        }
        if (!CaseIdentifiers.TryCanonical(raw, out var identifier))
        {
            mentioned.Add(raw);
            json.Error($"{path}.identifier", $"'{(raw.Length > 80 ? raw[..80] + "…" : raw)}' is not an identifier: {CaseIdentifiers.Rule}.");
            return null;
        }
        mentioned.Add(identifier);
        if (identifier == documentIdentifier)
        {
            json.Error($"{path}.identifier", $"'{identifier}' is the CFDocument's identifier; an item needs its own.");
            return null;
        }
        if (firstIndexOf.TryGetValue(identifier, out var first))
        {
            json.Error($"{path}.identifier", $"'{identifier}' is also the identifier of {Field}[{first}]; identifiers must be unique.");
            return null;
        }
        firstIndexOf[identifier] = index;
        return identifier;
    }

    private static string? ReadStatement(JsonElement element, string path, CaseJsonReader json)
    {
        var full = json.OptionalString(element, "fullStatement", path);
        var abbreviated = json.OptionalString(element, "abbreviatedStatement", path);
        var statement = full ?? abbreviated;
        if (statement is null && !CaseJsonReader.HasWrongType(element, "fullStatement"))
            json.Error($"{path}.fullStatement", "A CFItem needs a fullStatement (or at least an abbreviatedStatement): it becomes the competency's statement.");
        return statement;
    }
}
