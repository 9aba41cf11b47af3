using NodaTime;

namespace LeapMastery.Domain.Evidence;

public sealed record RecordEvidence(
    Guid EvidenceId, string LearnerId, string SourceSystem, string? SourceId, string Modality, Instant OccurredAt,
    IReadOnlyList<EvidenceAlignment> Alignments, EvidenceFeedback? Feedback, string? ArtifactUrl, Instant Now, string By,
    EvidenceActor? Actor = null);

public sealed record ValidateEvidence(Guid EvidenceId, bool Accepted, string? Note, Instant Now, string By);

public sealed record PlaceLearner(Guid PlacementId, string LearnerId, Guid FrameworkId, string ProgressionCode, int Step, int StepCount,
    string Basis, string? Note, Instant Now, string By);

public sealed record CorrectEvidence(Guid EvidenceId, IReadOnlyList<EvidenceAlignment> Alignments, string Reason, Instant Now, string By);

public sealed record RetractEvidence(Guid EvidenceId, string Reason, Instant Now, string By);

public sealed record AddReflection(Guid ReflectionId, Guid EvidenceId, string Text, Instant Now, string By);

public sealed record GiveFeedback(
    Guid FeedbackId, Guid? EvidenceId, Guid? AttemptId, FeedbackAuthor Author, EvidenceFeedback Feedback, Instant Now, string By);

/// <summary>Pure decisions about a learner's evidence: who may change what, and what a repeat means.</summary>
public static class LearnerDecisions
{
    /// <summary>Evidence may happen up to this far ahead of the server clock (clock skew between systems).</summary>
    public static readonly Duration AllowedClockSkew = Duration.FromMinutes(5);

    /// <summary>New evidence, or nothing when the source already sent it (the same source system and source id).</summary>
    public static Decision Decide(RecordEvidence c, LearnerRecord state)
    {
        if (c.SourceId is not null && state.FindBySource(c.SourceSystem, c.SourceId) is not null)
            return Decision.Unchanged;
        if (c.OccurredAt > c.Now + AllowedClockSkew)
            return Decision.Invalid("occurredAt", $"occurredAt is in the future. It may be at most {AllowedClockSkew.TotalMinutes} minutes ahead of the server clock.");
        return Decision.Append(new EvidenceRecorded(c.EvidenceId, c.LearnerId, c.SourceSystem, c.SourceId, c.Modality, c.OccurredAt, c.Now, c.By,
            c.Alignments, c.Feedback, c.ArtifactUrl, c.Actor));
    }

    public static Decision Decide(CorrectEvidence c, LearnerRecord state)
    {
        var entry = state.Find(c.EvidenceId);
        if (entry is null) return UnknownEvidence(c.EvidenceId, state);
        if (entry.IsRetracted) return Decision.Conflict("evidenceId", "Retracted evidence cannot be corrected.");
        return Decision.Append(new EvidenceCorrected(c.EvidenceId, c.Alignments, c.Reason, c.Now, c.By));
    }

    public static Decision Decide(RetractEvidence c, LearnerRecord state)
    {
        var entry = state.Find(c.EvidenceId);
        if (entry is null) return UnknownEvidence(c.EvidenceId, state);
        if (entry.IsRetracted) return Decision.Conflict("evidenceId", "The evidence is already retracted.");
        return Decision.Append(new EvidenceRetracted(c.EvidenceId, c.Reason, c.Now, c.By));
    }

    public static Decision Decide(ValidateEvidence c, LearnerRecord state)
    {
        var entry = state.Find(c.EvidenceId);
        if (entry is null) return UnknownEvidence(c.EvidenceId, state);
        if (entry.IsRetracted) return Decision.Conflict("evidenceId", "Retracted evidence cannot be validated.");
        if (entry.Recorded.Actor?.RequiresValidation != true) return Decision.Conflict("evidenceId", "Only evidence from outside partners awaits validation.");
        if (entry.Validation is not null) return Decision.Conflict("evidenceId", "The evidence has already been validated or rejected.");
        return Decision.Append(new EvidenceValidated(c.EvidenceId, c.Accepted, c.Note, c.Now, c.By));
    }

    /// <summary>Feedback (LD.2) on a piece of evidence or an attempt the learner has.</summary>
    public static Decision Decide(GiveFeedback c, LearnerRecord state)
    {
        if (c.EvidenceId is { } evidenceId && state.Find(evidenceId) is null) return UnknownEvidence(evidenceId, state);
        if (c.EvidenceId is null && (c.AttemptId is not { } attemptId || state.FindAttempt(attemptId) is null))
            return Decision.NotFound("attemptId", $"No attempt {c.AttemptId} for learner {state.LearnerId}.");
        return Decision.Append(new FeedbackGiven(c.FeedbackId, c.EvidenceId, c.AttemptId, c.Author, c.Feedback, c.Now, c.By));
    }

    /// <summary>A learner's reflection (LL.4) on a piece of their evidence; it changes no score.</summary>
    public static Decision Decide(AddReflection c, LearnerRecord state)
    {
        if (state.Find(c.EvidenceId) is null) return UnknownEvidence(c.EvidenceId, state);
        return Decision.Append(new ReflectionAdded(c.ReflectionId, c.EvidenceId, c.Text, c.Now, c.By));
    }

    /// <summary>Placement never depends on grade, age or time; any step of any progression is allowed.</summary>
    public static Decision Decide(PlaceLearner c)
    {
        if (c.Step < 1 || c.Step > c.StepCount)
            return Decision.Invalid("step", $"step must be between 1 and {c.StepCount}, the number of steps of this progression.");
        return Decision.Append(new PlacementRecorded(c.PlacementId, c.LearnerId, c.FrameworkId, c.ProgressionCode, c.Step, c.Basis, c.Note, c.Now, c.By));
    }

    /// <summary>
    /// For sources that re-send the current score of the same result (LTI AGS, OneRoster): the first becomes evidence, a
    /// different score corrects it, the same score again changes nothing.
    /// </summary>
    public static Decision DecideLatest(RecordEvidence c, LearnerRecord state)
    {
        if (c.SourceId is not null && state.FindBySource(c.SourceSystem, c.SourceId) is { } existing)
        {
            if (existing.IsRetracted || SameScores(existing.CurrentAlignments, c.Alignments)) return Decision.Unchanged;
            return Decision.Append(new EvidenceCorrected(existing.Recorded.EvidenceId, c.Alignments, "The source sent a new score for this result.", c.Now, c.By));
        }
        return Decide(c, state);
    }

    private static Decision UnknownEvidence(Guid evidenceId, LearnerRecord state) =>
        Decision.NotFound("evidenceId", $"No evidence {evidenceId} for learner {state.LearnerId}.");

    private static bool SameScores(IReadOnlyList<EvidenceAlignment> a, IReadOnlyList<EvidenceAlignment> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.CompetencyId == p.Second.CompetencyId && p.First.Score == p.Second.Score);
}
