using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Recognitions;
using Marten;

namespace LeapMastery.Api.Learners;

/// <summary>
/// Refuses to save any append of a learner event that did not come through <see cref="LearnerStreamWriter"/>: the change
/// feed's horizon, the consequences (levels, awards, flags) and the one-writer-per-stream rule all depend on every append
/// going through it, so this holds by construction rather than by convention.
/// </summary>
public sealed class LearnerStreamGuard : DocumentSessionListenerBase
{
    /// <summary>Every event that belongs on a learner's stream.</summary>
    public static readonly IReadOnlySet<Type> LearnerEventTypes = new HashSet<Type>
    {
        typeof(EvidenceRecorded), typeof(EvidenceCorrected), typeof(EvidenceRetracted), typeof(EvidenceValidated),
        typeof(PlacementRecorded), typeof(FeedbackGiven), typeof(ReflectionAdded), typeof(Domain.Goals.GoalSet), typeof(Domain.Goals.GoalWithdrawn), typeof(ResultHeld),
        typeof(AttemptStarted), typeof(AttemptSubmitted), typeof(AttemptScored), typeof(AttemptVoided),
        typeof(RecognitionAwarded), typeof(RecognitionRevoked), typeof(RecognitionFlaggedForReview), typeof(RecognitionReviewCleared),
        typeof(CompetencyStateChanged),
    };

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (LearnerStreamWriter.Owns(session)) return Task.CompletedTask;
        var stray = session.PendingChanges.Streams()
            .SelectMany(s => s.Events)
            .FirstOrDefault(e => LearnerEventTypes.Contains(e.Data.GetType()));
        if (stray is not null)
            throw new InvalidOperationException(
                $"{stray.Data.GetType().Name} was appended outside the learner-stream writer; every learner append goes through LearnerStreamWriter.");
        return Task.CompletedTask;
    }
}
