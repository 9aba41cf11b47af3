using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Domain.Recognitions;

/// <summary>A framework in force, as the write path sees it.</summary>
public sealed record FrameworkInForce(Guid FrameworkId, int Version, FrameworkDefinition Definition);

/// <summary>A recognition a learner can earn.</summary>
public sealed record RecognitionInForce(Guid RecognitionId, RecognitionDefinition Definition);

/// <summary>
/// What follows from a change to a learner's record, decided in the same transaction as the change: competencies whose
/// level or mastery changed (for the SIS change feed), recognitions whose criteria are now first met (awarded once,
/// whatever the path), and awarded ones whose criteria are no longer met (flagged for review, never taken away).
/// </summary>
public static class LearnerConsequences
{
    /// <summary>After a write: the same frameworks, the record before and after the new events.</summary>
    public static IReadOnlyList<object> Decide(
        LearnerRecord before, LearnerRecord after, IReadOnlyList<FrameworkInForce> frameworks, IReadOnlyList<RecognitionInForce> recognitions,
        Instant now, string by, Func<Guid> newId) =>
        Decide(Progress(before, frameworks, now), Progress(after, frameworks, now), after, recognitions, now, by, newId);

    /// <summary>
    /// When time alone changed a learner's answers (docs/mastery.md §10: evidence left a recency window, mastery lapsed): each competency
    /// in <paramref name="heldThrough"/> as it stood at the last moment its stored answer held, against now; what follows from
    /// the difference (the change feed's masteryLapsed, recognitions flagged for review, never taken away).
    /// </summary>
    public static IReadOnlyList<object> DecideTimePassed(
        LearnerRecord record, IReadOnlyList<FrameworkInForce> frameworks, IReadOnlyDictionary<Guid, Instant> heldThrough,
        IReadOnlyList<RecognitionInForce> recognitions, Instant now, string by, Func<Guid> newId)
    {
        var after = Progress(record, frameworks, now);
        var then = heldThrough.Values.Distinct().ToDictionary(t => t, t => Progress(record, frameworks, t));
        var before = after.Select((f, i) => f with
        {
            Competencies = f.Competencies.Select(c => heldThrough.TryGetValue(c.Competency.Id, out var t) ? then[t][i].Find(c.Competency.Id) ?? c : c).ToList(),
        }).ToList();
        return Decide(before, after, record, recognitions, now, by, newId,
            "Time passed: mastery this recognition's criteria need lapsed without renewal, or its evidence left the policy's recency window.");
    }

    /// <summary>
    /// After a framework's revision (or to preview one): the learner's progress under the previous and the current version,
    /// with the other frameworks recognitions look at unchanged, and what follows from the difference.
    /// </summary>
    public static IReadOnlyList<object> DecideRevision(
        LearnerRecord record, FrameworkInForce previous, FrameworkInForce current, IReadOnlyList<FrameworkInForce> others,
        IReadOnlyList<RecognitionInForce> recognitions, Instant now, string by, Func<Guid> newId)
    {
        var (before, after) = RevisionProgress(record, previous, current, others, now);
        return Decide(before, after, record, recognitions, now, by, newId);
    }

    /// <summary>The progress a revision compares: the revised framework first (previous, then current version), with the others unchanged.</summary>
    public static (IReadOnlyList<FrameworkProgress> Before, IReadOnlyList<FrameworkProgress> After) RevisionProgress(
        LearnerRecord record, FrameworkInForce previous, FrameworkInForce current, IReadOnlyList<FrameworkInForce> others, Instant at) =>
        (Progress(record, [previous, .. others], at), Progress(record, [current, .. others], at));

    public static IReadOnlyList<FrameworkProgress> Progress(LearnerRecord record, IReadOnlyList<FrameworkInForce> frameworks, Instant at) =>
        frameworks.Select(f => ProgressCalculator.ForFramework(record, f.FrameworkId, f.Version, f.Definition, at)).ToList();

    /// <summary>Progress before and after (the record changed, or a framework's policy did) and what follows from the difference.</summary>
    public static IReadOnlyList<object> Decide(
        IReadOnlyList<FrameworkProgress> progressBefore, IReadOnlyList<FrameworkProgress> progressAfter, LearnerRecord after,
        IReadOnlyList<RecognitionInForce> recognitions, Instant now, string by, Func<Guid> newId,
        string flagReason = "Later evidence dropped the learner below this recognition's criteria.")
    {
        var events = new List<object>();
        foreach (var framework in progressAfter)
        {
            var was = progressBefore.FirstOrDefault(p => p.FrameworkId == framework.FrameworkId)?.Competencies.ToDictionary(c => c.Competency.Id) ?? [];
            foreach (var c in framework.Competencies)
            {
                was.TryGetValue(c.Competency.Id, out var old);
                if (old?.Result.Level?.Code == c.Result.Level?.Code && (old?.Result.Mastered ?? false) == c.Result.Mastered) continue;
                events.Add(new CompetencyStateChanged(after.LearnerId, framework.FrameworkId, c.Competency.Id,
                    old?.Result.Level?.Code, c.Result.Level?.Code, old?.Result.Mastered ?? false, c.Result.Mastered, now,
                    IsLapsed: c.Result.Status == Mastery.MasteryStatus.Lapsed && old?.Result.Status != Mastery.MasteryStatus.Lapsed));
            }
        }

        foreach (var recognition in recognitions)
        {
            var outcome = CriteriaEvaluator.Evaluate(recognition.Definition, progressAfter);
            var existing = after.AllAwards.Where(a => a.Awarded.RecognitionId == recognition.RecognitionId && a.IsActive).ToList();
            if (outcome.Met && existing.Count == 0 && !after.AllAwards.Any(a => a.Awarded.RecognitionId == recognition.RecognitionId && !a.Awarded.Manual))
            {
                events.Add(new RecognitionAwarded(newId(), after.LearnerId, recognition.RecognitionId, false, null, outcome.EvidenceIds, outcome.Competencies, now, by));
                continue;
            }
            foreach (var award in existing)
            {
                if (!outcome.Met && award.Flagged is null)
                    events.Add(new RecognitionFlaggedForReview(award.Awarded.AwardId, flagReason, now));
                else if (outcome.Met && award.Flagged is not null)
                    events.Add(new RecognitionReviewCleared(award.Awarded.AwardId, now));
            }
        }
        return events;
    }
}
