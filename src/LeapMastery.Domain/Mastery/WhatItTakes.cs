using System.Globalization;

namespace LeapMastery.Domain.Mastery;

/// <summary>How far mastery is from where a learner stands on a competency (LD.3: assessed when ready).</summary>
public enum MasteryReach
{
    /// <summary>One more piece of evidence can do it: <see cref="WhatItTakes.Points"/> is the lowest score it needs.</summary>
    NextEvidence,
    /// <summary>One more cannot; <see cref="WhatItTakes.MoreAtTopScore"/> more at the scale's top score can.</summary>
    MoreEvidence,
    /// <summary>No sequence of up to <see cref="WhatItTakes.SearchLimit"/> more pieces, even all at the top score, reaches mastery.</summary>
    CannotBeReached,
}

/// <summary>
/// What it takes to reach mastery on a competency not yet mastered, under the policy in force (docs/mastery.md,
/// "What it takes"). The next evidence is taken to count (not a self-assessment, not awaiting validation), to be the most
/// recent, and, while the policy needs more modalities than the learner has shown, to come in a modality not used yet.
/// </summary>
/// <param name="Points">With <see cref="MasteryReach.NextEvidence"/>: the lowest score on the scale, to 2 decimals, that the next piece needs.</param>
/// <param name="Level">With <see cref="MasteryReach.NextEvidence"/>: the lowest level that, given as the next evidence, reaches mastery (null when no level does, though some points do).</param>
/// <param name="Fraction">With <see cref="MasteryReach.NextEvidence"/>: the lowest raw fraction (raw ÷ max, mapped linearly on the scale, without cut scores) that does it, to 2 decimals; null when no fraction is sure to (a method where a higher score can do worse).</param>
/// <param name="MoreAtTopScore">With <see cref="MasteryReach.MoreEvidence"/>: how many more pieces at the top score it takes.</param>
/// <param name="NewModalities">How many of those pieces must come in a modality the learner has not used yet.</param>
/// <param name="HigherCanFail">Some higher score than <see cref="Points"/> would fail to reach mastery (only under mode: a score that does not repeat the most frequent one).</param>
public sealed record WhatItTakes(
    MasteryReach Reach,
    decimal? Points,
    ProficiencyLevel? Level,
    decimal? Fraction,
    int? MoreAtTopScore,
    int NewModalities,
    bool HigherCanFail,
    string Explanation)
{
    /// <summary>How many more pieces of evidence the search considers.</summary>
    public const int SearchLimit = 100;

    private const decimal Step = 0.01m;

    /// <summary>What it takes, or null when the competency is mastered already.</summary>
    public static WhatItTakes? For(MasteryResult result, ProficiencyScale scale, CalculationPolicy policy)
    {
        if (result.Mastered) return null;
        var prior = result.Counted.Select(o => o.Score).ToList();
        var modalities = result.Modalities.Count;
        var newModalities = Math.Max(0, policy.MinModalities - modalities);
        var method = CalculationMethods.ToWireName(policy.Method);
        var monotone = policy.Method != CalculationMethod.Mode;

        bool MasteredWith(IReadOnlyList<decimal> more) => Masters(prior, more, modalities, scale, policy);

        // One more piece: the lowest score on the 0.01 grid of the scale that reaches mastery.
        if (Lowest(prior, scale, monotone, x => MasteredWith([x])) is { } points)
        {
            var level = scale.OrderedLevels.FirstOrDefault(l => MasteredWith([l.MinScore]));
            var span = scale.MaxPoints - scale.MinPoints;
            decimal? fraction = Math.Ceiling((points - scale.MinPoints) / span * 100m) / 100m;
            if (!monotone || !MasteredWith([scale.MinPoints + fraction.Value * span])) fraction = null;
            var higherCanFail = !monotone && Candidates(prior, scale, above: points).Any(x => !MasteredWith([x]));
            var text = $"The next piece of evidence reaches mastery under {method} with {Show(points)} points or more on the scale"
                + (level is null ? "" : $" (level {level.Code} {level.Label}{(fraction is null ? "" : $", or a raw score of {Show(fraction.Value * 100m)}% of its maximum")})")
                + (newModalities > 0 ? ", in a modality not used yet" : "")
                + (higherCanFail ? "; under mode a higher score can still fall short when it does not repeat the most frequent one." : ".");
            return new WhatItTakes(MasteryReach.NextEvidence, points, level, fraction, null, newModalities, higherCanFail, text);
        }

        // More than one: the fewest pieces at the top score (more of them never hurts under any method).
        var top = scale.MaxPoints;
        bool MasteredWithTop(int k) => MasteredWith(Enumerable.Repeat(top, k).ToList());
        var reachable = FirstTrue(2, SearchLimit, MasteredWithTop);
        if (reachable is { } k)
            return new WhatItTakes(MasteryReach.MoreEvidence, null, null, null, k, newModalities, false,
                $"One more piece of evidence cannot reach mastery under {method}; {k} more at the top score ({Show(top)}) can"
                + (newModalities > 0 ? $", {newModalities} of them in modalities not used yet." : "."));
        return new WhatItTakes(MasteryReach.CannotBeReached, null, null, null, null, newModalities, false,
            $"Mastery cannot be reached under {method}: not even {SearchLimit} more pieces of evidence, all at the top score ({Show(top)}), reach the threshold of {Show(scale.MasteryThreshold)}.");
    }

    /// <summary>Whether the prior counted scores followed by <paramref name="more"/> (the newest last) are mastery, as the calculator decides it.</summary>
    public static bool Masters(IReadOnlyList<decimal> prior, IReadOnlyList<decimal> more, int modalities, ProficiencyScale scale, CalculationPolicy policy)
    {
        var scores = prior.Concat(more).ToList();
        var count = scores.Count;
        if (count == 0 || count < policy.MinEvidence) return false;
        // Best case for modalities: each new piece brings one not used yet, while some are missing.
        if (modalities + more.Count < policy.MinModalities) return false;
        var score = ScoreRounding.Round(ScoreAggregation.Aggregate(scores, scale, policy).RawScore);
        return scale.IsMastery(score);
    }

    /// <summary>
    /// The lowest grid score that <paramref name="masters"/>: a binary search when a higher score never does worse, else
    /// the scores that can matter under mode (each prior score, repeated; the lowest new score from the threshold up).
    /// </summary>
    private static decimal? Lowest(IReadOnlyList<decimal> prior, ProficiencyScale scale, bool monotone, Func<decimal, bool> masters)
    {
        var steps = GridSteps(scale);
        if (monotone)
        {
            var first = FirstTrue(0, steps, i => masters(GridPoint(scale, i, steps)));
            return first is { } i ? GridPoint(scale, i, steps) : null;
        }
        return Candidates(prior, scale, above: null).Cast<decimal?>().FirstOrDefault(x => masters(x!.Value));
    }

    /// <summary>
    /// Under mode, the next scores (above <paramref name="above"/>, if given) that can behave differently, ascending:
    /// each prior score (repeating it raises its count), the top, and of the scores not among them the lowest one and the
    /// lowest from the threshold up. A new score counts once, so it decides the mode only when every score counts once,
    /// and then only by whether it is the highest: all new scores below the threshold do alike, and all from it up.
    /// </summary>
    private static SortedSet<decimal> Candidates(IReadOnlyList<decimal> prior, ProficiencyScale scale, decimal? above)
    {
        var steps = GridSteps(scale);
        var distinct = prior.Where(s => s >= scale.MinPoints && s <= scale.MaxPoints).ToHashSet();
        var floor = above ?? scale.MinPoints - Step;
        var candidates = new SortedSet<decimal>(distinct.Where(s => s > floor)) { scale.MaxPoints };
        void LowestNewFrom(decimal from)
        {
            for (var i = 0; i <= steps; i++)
            {
                var x = GridPoint(scale, i, steps);
                if (x >= from && x > floor && !distinct.Contains(x))
                {
                    candidates.Add(x);
                    return;
                }
            }
        }
        LowestNewFrom(scale.MinPoints);
        LowestNewFrom(scale.MasteryThreshold);
        candidates.RemoveWhere(x => x <= floor);
        return candidates;
    }

    /// <summary>How many 0.01 steps the scale spans; point <c>steps</c> is its top.</summary>
    private static int GridSteps(ProficiencyScale scale) => (int)Math.Floor((scale.MaxPoints - scale.MinPoints) / Step);

    /// <summary>The <paramref name="i"/>-th score of the scale's 0.01 grid (the last is the top, even when the span is not a whole number of steps).</summary>
    private static decimal GridPoint(ProficiencyScale scale, int i, int steps) => i >= steps ? scale.MaxPoints : scale.MinPoints + i * Step;

    /// <summary>The first <c>i</c> in [from, to] with <paramref name="holds"/>, for a predicate that once true stays true.</summary>
    private static int? FirstTrue(int from, int to, Func<int, bool> holds)
    {
        if (from > to || !holds(to)) return null;
        var (lo, hi) = (from, to);
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (holds(mid)) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static string Show(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
