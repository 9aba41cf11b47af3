namespace LeapMastery.Interop.Case;

/// <summary>
/// CASE identifiers as the field publishes them. CASE says UUID, and most exports follow it, in either letter case: a UUID
/// is kept in lower-case canonical form, so two spellings of one UUID match. Published packages also use other
/// identifiers (the Common Core packages from OpenSALT and ASN use ASN URIs such as
/// <c>http://purl.org/ASN/resources/S114340A</c> for the document and every item): those are kept exactly as given
/// (trimmed) and matched exactly on re-import.
/// </summary>
internal static class CaseIdentifiers
{
    /// <summary>The longest identifier accepted (a URI is rarely longer than a few hundred characters).</summary>
    public const int MaxLength = 2048;

    public static bool TryCanonical(string raw, out string canonical)
    {
        var trimmed = raw.Trim();
        if (Guid.TryParseExact(trimmed, "D", out var guid))
        {
            canonical = guid.ToString("D");
            return true;
        }
        canonical = trimmed;
        return trimmed.Length is > 0 and <= MaxLength && !trimmed.Any(char.IsControl);
    }

    /// <summary>Why <paramref name="raw"/> is not an identifier (for the error message).</summary>
    public static string Rule => $"an identifier is a UUID or another non-empty string (an ASN URI, say) of at most {MaxLength} characters without control characters";

    /// <summary>
    /// For references (an association's nodes), which may point outside CASE altogether: a UUID in canonical form,
    /// anything else trimmed but as given.
    /// </summary>
    public static string Reference(string raw) => TryCanonical(raw, out var canonical) ? canonical : raw.Trim();

    /// <summary>
    /// A short, readable form for a code: the first 8 hex digits of a UUID; the last segment of a URI
    /// (<c>S114340A</c> of <c>http://purl.org/ASN/resources/S114340A</c>); else the first 24 characters, each kept to
    /// letters, digits, '.', '_' and '-'.
    /// </summary>
    public static string Short(string canonical)
    {
        if (Guid.TryParseExact(canonical, "D", out _)) return canonical[..8];
        var tail = Uri.TryCreate(canonical, UriKind.Absolute, out var uri)
            ? uri.Segments.Select(s => s.Trim('/')).LastOrDefault(s => s.Length > 0) ?? uri.Host
            : canonical;
        var kept = new string(tail.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('-');
        if (kept.Length == 0) kept = "item";
        return kept.Length > 24 ? kept[..24] : kept;
    }
}
