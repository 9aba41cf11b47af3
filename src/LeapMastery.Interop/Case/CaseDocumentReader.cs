using System.Globalization;
using System.Text.Json;

namespace LeapMastery.Interop.Case;

/// <summary>Reads and checks the CFDocument: identifier and title are what a framework cannot do without.</summary>
internal static class CaseDocumentReader
{
    private const string Field = "CFDocument";

    public static CaseDocument? Read(JsonElement package, CaseJsonReader json)
    {
        if (CaseJsonReader.IsAbsent(package, Field, out var document))
        {
            json.Error(Field, "A CASE package needs a CFDocument.");
            return null;
        }
        if (document.ValueKind != JsonValueKind.Object)
        {
            json.Error(Field, $"CFDocument must be an object, not {CaseJsonReader.Describe(document)}.");
            return null;
        }

        var identifier = ReadIdentifier(document, json);
        var title = json.OptionalString(document, "title", Field);
        if (title is null && !CaseJsonReader.HasWrongType(document, "title"))
            json.Error($"{Field}.title", "CFDocument.title is required: it becomes the framework's title.");
        var uri = json.OptionalString(document, "uri", Field);
        var description = json.OptionalString(document, "description", Field);
        var version = json.OptionalString(document, "version", Field);
        var lastChange = ReadDateTime(document, "lastChangeDateTime", json);

        if (identifier is null || title is null)
            return null;
        return new CaseDocument(identifier, uri, title, description, version, lastChange,
            FrameworkCodeSlug.From(title, identifier));
    }

    private static string? ReadIdentifier(JsonElement document, CaseJsonReader json)
    {
        var raw = json.OptionalString(document, "identifier", Field);
        if (raw is null)
        {
            if (!CaseJsonReader.HasWrongType(document, "identifier"))
                json.Error($"{Field}.identifier", "CFDocument.identifier is required: it identifies the framework across re-imports.");
            return null;
        }
        if (CaseIdentifiers.TryCanonical(raw, out var canonical))
            return canonical;
        json.Error($"{Field}.identifier", $"'{Cut(raw)}' is not an identifier: {CaseIdentifiers.Rule}.");
        return null;
    }

    private static string Cut(string raw) => raw.Length > 80 ? raw[..80] + "…" : raw;

    private static DateTimeOffset? ReadDateTime(JsonElement document, string name, CaseJsonReader json)
    {
        var raw = json.OptionalString(document, name, Field);
        if (raw is null)
            return null;
        // Exports omit the offset (OpenSALT 2017: "2017-05-25T18:05:33"); CASE servers keep UTC, so read it as UTC.
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            return value;
        // Reported, not ignored: it is how a newer export of the same framework is told from an older one.
        json.Error($"{Field}.{name}", $"'{raw}' is not a date-time (ISO 8601, e.g. 2018-01-03T07:35:38+00:00).");
        return null;
    }
}
