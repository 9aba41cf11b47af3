using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Recognitions;
using Marten.Events.Aggregation;

namespace LeapMastery.Api.Learners;

/// <summary>One learner's whole record (inline projection of the learner's stream): progress is computed from it on read.</summary>
public sealed class LearnerLog
{
    public Guid Id { get; set; }
    public string LearnerId { get; set; } = "";
    public LearnerRecord Record { get; set; } = LearnerRecord.Empty("");
}

/// <summary>A learner's stream may begin with evidence or with a placement; either way the log starts empty and applies it.</summary>
public sealed class LearnerLogProjection : SingleStreamProjection<LearnerLog, Guid>
{
    public static LearnerLog Apply(EvidenceRecorded e, LearnerLog log) => Update(log, e.LearnerId, r => r.Apply(e));

    public static LearnerLog Apply(EvidenceCorrected e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(EvidenceRetracted e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(EvidenceValidated e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(PlacementRecorded e, LearnerLog log) => Update(log, e.LearnerId, r => r.Apply(e));

    public static LearnerLog Apply(AttemptStarted e, LearnerLog log) => Update(log, e.LearnerId, r => r.Apply(e));

    public static LearnerLog Apply(AttemptSubmitted e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(AttemptScored e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(AttemptVoided e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(FeedbackGiven e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(RecognitionAwarded e, LearnerLog log) => Update(log, e.LearnerId, r => r.Apply(e));

    public static LearnerLog Apply(RecognitionRevoked e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(RecognitionFlaggedForReview e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    public static LearnerLog Apply(RecognitionReviewCleared e, LearnerLog log) => Update(log, null, r => r.Apply(e));

    private static LearnerLog Update(LearnerLog log, string? learnerId, Func<LearnerRecord, LearnerRecord> change)
    {
        if (learnerId is not null && log.LearnerId.Length == 0)
        {
            log.LearnerId = learnerId;
            log.Record = log.Record with { LearnerId = learnerId };
        }
        log.Record = change(log.Record);
        return log;
    }
}

public static class LearnerStreams
{
    /// <summary>
    /// One stream per learner, its id derived from tenant and learner (a name-based UUID), so every writer finds the same
    /// stream without a lookup and two tenants' learners with the same SIS id never share one.
    /// </summary>
    public static Guid StreamId(string tenantId, string learnerId) => Infrastructure.NameBasedGuid.Create($"learner\n{tenantId}\n{learnerId}");
}
