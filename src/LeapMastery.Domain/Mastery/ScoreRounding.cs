using System.Globalization;

namespace LeapMastery.Domain.Mastery;

public static class ScoreRounding
{
    /// <summary>2 decimals, half away from zero (MASTERY §4): 3.3875 → 3.39, 2.495 → 2.50.</summary>
    // Adding 0.00m gives every result exactly two decimals (2.6 → 2.60), so it serializes the way the spec writes it.
    public static decimal Round(decimal score) => Math.Round(score, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>A score as people write it in an explanation: invariant culture, no trailing zeros.</summary>
    internal static string Show(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    internal static string Show(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    internal static string Show(IEnumerable<decimal> values) => string.Join(", ", values.Select(Show));
}
