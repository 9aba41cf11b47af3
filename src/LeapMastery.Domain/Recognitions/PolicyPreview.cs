using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Domain.Recognitions;

/// <summary>How a learner's mastery of a competency would move under a previewed policy.</summary>
public enum MasteryChange
{
    Gains,
    Loses,
    KeepsMastery,
    StaysNotMastered,
}

/// <summary>One learner × competency under the policy in force and under the previewed one.</summary>
public sealed record CompetencyPreview(CompetencyDefinition Competency, MasteryResult Current, MasteryResult Previewed)
{
    public MasteryChange Change => (Current.Mastered, Previewed.Mastered) switch
    {
        (false, true) => MasteryChange.Gains,
        (true, false) => MasteryChange.Loses,
        (true, true) => MasteryChange.KeepsMastery,
        _ => MasteryChange.StaysNotMastered,
    };
}

/// <summary>An award the learner holds that a previewed policy would flag for review.</summary>
public sealed record FlaggedAward(Guid AwardId, Guid RecognitionId);

/// <summary>
/// What a policy change would do to one learner: each competency they have evidence on, the recognitions it would award,
/// the awards it would flag for review, and the flagged awards whose review it would clear (criteria met again).
/// </summary>
public sealed record LearnerPolicyPreview(
    string LearnerId, IReadOnlyList<CompetencyPreview> Competencies, IReadOnlyList<Guid> Earned, IReadOnlyList<FlaggedAward> Flagged, IReadOnlyList<FlaggedAward> Cleared);

/// <summary>The totals of a preview over a group.</summary>
public sealed record PolicyPreviewTotals(int Learners, int Gains, int Loses, int KeepsMastery, int StaysNotMastered, int RecognitionsEarned, int AwardsFlagged, int ReviewsCleared)
{
    public static PolicyPreviewTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public PolicyPreviewTotals Add(LearnerPolicyPreview learner) => new(
        Learners + 1,
        Gains + learner.Competencies.Count(c => c.Change == MasteryChange.Gains),
        Loses + learner.Competencies.Count(c => c.Change == MasteryChange.Loses),
        KeepsMastery + learner.Competencies.Count(c => c.Change == MasteryChange.KeepsMastery),
        StaysNotMastered + learner.Competencies.Count(c => c.Change == MasteryChange.StaysNotMastered),
        RecognitionsEarned + learner.Earned.Count,
        AwardsFlagged + learner.Flagged.Count,
        ReviewsCleared + learner.Cleared.Count);
}

/// <summary>
/// A policy change previewed before it is made (nothing is written): the framework as it would be, and per learner
/// exactly what a revision to it would decide (the progress of <see cref="LearnerConsequences.RevisionProgress"/> and
/// <see cref="LearnerConsequences.Decide(IReadOnlyList{FrameworkProgress}, IReadOnlyList{FrameworkProgress}, LearnerRecord, IReadOnlyList{RecognitionInForce}, Instant, string, Func{Guid})"/>,
/// the two steps of the <see cref="LearnerConsequences.DecideRevision"/> the recomputation runs), so a preview is what
/// applying the policy then gives.
/// </summary>
public static class PolicyPreview
{
    /// <summary>The framework with the previewed default policy and mastery threshold (competency-level policies stay as they are).</summary>
    public static FrameworkDefinition Proposed(FrameworkDefinition current, CalculationPolicy? policy, decimal? masteryThreshold) => current with
    {
        Policy = policy ?? current.Policy,
        Scale = masteryThreshold is { } threshold ? current.Scale with { MasteryThreshold = threshold } : current.Scale,
    };

    /// <summary>Field errors of a previewed framework (its scale and policy, as a revision would be checked).</summary>
    public static IReadOnlyList<DomainError> Validate(FrameworkDefinition proposed) =>
        [.. ProficiencyScale.Validate(proposed.Scale, "scale"), .. CalculationPolicy.Validate(proposed.Policy, "policy")];

    public static LearnerPolicyPreview ForLearner(
        LearnerRecord record, FrameworkInForce current, FrameworkInForce proposed, IReadOnlyList<FrameworkInForce> others, IReadOnlyList<RecognitionInForce> recognitions,
        Instant now)
    {
        // The revision's own progress and decision (DecideRevision is these two steps), computed once.
        var (before, after) = LearnerConsequences.RevisionProgress(record, current, proposed, others, now);
        var previewed = after[0].Competencies.ToDictionary(c => c.Competency.Id);
        var competencies = before[0].Competencies
            .Where(c => c.Result.CountedCount > 0 || c.Result.Excluded.Count > 0)
            .Select(c => new CompetencyPreview(c.Competency, c.Result, previewed[c.Competency.Id].Result))
            .ToList();
        var following = LearnerConsequences.Decide(before, after, record, recognitions, now, "preview", () => Guid.Empty);
        var recognitionOf = record.AllAwards.ToDictionary(a => a.Awarded.AwardId, a => a.Awarded.RecognitionId);
        return new LearnerPolicyPreview(record.LearnerId, competencies,
            following.OfType<RecognitionAwarded>().Select(a => a.RecognitionId).ToList(),
            following.OfType<RecognitionFlaggedForReview>().Select(f => new FlaggedAward(f.AwardId, recognitionOf.GetValueOrDefault(f.AwardId))).ToList(),
            following.OfType<RecognitionReviewCleared>().Select(f => new FlaggedAward(f.AwardId, recognitionOf.GetValueOrDefault(f.AwardId))).ToList());
    }
}
