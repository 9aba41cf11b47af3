namespace LeapMastery.Interop.Case;

/// <summary>
/// Competency codes, unique within the framework as FrameworkRules demand:
/// <list type="bullet">
/// <item>the humanCodingScheme when the item has one and no other item shares it;</item>
/// <item>a shared humanCodingScheme → <c>{humanCodingScheme}-{first 8 of identifier}</c>, so every holder stays
/// readable and none wins by its place in the file (which could change between exports);</item>
/// <item>no humanCodingScheme → <c>case-{first 8 of identifier}</c>.</item>
/// </list>
/// Should a fallback collide anyway (two UUIDs sharing 8 digits, or a publisher code that looks like a fallback), the
/// whole identifier is used, then a counter.
/// </summary>
internal static class CompetencyCodes
{
    public static IReadOnlyDictionary<string, string> Assign(IReadOnlyList<CaseItemSource> items)
    {
        var holders = items.Where(i => i.HumanCodingScheme is not null)
            .GroupBy(i => i.HumanCodingScheme!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        bool IsUnique(CaseItemSource i) => i.HumanCodingScheme is { } code && holders[code] == 1;

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        // Publisher codes first, so a fallback can never take a code the publisher gave.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Where(IsUnique))
        {
            codes[item.Identifier] = item.HumanCodingScheme!;
            taken.Add(item.HumanCodingScheme!);
        }

        foreach (var item in items.Where(i => !IsUnique(i)))
        {
            var stem = item.HumanCodingScheme is { } shared ? $"{shared}-" : "case-";
            var code = FirstFree(taken, $"{stem}{CaseIdentifiers.Short(item.Identifier)}", $"{stem}{item.Identifier}");
            codes[item.Identifier] = code;
            taken.Add(code);
        }
        return codes;
    }

    private static string FirstFree(HashSet<string> taken, string preferred, string longer)
    {
        if (!taken.Contains(preferred)) return preferred;
        if (!taken.Contains(longer)) return longer;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{longer}-{n}"))
                return $"{longer}-{n}";
    }
}
