using NodaTime;

namespace LeapMastery.Domain.Evidence;

/// <summary>
/// One note of feedback on a piece of evidence (LD.2): the feedback that came with the evidence (author <c>source</c>,
/// given when the learner demonstrated it: the evidence's <c>occurredAt</c>, so results loaded later keep their own
/// time), or feedback given later on the evidence or on the attempt it came from (by an educator, a peer or the learner,
/// given when that was recorded).
/// </summary>
public sealed record FeedbackNote(Guid EvidenceId, FeedbackAuthor Author, EvidenceFeedback Feedback, Instant GivenAt, FeedbackGiven? Later, long Order = 0)
{
    public const string SourceAuthor = "source";
}

/// <summary>
/// "The feedback on this evidence", defined once: progress shows the newest note on a competency's evidence, the
/// explanation every note per evidence, and a report card the newest note on mastery given within its period.
/// </summary>
public static class FeedbackTrail
{
    /// <summary>Every note on the given evidence of the learner, oldest first (ties: the evidence's own feedback first).</summary>
    public static IReadOnlyList<FeedbackNote> On(LearnerRecord record, IEnumerable<Guid> evidenceIds)
    {
        var ids = evidenceIds.ToHashSet();
        if (ids.Count == 0) return [];
        var entries = record.Evidence.Where(e => ids.Contains(e.Recorded.EvidenceId)).ToList();
        var byAttempt = entries.Where(e => e.Recorded.AttemptId is not null)
            .GroupBy(e => e.Recorded.AttemptId!.Value).ToDictionary(g => g.Key, g => g.Select(e => e.Recorded.EvidenceId).ToList());
        var own = entries.Where(e => e.Recorded.Feedback is not null).Select(e =>
            new FeedbackNote(e.Recorded.EvidenceId, new FeedbackAuthor(FeedbackNote.SourceAuthor, null), e.Recorded.Feedback!, e.Recorded.OccurredAt, null, e.RecordedOrder));
        var later = record.AllFeedback.SelectMany(f =>
            (f.EvidenceId is { } id && ids.Contains(id) ? [id] : f.AttemptId is { } a && byAttempt.TryGetValue(a, out var onAttempt) ? onAttempt : [])
            .Select(evidenceId => new FeedbackNote(evidenceId, f.Author, f.Feedback, f.GivenAt, f)));
        // Oldest first; at the same instant the evidence's own feedback before later notes, and evidence in the order it was recorded.
        return own.Concat(later).OrderBy(n => n.GivenAt).ThenBy(n => n.Later is null ? 0 : 1).ThenBy(n => n.Order).ToList();
    }

    /// <summary>The newest note on the evidence, of any author and on any aspect (effort, process or mastery).</summary>
    public static FeedbackNote? Latest(LearnerRecord record, IEnumerable<Guid> evidenceIds) => On(record, evidenceIds).LastOrDefault();

    /// <summary>The newest note on mastery given within [<paramref name="start"/>, <paramref name="end"/>): a report card's highlight.</summary>
    public static FeedbackNote? LatestOnMasteryWithin(LearnerRecord record, IEnumerable<Guid> evidenceIds, Instant start, Instant end) =>
        On(record, evidenceIds).LastOrDefault(n => n.Feedback.Mastery is not null && n.GivenAt >= start && n.GivenAt < end);
}
