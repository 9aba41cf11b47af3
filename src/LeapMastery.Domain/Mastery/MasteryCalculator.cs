using System.Globalization;

namespace LeapMastery.Domain.Mastery;

/// <summary>From a learner's evidence on one competency to a score, a level and mastery (MASTERY §3–4).</summary>
public static class MasteryCalculator
{
    /// <param name="observations">All evidence for the learner × competency, counted or not, corrections applied.</param>
    /// <exception cref="ArgumentException">The scale or policy is invalid; they are validated when a framework is saved.</exception>
    public static MasteryResult Calculate(
        IReadOnlyList<EvidenceObservation> observations, ProficiencyScale scale, CalculationPolicy policy)
    {
        ThrowIfInvalid(ProficiencyScale.Validate(scale), nameof(scale));
        ThrowIfInvalid(CalculationPolicy.Validate(policy, "policy"), nameof(policy));

        var selection = EvidenceSelection.Select(observations, policy);
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
        var mastered = rules.All(r => r.Met);
        var status = score is null ? MasteryStatus.NotYetAssessed
            : mastered ? MasteryStatus.Mastered
            : MasteryStatus.InProgress;

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
            MasteryRules: rules);
    }

    private static void ThrowIfInvalid(IReadOnlyList<DomainError> errors, string parameter)
    {
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), parameter);
    }
}
