using System.Text.Json;

namespace LeapMastery.Interop.Case;

/// <summary>Reads and checks CFAssociations' shape; whether their nodes exist is the package reader's business.</summary>
internal static class CaseAssociationReader
{
    private const string Field = "CFAssociations";

    public static IReadOnlyList<CaseAssociationSource> Read(JsonElement package, CaseJsonReader json)
    {
        var associations = new List<CaseAssociationSource>();
        // A package without associations is a flat list of items: legal, if unusual.
        if (CaseJsonReader.IsAbsent(package, Field, out var array))
            return associations;
        if (array.ValueKind != JsonValueKind.Array)
        {
            json.Error(Field, $"CFAssociations must be an array, not {CaseJsonReader.Describe(array)}.");
            return associations;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var association = ReadAssociation(element, index, json);
            if (association is not null)
                associations.Add(association);
            index++;
        }
        return associations;
    }

    private static CaseAssociationSource? ReadAssociation(JsonElement element, int index, CaseJsonReader json)
    {
        var path = $"{Field}[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            json.Error(path, $"A CFAssociation must be an object, not {CaseJsonReader.Describe(element)}.");
            return null;
        }

        var identifier = json.OptionalString(element, "identifier", path);
        // Any type is taken: types outside CASE 1.0's list (extensions, later versions) are kept as links.
        var type = json.OptionalString(element, "associationType", path);
        if (type is null && !CaseJsonReader.HasWrongType(element, "associationType"))
            json.Error($"{path}.associationType", "A CFAssociation needs an associationType.");
        var origin = json.NodeRef(element, "originNodeURI", path, required: true);
        var destination = json.NodeRef(element, "destinationNodeURI", path, required: true);
        var sequence = json.OptionalWholeNumber(element, "sequenceNumber", path);

        if (type is null || origin is null || destination is null)
            return null;
        return new CaseAssociationSource(index, identifier, type, origin, destination, sequence);
    }
}
