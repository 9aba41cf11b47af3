using System.Text.Json;
using LeapMastery.Domain;

namespace LeapMastery.Interop.Case;

/// <summary>
/// Typed reads of the package's JSON that record a problem instead of throwing, so one pass reports every problem.
/// JSON null counts as absent: exports write <c>"description": null</c> for fields they do not have.
/// </summary>
internal sealed class CaseJsonReader
{
    private readonly List<DomainError> errors = [];

    public IReadOnlyList<DomainError> Errors => errors;

    public void Error(string field, string message) => errors.Add(new(field, message));

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static bool IsAbsent(JsonElement obj, string name, out JsonElement value) =>
        !obj.TryGetProperty(name, out value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>Whether a property is there but not a string; <see cref="OptionalString"/> has reported it already,
    /// so "is required" on top would only be noise.</summary>
    public static bool HasWrongType(JsonElement obj, string name) =>
        !IsAbsent(obj, name, out var value) && value.ValueKind != JsonValueKind.String;

    /// <summary>A string property, trimmed; null when absent or blank. Any other JSON type is an error.</summary>
    public string? OptionalString(JsonElement obj, string name, string parent)
    {
        if (IsAbsent(obj, name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(Path(parent, name), $"{name} must be a string, not {Describe(value)}.");
            return null;
        }
        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// A whole number, also when written as a string of digits: OpenSALT's 2017 exports write <c>"sequenceNumber": "1"</c>.
    /// </summary>
    public int? OptionalWholeNumber(JsonElement obj, string name, string parent)
    {
        if (IsAbsent(obj, name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            return number;
        if (value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0)
            return null;
        Error(Path(parent, name), $"{name} must be a whole number, not {Describe(value)}.");
        return null;
    }

    /// <summary>
    /// A node reference: a link object or a plain URI string (see <see cref="CaseNodeRef"/>). Null when absent (an
    /// error if <paramref name="required"/>) or malformed (always an error).
    /// </summary>
    public CaseNodeRef? NodeRef(JsonElement obj, string name, string parent, bool required)
    {
        var field = Path(parent, name);
        if (IsAbsent(obj, name, out var value))
        {
            if (required)
                Error(field, $"{name} is required.");
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var uri = value.GetString()!.Trim();
                if (uri.Length > 0)
                    return new CaseNodeRef(null, uri, null);
                Error(field, $"{name} must not be empty.");
                return null;
            case JsonValueKind.Object:
                var before = errors.Count;
                var identifier = OptionalString(value, "identifier", field);
                var linkUri = OptionalString(value, "uri", field);
                var title = OptionalString(value, "title", field);
                // A half-read link would only produce a second, confusing error ("not a CFItem") further on.
                if (errors.Count > before)
                    return null;
                if (identifier is not null || linkUri is not null)
                    return new CaseNodeRef(identifier, linkUri, title);
                Error(field, $"{name} needs an identifier or a uri.");
                return null;
            default:
                Error(field, $"{name} must be a link object ({{ title, identifier, uri }}) or a URI string, not {Describe(value)}.");
                return null;
        }
    }

    /// <summary>
    /// The title of a link object, or null; never an error. For links the mapping can do without (CFItemTypeURI), a
    /// malformed one must not block an import.
    /// </summary>
    public static string? LinkTitle(JsonElement obj, string name) =>
        !IsAbsent(obj, name, out var value)
        && value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("title", out var title)
        && title.ValueKind == JsonValueKind.String
        && title.GetString()!.Trim() is { Length: > 0 } text
            ? text
            : null;

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
