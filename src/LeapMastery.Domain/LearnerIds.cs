using System.Text.RegularExpressions;

namespace LeapMastery.Domain;

/// <summary>A learner is identified by the SIS sourcedId: 1 to 128 URL-safe characters, nothing personal.</summary>
public static partial class LearnerIds
{
    public const string Pattern = "^[A-Za-z0-9._~:-]{1,128}$";

    public static bool IsValid(string? id) => id is not null && Valid().IsMatch(id);

    [GeneratedRegex(Pattern)]
    private static partial Regex Valid();
}
