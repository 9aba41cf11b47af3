using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Recognitions;

namespace LeapMastery.Domain.Evidence;

/// <summary>evolve(state, event) → state for every event of a learner's stream; events with nothing to keep leave it as is.</summary>
public static class LearnerRecordEvolution
{
    public static LearnerRecord Apply(LearnerRecord state, object e) => e switch
    {
        EvidenceRecorded x => state.Apply(x),
        EvidenceCorrected x => state.Apply(x),
        EvidenceRetracted x => state.Apply(x),
        EvidenceValidated x => state.Apply(x),
        PlacementRecorded x => state.Apply(x),
        AttemptStarted x => state.Apply(x),
        AttemptSubmitted x => state.Apply(x),
        AttemptScored x => state.Apply(x),
        AttemptVoided x => state.Apply(x),
        FeedbackGiven x => state.Apply(x),
        ReflectionAdded x => state.Apply(x),
        Goals.GoalSet x => state.Apply(x),
        Goals.GoalWithdrawn x => state.Apply(x),
        RecognitionAwarded x => state.Apply(x),
        RecognitionRevoked x => state.Apply(x),
        RecognitionFlaggedForReview x => state.Apply(x),
        RecognitionReviewCleared x => state.Apply(x),
        _ => state,
    };

    public static LearnerRecord ApplyAll(LearnerRecord state, IEnumerable<object> events) => events.Aggregate(state, Apply);

    /// <summary>The frameworks an event touches (whose progress it may change).</summary>
    public static IEnumerable<Guid> FrameworksTouched(object e, LearnerRecord before) => e switch
    {
        EvidenceRecorded x => x.Alignments.Select(a => a.FrameworkId),
        EvidenceCorrected x => x.Alignments.Select(a => a.FrameworkId).Concat(before.Find(x.EvidenceId)?.CurrentAlignments.Select(a => a.FrameworkId) ?? []),
        EvidenceRetracted x => before.Find(x.EvidenceId)?.CurrentAlignments.Select(a => a.FrameworkId) ?? [],
        EvidenceValidated x => before.Find(x.EvidenceId)?.CurrentAlignments.Select(a => a.FrameworkId) ?? [],
        PlacementRecorded x => [x.FrameworkId],
        _ => [],
    };
}
