using NodaTime;

namespace LeapMastery.Domain.Evidence;

/// <summary>
/// One note of feedback on a piece of evidence (LD.2): the feedback that came with the evidence (author <c>source</c>,
/// given when the learner demonstrated it: the evidence's <c>occurredAt</c>, so results loaded later keep their own
/// time), or feedback given later on the evidence or on the attempt it came from (by an educator, a peer or the learner,
/// given when that was recorded). <paramref name="Order"/> breaks ties: the evidence's recorded order, or the feedback's.
/// </summary>
public sealed record FeedbackNote(Guid EvidenceId, FeedbackAuthor Author, EvidenceFeedback Feedback, Instant GivenAt, FeedbackGiven? Later, long Order = 0)
{
    public const string SourceAuthor = "source";
}

/// <summary>
/// "The feedback on this evidence", defined once: progress shows the newest note on a competency's evidence, the
/// explanation every note per evidence, and a report card the newest note on mastery given within its period. Built once
/// per learner record (an index of its evidence and feedback), then asked per competency.
/// </summary>
public sealed class FeedbackTrail
{
    private readonly Dictionary<Guid, EvidenceEntry> _evidence;
    private readonly ILookup<Guid, (FeedbackGiven Given, int Order)> _onEvidence;
    private readonly ILookup<Guid, (FeedbackGiven Given, int Order)> _onAttempt;

    public FeedbackTrail(LearnerRecord record)
    {
        _evidence = record.Evidence.ToDictionary(e => e.Recorded.EvidenceId);
        var given = record.AllFeedback.Select((f, i) => (Given: f, Order: i)).ToList();
        _onEvidence = given.Where(f => f.Given.EvidenceId is not null).ToLookup(f => f.Given.EvidenceId!.Value);
        _onAttempt = given.Where(f => f.Given.AttemptId is not null).ToLookup(f => f.Given.AttemptId!.Value);
    }

    /// <summary>Every note on the given evidence of the learner, oldest first (ties: the evidence's own feedback first).</summary>
    public IReadOnlyList<FeedbackNote> On(IEnumerable<Guid> evidenceIds)
    {
        var ids = evidenceIds.ToHashSet();
        var notes = new List<FeedbackNote>();
        foreach (var id in ids)
        {
            if (!_evidence.TryGetValue(id, out var e)) continue;
            if (e.Recorded.Feedback is { } own)
                notes.Add(new FeedbackNote(id, new FeedbackAuthor(FeedbackNote.SourceAuthor, null), own, e.Recorded.OccurredAt, null, e.RecordedOrder));
            var later = _onEvidence[id];
            // Feedback on the attempt the evidence came from, unless it names a piece of evidence asked for itself.
            if (e.Recorded.AttemptId is { } attempt)
                later = later.Concat(_onAttempt[attempt].Where(f => f.Given.EvidenceId is not { } named || !ids.Contains(named)));
            notes.AddRange(later.Select(f => new FeedbackNote(id, f.Given.Author, f.Given.Feedback, f.Given.GivenAt, f.Given, f.Order)));
        }
        // Oldest first; at the same instant the evidence's own feedback before later notes, each in the order it was recorded.
        return notes.OrderBy(n => n.GivenAt).ThenBy(n => n.Later is null ? 0 : 1).ThenBy(n => n.Order).ToList();
    }

    /// <summary>The newest note on the evidence, of any author and on any aspect (effort, process or mastery).</summary>
    public FeedbackNote? Latest(IEnumerable<Guid> evidenceIds) => On(evidenceIds).LastOrDefault();

    /// <summary>The newest note on mastery given within [<paramref name="start"/>, <paramref name="end"/>): a report card's highlight.</summary>
    public FeedbackNote? LatestOnMasteryWithin(IEnumerable<Guid> evidenceIds, Instant start, Instant end) =>
        On(evidenceIds).LastOrDefault(n => n.Feedback.Mastery is not null && n.GivenAt >= start && n.GivenAt < end);
}
