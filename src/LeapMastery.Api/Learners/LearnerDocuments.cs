using LeapMastery.Api.Features.Progress;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Recognitions;
using Marten.Events.Aggregation;

namespace LeapMastery.Api.Learners;

/// <summary>
/// Everything about a learner but the evidence itself: placements, attempts, feedback given later, awards, and how many pieces
/// of evidence were recorded. Small (it does not grow with evidence), kept inline by Marten; the writer reads it with the
/// learner's stream row lock.
/// </summary>
public sealed class LearnerSummary
{
    public Guid Id { get; set; }
    public string LearnerId { get; set; } = "";
    /// <summary>The learner's record without its evidence (<see cref="LearnerRecord.Evidence"/> stays empty).</summary>
    public LearnerRecord Record { get; set; } = LearnerRecord.Empty("");
}

/// <summary>A learner's stream may begin with any learner event; evidence is only counted here (each piece is a <see cref="LearnerEvidence"/>).</summary>
public sealed class LearnerSummaryProjection : SingleStreamProjection<LearnerSummary, Guid>
{
    public static LearnerSummary Apply(EvidenceRecorded e, LearnerSummary s) => Update(s, e.LearnerId, r => r.Count(e));

    public static LearnerSummary Apply(PlacementRecorded e, LearnerSummary s) => Update(s, e.LearnerId, r => r.Apply(e));

    public static LearnerSummary Apply(AttemptStarted e, LearnerSummary s) => Update(s, e.LearnerId, r => r.Apply(e));

    public static LearnerSummary Apply(AttemptSubmitted e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(AttemptScored e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(AttemptVoided e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(FeedbackGiven e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(ReflectionAdded e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(Domain.Goals.GoalSet e, LearnerSummary s) => Update(s, e.LearnerId, r => r.Apply(e));

    public static LearnerSummary Apply(Domain.Goals.GoalWithdrawn e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(RecognitionAwarded e, LearnerSummary s) => Update(s, e.LearnerId, r => r.Apply(e));

    public static LearnerSummary Apply(RecognitionRevoked e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(RecognitionFlaggedForReview e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(RecognitionReviewCleared e, LearnerSummary s) => Update(s, null, r => r.Apply(e));

    public static LearnerSummary Apply(ResultHeld e, LearnerSummary s) => Update(s, e.LearnerId, r => r);

    public static LearnerSummary Apply(CompetencyStateChanged e, LearnerSummary s) => Update(s, e.LearnerId, r => r);

    private static LearnerSummary Update(LearnerSummary s, string? learnerId, Func<LearnerRecord, LearnerRecord> change)
    {
        if (learnerId is not null && s.LearnerId.Length == 0)
        {
            s.LearnerId = learnerId;
            s.Record = s.Record with { LearnerId = learnerId };
        }
        s.Record = change(s.Record);
        return s;
    }
}

/// <summary>One piece of evidence with its corrections, retraction and validation, stored by the writer with the event that changed it.</summary>
public sealed class LearnerEvidence
{
    /// <summary>The evidence id.</summary>
    public Guid Id { get; set; }
    public Guid LearnerStream { get; set; }
    public string LearnerId { get; set; } = "";
    /// <summary>sourceSystem and sourceId, unique per learner (null when the source gave no id): the idempotency key.</summary>
    public string? SourceKey { get; set; }
    public long RecordedOrder { get; set; }
    public EvidenceEntry Entry { get; set; } = null!;

    /// <summary>Every competency the evidence was ever aligned to (a correction may move it): whose states it affects.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<Guid> Competencies => LearnerSlice.CompetenciesOf(Entry);

    public static string? SourceKeyOf(string sourceSystem, string? sourceId) => sourceId is null ? null : $"{sourceSystem}\n{sourceId}";

    /// <summary>The document of one piece of evidence as it now stands (with its corrections, retraction and validation).</summary>
    public static LearnerEvidence Of(Guid learnerStream, string learnerId, EvidenceEntry entry) => new()
    {
        Id = entry.Recorded.EvidenceId, LearnerStream = learnerStream, LearnerId = learnerId,
        SourceKey = SourceKeyOf(entry.Recorded.SourceSystem, entry.Recorded.SourceId), RecordedOrder = entry.RecordedOrder, Entry = entry,
    };
}

/// <summary>
/// A learner's current standing on one competency, in the shape the API serves it, kept current by the writer in the same
/// transaction as the write that changed it (read your writes), with what recomputing it needs of the evidence on it.
/// </summary>
public sealed class LearnerCompetencyState
{
    public Guid Id { get; set; }
    public Guid LearnerStream { get; set; }
    public Guid FrameworkId { get; set; }
    public Guid CompetencyId { get; set; }
    /// <summary>The tenant (Marten's tenant column, mapped): what the lapse sweep needs to write the learner.</summary>
    public string TenantId { get; set; } = "";
    /// <summary>
    /// Under a time-dependent policy, the last moment <see cref="State"/> holds without new events (docs/mastery.md §10): after it the
    /// lapse sweep, or any write that reads the competency, recomputes it, and a read computes it afresh.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public NodaTime.Instant? ChangesAfter
    {
        get => ChangesAfterUnixMs is { } ms ? NodaTime.Instant.FromUnixTimeMilliseconds(ms) : null;
        // Rounded up to the millisecond: never stale before it changes (a stale-early state would be swept again and again).
        set => ChangesAfterUnixMs = value is { } at ? (long)Math.Ceiling(at.ToUnixTimeTicks() / (double)NodaTime.NodaConstants.TicksPerMillisecond) : null;
    }

    /// <summary><see cref="ChangesAfter"/> as stored and indexed (milliseconds since the Unix epoch, rounded up), for the sweep's query.</summary>
    public long? ChangesAfterUnixMs { get; set; }
    /// <summary>The evidence currently aligned to the competency, as much of it as its calculation and latest feedback read.</summary>
    public List<StoredObservation> Observations { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<Guid> EvidenceIds => Observations.Select(o => o.EvidenceId).Distinct();
    /// <summary>The state under <see cref="CompetencyStateResponse.FrameworkVersion"/> (placed is decided when served, from the placements).</summary>
    public CompetencyStateResponse State { get; set; } = new();

    public static Guid IdOf(Guid learnerStream, Guid competencyId) => Infrastructure.NameBasedGuid.Create($"competency-state\n{learnerStream}\n{competencyId}");
}

/// <summary>
/// One piece of evidence as a competency's state keeps it: its alignment to that competency (the current one), when it
/// happened and was recorded, its modality, author, status and the feedback given with it. A write recomputes the competency
/// from these without reading the evidence documents.
/// </summary>
public sealed record StoredObservation(
    Guid EvidenceId, long RecordedOrder, NodaTime.Instant OccurredAt, NodaTime.Instant RecordedAt, string Modality, EvidenceAlignment Alignment,
    EvidenceActor? Actor = null, bool Retracted = false, bool? Accepted = null, Guid? AttemptId = null, EvidenceFeedback? Feedback = null)
{
    public static IEnumerable<StoredObservation> Of(EvidenceEntry e, Guid competencyId) =>
        e.CurrentAlignments.Where(a => a.CompetencyId == competencyId).Select(a => new StoredObservation(
            e.Recorded.EvidenceId, e.RecordedOrder, e.Recorded.OccurredAt, e.Recorded.RecordedAt, e.Recorded.Modality, a,
            e.Recorded.Actor, e.IsRetracted, e.Validation?.Accepted, e.Recorded.AttemptId, e.Recorded.Feedback));

    /// <summary>
    /// The evidence entry these observations (of one piece of evidence, on the competencies read) stand for: what the
    /// calculation, the latest feedback and the consequences read, without the source, artifact or history of changes.
    /// </summary>
    public static EvidenceEntry Entry(string learnerId, IReadOnlyList<StoredObservation> same)
    {
        var o = same[0];
        var recorded = new EvidenceRecorded(o.EvidenceId, learnerId, "", null, o.Modality, o.OccurredAt, o.RecordedAt, "",
            same.Select(x => x.Alignment).ToList(), o.Feedback, null, o.Actor, o.AttemptId);
        return new EvidenceEntry(recorded, o.RecordedOrder, [],
            o.Retracted ? new EvidenceRetracted(o.EvidenceId, "", o.RecordedAt, "") : null,
            o.Accepted is { } accepted ? new EvidenceValidated(o.EvidenceId, accepted, null, o.RecordedAt, "") : null);
    }
}
