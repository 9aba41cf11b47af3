namespace LeapMastery.Interop.Case;

/// <summary>
/// CASE identifiers are UUIDs; exports differ in letter case, so every identifier is kept in lower-case canonical form
/// and two spellings of one UUID match.
/// </summary>
internal static class CaseIdentifiers
{
    public static bool TryCanonical(string raw, out string canonical)
    {
        if (Guid.TryParseExact(raw.Trim(), "D", out var guid))
        {
            canonical = guid.ToString("D");
            return true;
        }
        canonical = raw;
        return false;
    }

    /// <summary>
    /// For references (an association's nodes), which may point outside CASE altogether: a UUID in canonical form,
    /// anything else trimmed but as given.
    /// </summary>
    public static string Reference(string raw) => TryCanonical(raw, out var canonical) ? canonical : raw.Trim();

    /// <summary>The first 8 hex digits: short enough to read in a code, unique enough in one framework.</summary>
    public static string Short(string canonical) => canonical.Length > 8 ? canonical[..8] : canonical;
}
