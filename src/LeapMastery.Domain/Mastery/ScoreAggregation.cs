using static LeapMastery.Domain.Mastery.ScoreRounding;

namespace LeapMastery.Domain.Mastery;

/// <summary>
/// The calculation methods of MASTERY §4 over the counted scores s1…sn (oldest first), unrounded. Everything is
/// computed in decimal so that rounding to 2 decimals afterwards is exact; only powerLaw needs ln/exp and uses double.
/// </summary>
public static class ScoreAggregation
{
    public static AggregatedScore Aggregate(IReadOnlyList<decimal> scores, ProficiencyScale scale, CalculationPolicy policy)
    {
        if (scores.Count == 0)
            throw new ArgumentException("There is no score to calculate without counted evidence.", nameof(scores));

        return policy.Method switch
        {
            CalculationMethod.Highest => Highest(scores),
            CalculationMethod.MostRecent => MostRecent(scores),
            CalculationMethod.Average => Average(scores),
            CalculationMethod.RecentAverage => RecentAverage(scores, WholeParameter(policy, CalculationMethods.K)),
            CalculationMethod.WeightedAverage => WeightedAverage(scores, policy.Parameter(CalculationMethods.W)),
            CalculationMethod.DecayingAverage => DecayingAverage(scores, policy.Parameter(CalculationMethods.W)),
            CalculationMethod.NTimes => NTimes(scores, WholeParameter(policy, CalculationMethods.N), scale),
            CalculationMethod.Mode => Mode(scores),
            CalculationMethod.RecentMedian => RecentMedian(scores, WholeParameter(policy, CalculationMethods.K)),
            CalculationMethod.PowerLaw => PowerLaw(scores, scale),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Method, "Unknown calculation method."),
        };
    }

    private static AggregatedScore Highest(IReadOnlyList<decimal> s)
    {
        var max = s.Max();
        return new(max, [$"max({Show(s)}) = {Show(max)}"]);
    }

    private static AggregatedScore MostRecent(IReadOnlyList<decimal> s) =>
        new(s[^1], [$"most recent s{s.Count} = {Show(s[^1])}"]);

    private static AggregatedScore Average(IReadOnlyList<decimal> s)
    {
        var mean = Mean(s);
        return new(mean, [$"({string.Join(" + ", s.Select(Show))}) / {s.Count} = {Show(mean)}"]);
    }

    private static AggregatedScore RecentAverage(IReadOnlyList<decimal> s, int k)
    {
        var recent = Last(s, k);
        var mean = Mean(recent);
        return new(mean,
        [
            $"last min(k = {k}, n = {s.Count}) = {recent.Count} scores: {Show(recent)}",
            $"({string.Join(" + ", recent.Select(Show))}) / {recent.Count} = {Show(mean)}",
        ]);
    }

    private static AggregatedScore WeightedAverage(IReadOnlyList<decimal> s, decimal w)
    {
        if (s.Count == 1)
            return new(s[0], [$"n = 1: result = s1 = {Show(s[0])}"]);

        var earlier = s.Take(s.Count - 1).ToList();
        var earlierMean = Mean(earlier);
        var result = w * s[^1] + (1 - w) * earlierMean;
        return new(result,
        [
            $"mean(s1…s{earlier.Count}) = ({string.Join(" + ", earlier.Select(Show))}) / {earlier.Count} = {Show(earlierMean)}",
            $"{Show(w)}·{Show(s[^1])} + {Show(1 - w)}·{Show(earlierMean)} = {Show(result)}",
        ]);
    }

    private static AggregatedScore DecayingAverage(IReadOnlyList<decimal> s, decimal w)
    {
        var d = s[0];
        var steps = new List<string> { $"d1 = s1 = {Show(d)}" };
        for (var k = 1; k < s.Count; k++)
        {
            var next = w * s[k] + (1 - w) * d;
            steps.Add($"d{k + 1} = {Show(w)}·{Show(s[k])} + {Show(1 - w)}·{Show(d)} = {Show(next)}");
            d = next;
        }

        return new(d, steps);
    }

    private static AggregatedScore NTimes(IReadOnlyList<decimal> s, int n, ProficiencyScale scale)
    {
        var threshold = scale.MasteryThreshold;
        var reaching = s.Where(score => score >= threshold).ToList();
        var m = reaching.Count;
        var steps = new List<string>
        {
            $"scores ≥ threshold {Show(threshold)}: {(m == 0 ? "none" : Show(reaching))} (m = {m})",
        };

        if (m >= n)
        {
            var recent = Last(reaching, n);
            var mean = Mean(recent);
            steps.Add($"m = {m} ≥ n = {n}: mean of the {n} most recent of them: ({string.Join(" + ", recent.Select(Show))}) / {n} = {Show(mean)}");
            return new(mean, steps);
        }

        var max = s.Max();
        // "Just below mastery"; the floor only matters when the threshold sits within 0.01 of minPoints.
        var cap = Math.Max(scale.MinPoints, threshold - 0.01m);
        var capped = Math.Min(max, cap);
        steps.Add($"m = {m} < n = {n}: min(max({Show(s)}) = {Show(max)}, threshold − 0.01 = {Show(cap)}) = {Show(capped)}");
        return new(capped, steps);
    }

    private static AggregatedScore Mode(IReadOnlyList<decimal> s)
    {
        var frequencies = s.GroupBy(score => score)
            .Select(g => (Score: g.Key, Count: g.Count()))
            .OrderByDescending(f => f.Count)
            .ThenByDescending(f => f.Score)
            .ToList();
        var mode = frequencies[0];
        return new(mode.Score,
        [
            $"frequencies: {string.Join(", ", frequencies.Select(f => $"{Show(f.Score)} ×{f.Count}"))}",
            $"most frequent (a tie goes to the higher score): {Show(mode.Score)}",
        ]);
    }

    private static AggregatedScore RecentMedian(IReadOnlyList<decimal> s, int k)
    {
        var recent = Last(s, k);
        var sorted = recent.Order().ToList();
        var middle = sorted.Count / 2;
        var steps = new List<string>
        {
            $"last min(k = {k}, n = {s.Count}) = {recent.Count} scores: {Show(recent)}",
            $"sorted: {Show(sorted)}",
        };

        if (sorted.Count % 2 == 1)
        {
            steps.Add($"median = {Show(sorted[middle])}");
            return new(sorted[middle], steps);
        }

        var median = (sorted[middle - 1] + sorted[middle]) / 2;
        steps.Add($"median = ({Show(sorted[middle - 1])} + {Show(sorted[middle])}) / 2 = {Show(median)}");
        return new(median, steps);
    }

    private static AggregatedScore PowerLaw(IReadOnlyList<decimal> s, ProficiencyScale scale)
    {
        if (s.Count < 3)
        {
            var average = Average(s);
            return average with { Steps = [$"n = {s.Count} < 3: average", .. average.Steps] };
        }

        // ln is undefined at 0, so low scores are lifted to 1% of the scale before fitting.
        var floor = 0.01m * scale.MaxPoints;
        var lifted = s.Select(score => Math.Max(score, floor)).ToList();
        var n = lifted.Count;
        double sumX = 0, sumY = 0, sumXy = 0, sumXx = 0;
        for (var k = 1; k <= n; k++)
        {
            var x = Math.Log(k);
            var y = Math.Log((double)lifted[k - 1]);
            sumX += x;
            sumY += y;
            sumXy += x * y;
            sumXx += x * x;
        }

        var b = (n * sumXy - sumX * sumY) / (n * sumXx - sumX * sumX);
        var lnA = (sumY - b * sumX) / n;
        var fitted = Math.Exp(lnA + b * Math.Log(n));
        var result = fitted >= (double)scale.MaxPoints ? scale.MaxPoints
            : fitted <= (double)scale.MinPoints ? scale.MinPoints
            : (decimal)fitted;

        return new(result,
        [
            $"s' = max(s, {Show(floor)}): {Show(lifted)}",
            $"least squares of ln(s') = ln(a) + b·ln(k), k = 1…{n}: a = {Show(Math.Exp(lnA))}, b = {Show(b)}",
            $"a·n^b = {Show(Math.Exp(lnA))}·{n}^{Show(b)} = {Show(fitted)}",
            $"clamped to [{Show(scale.MinPoints)}, {Show(scale.MaxPoints)}]: {Show(result)}",
        ]);
    }

    private static decimal Mean(IReadOnlyCollection<decimal> scores) => scores.Sum() / scores.Count;

    private static List<decimal> Last(IReadOnlyList<decimal> scores, int count) =>
        scores.Skip(Math.Max(0, scores.Count - count)).ToList();

    private static int WholeParameter(CalculationPolicy policy, string name) => (int)policy.Parameter(name);
}
