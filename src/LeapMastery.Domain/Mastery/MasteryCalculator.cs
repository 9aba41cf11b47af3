using System.Globalization;
using NodaTime;

namespace LeapMastery.Domain.Mastery;

/// <summary>From a learner's evidence on one competency to a score, a level and mastery (MASTERY §3–4).</summary>
public static class MasteryCalculator
{
    /// <param name="observations">All evidence for the learner × competency, counted or not, corrections applied.</param>
    /// <param name="at">
    /// The moment the answer is for: the recency window and the validity period (docs/mastery.md §10) are measured back from it. A
    /// policy with either needs it.
    /// </param>
    /// <exception cref="ArgumentException">The scale or policy is invalid; they are validated when a framework is saved.</exception>
    public static MasteryResult Calculate(
        IReadOnlyList<EvidenceObservation> observations, ProficiencyScale scale, CalculationPolicy policy, Instant? at = null)
    {
        ThrowIfInvalid(ProficiencyScale.Validate(scale), nameof(scale));
        ThrowIfInvalid(CalculationPolicy.Validate(policy, "policy"), nameof(policy));
        if (policy.DependsOnTime && at is null)
            throw new ArgumentException("A policy with a recency window or a validity period needs the moment of the answer.", nameof(at));

        var selection = EvidenceSelection.Select(observations, policy, at);
        var counted = selection.Counted;
        var modalities = counted.Select(o => o.Modality).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        AggregatedScore? aggregated = counted.Count == 0
            ? null
            : ScoreAggregation.Aggregate(counted.Select(o => o.Score).ToList(), scale, policy);
        // Level and mastery are decided on the rounded score, the one people see.
        decimal? score = aggregated is null ? null : ScoreRounding.Round(aggregated.RawScore);

        var rules = new List<MasteryRule>
        {
            new(MasteryRule.Score, scale.MasteryThreshold, score, score is { } s && scale.IsMastery(s)),
            new(MasteryRule.MinEvidence, policy.MinEvidence, counted.Count, counted.Count >= policy.MinEvidence),
            new(MasteryRule.MinModalities, policy.MinModalities, modalities.Count, modalities.Count >= policy.MinModalities),
        };
        var shown = rules.All(r => r.Met);
        Instant? lapsesAt = null;
        if (policy.MasteryValidForDays is { } validFor && counted.Count > 0)
        {
            var newest = counted.Max(o => o.OccurredAt);
            var age = (int)Math.Floor((at!.Value - newest).TotalDays);
            if (shown) lapsesAt = newest + Duration.FromDays(validFor);
            rules.Add(new(MasteryRule.RenewedWithin, validFor, Math.Max(age, 0), at.Value <= newest + Duration.FromDays(validFor)));
        }
        var mastered = rules.All(r => r.Met);
        var status = score is null ? MasteryStatus.NotYetAssessed
            : mastered ? MasteryStatus.Mastered
            : shown ? MasteryStatus.Lapsed
            : MasteryStatus.InProgress;

        // Time alone changes the answer when a counted piece of evidence leaves the window, or when mastery lapses.
        var changes = new List<Instant>();
        if (policy.RecencyWindowDays is { } window) changes.AddRange(counted.Select(o => o.OccurredAt + Duration.FromDays(window)));
        if (mastered && lapsesAt is { } lapse) changes.Add(lapse);

        return new MasteryResult(
            Score: score,
            RawScore: aggregated?.RawScore,
            Level: score is { } rounded ? scale.LevelFor(rounded) : null,
            Mastered: mastered,
            Status: status,
            CountedCount: counted.Count,
            Modalities: modalities,
            Counted: counted,
            Excluded: selection.Excluded,
            Method: policy.Method,
            Parameters: policy.EffectiveParameters,
            MasteryThreshold: scale.MasteryThreshold,
            Steps: aggregated is null
                ? ["no counted evidence: not yet assessed"]
                : [.. aggregated.Steps, $"rounded to 2 decimals: {score!.Value.ToString("0.00", CultureInfo.InvariantCulture)}"],
            MasteryRules: rules,
            LapsesAt: lapsesAt,
            ChangesAfter: changes.Count == 0 ? null : changes.Min());
    }

    private static void ThrowIfInvalid(IReadOnlyList<DomainError> errors, string parameter)
    {
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), parameter);
    }
}
