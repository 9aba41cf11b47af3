using System.Diagnostics.CodeAnalysis;

namespace LeapMastery.Domain.Mastery;

/// <summary>Wire names and parameters of the calculation methods.</summary>
public static class CalculationMethods
{
    public const string K = "k";
    public const string W = "w";
    public const string N = "n";

    private static readonly IReadOnlyDictionary<CalculationMethod, string> WireNames = new Dictionary<CalculationMethod, string>
    {
        [CalculationMethod.Highest] = "highest",
        [CalculationMethod.MostRecent] = "mostRecent",
        [CalculationMethod.Average] = "average",
        [CalculationMethod.RecentAverage] = "recentAverage",
        [CalculationMethod.WeightedAverage] = "weightedAverage",
        [CalculationMethod.DecayingAverage] = "decayingAverage",
        [CalculationMethod.NTimes] = "nTimes",
        [CalculationMethod.Mode] = "mode",
        [CalculationMethod.RecentMedian] = "recentMedian",
        [CalculationMethod.PowerLaw] = "powerLaw",
    };

    private static readonly IReadOnlyDictionary<string, CalculationMethod> ByWireName =
        WireNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, decimal> None = new Dictionary<string, decimal>();

    public static IReadOnlyList<CalculationMethod> All { get; } = Enum.GetValues<CalculationMethod>();

    public static string ToWireName(CalculationMethod method) =>
        WireNames.TryGetValue(method, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown calculation method.");

    /// <summary>Parses an exact wire name (<c>nTimes</c>, not <c>NTimes</c> or <c>ntimes</c>), as JSON is camelCase.</summary>
    public static bool TryParse([NotNullWhen(true)] string? wireName, out CalculationMethod method)
    {
        method = default;
        return wireName is not null && ByWireName.TryGetValue(wireName, out method);
    }

    /// <summary>The parameters a method accepts, with their defaults; methods without parameters accept none.</summary>
    public static IReadOnlyDictionary<string, decimal> DefaultParameters(CalculationMethod method) => method switch
    {
        CalculationMethod.RecentAverage => new Dictionary<string, decimal> { [K] = 3m },
        CalculationMethod.WeightedAverage or CalculationMethod.DecayingAverage => new Dictionary<string, decimal> { [W] = 0.65m },
        CalculationMethod.NTimes => new Dictionary<string, decimal> { [N] = 3m },
        CalculationMethod.RecentMedian => new Dictionary<string, decimal> { [K] = 5m },
        _ => None,
    };
}
