using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace LeapMastery.Interop.Results;

/// <summary>Lenient reads of standard payloads (OneRoster, LTI AGS, xAPI) that record what is wrong instead of throwing.</summary>
public sealed class JsonFields(JsonElement root)
{
    public List<LeapMastery.Domain.DomainError> Errors { get; } = [];

    public JsonElement? Get(string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out var next) || next.ValueKind == JsonValueKind.Null)
                return null;
            current = next;
        }
        return current;
    }

    public string? String(string path, bool required = false)
    {
        var e = Get(path);
        if (e is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString())) return s.GetString();
        if (e is not null) Errors.Add(new(path, "Must be a non-empty string."));
        else if (required) Errors.Add(new(path, "Required."));
        return null;
    }

    public decimal? Number(string path, bool required = false)
    {
        var e = Get(path);
        if (e is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var d)) return d;
        // Some senders quote numbers; accept them when they parse.
        if (e is { ValueKind: JsonValueKind.String } s && decimal.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        if (e is not null) Errors.Add(new(path, "Must be a number."));
        else if (required) Errors.Add(new(path, "Required."));
        return null;
    }

    /// <summary>An ISO-8601 instant, or a date (taken as midnight UTC).</summary>
    public Instant? Instant(string path)
    {
        if (String(path) is not { } text) return null;
        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success) return instant.Value;
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success) return offset.Value.ToInstant();
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success) return date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        Errors.Add(new(path, "Must be an ISO-8601 date-time, e.g. 2026-03-01T14:30:00Z."));
        return null;
    }

    /// <summary>A body that is one object or an array of them, optionally wrapped in a named property.</summary>
    public static List<JsonElement> Items(JsonElement body, string? wrapper = null, string? singleWrapper = null)
    {
        if (wrapper is not null && body.ValueKind == JsonValueKind.Object && body.TryGetProperty(wrapper, out var many) && many.ValueKind == JsonValueKind.Array)
            return many.EnumerateArray().ToList();
        if (singleWrapper is not null && body.ValueKind == JsonValueKind.Object && body.TryGetProperty(singleWrapper, out var one))
            return [one];
        return body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [body];
    }
}
