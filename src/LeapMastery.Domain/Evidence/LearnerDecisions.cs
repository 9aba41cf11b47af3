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

/// <summary>The outcome of a decision: the event to append, or the entry that already answers it (an idempotent repeat).</summary>
public sealed record Decision<TEvent>(TEvent? NewEvent, EvidenceEntry? Existing, string? Refusal);

/// <summary>Pure decisions about a learner's evidence: who may change what, and what a repeat means.</summary>
public static class LearnerDecisions
{
    /// <summary>Evidence may happen up to this far ahead of the server clock (clock skew between systems).</summary>
    public static readonly Duration AllowedClockSkew = Duration.FromMinutes(5);

    public static Decision<EvidenceRecorded> Decide(RecordEvidence c, LearnerRecord state)
    {
        if (c.SourceId is not null && state.FindBySource(c.SourceSystem, c.SourceId) is { } existing)
            return new(null, existing, null);
        if (c.OccurredAt > c.Now + AllowedClockSkew)
            return new(null, null, "occurredAt is in the future.");
        return new(new EvidenceRecorded(c.EvidenceId, c.LearnerId, c.SourceSystem, c.SourceId, c.Modality, c.OccurredAt, c.Now, c.By,
            c.Alignments, c.Feedback, c.ArtifactUrl, c.Actor), null, null);
    }

    public static Decision<EvidenceCorrected> Decide(CorrectEvidence c, LearnerRecord state)
    {
        var entry = state.Find(c.EvidenceId);
        if (entry is null) return new(null, null, null);
        if (entry.IsRetracted) return new(null, entry, "Retracted evidence cannot be corrected.");
        return new(new EvidenceCorrected(c.EvidenceId, c.Alignments, c.Reason, c.Now, c.By), entry, null);
    }

    public static Decision<EvidenceRetracted> Decide(RetractEvidence c, LearnerRecord state)
    {
        var entry = state.Find(c.EvidenceId);
        if (entry is null) return new(null, null, null);
        if (entry.IsRetracted) return new(null, entry, "The evidence is already retracted.");
        return new(new EvidenceRetracted(c.EvidenceId, c.Reason, c.Now, c.By), entry, null);
    }

    public static Decision<EvidenceValidated> Decide(ValidateEvidence c, LearnerRecord state)
    {
        var entry = state.Find(c.EvidenceId);
        if (entry is null) return new(null, null, null);
        if (entry.IsRetracted) return new(null, entry, "Retracted evidence cannot be validated.");
        if (entry.Recorded.Actor?.RequiresValidation != true) return new(null, entry, "Only evidence from outside partners awaits validation.");
        if (entry.Validation is not null) return new(null, entry, "The evidence has already been validated or rejected.");
        return new(new EvidenceValidated(c.EvidenceId, c.Accepted, c.Note, c.Now, c.By), entry, null);
    }

    /// <summary>Placement never depends on grade, age or time; any step of any progression is allowed.</summary>
    public static (PlacementRecorded? Placement, string? Refusal) Decide(PlaceLearner c)
    {
        if (c.Step < 1 || c.Step > c.StepCount)
            return (null, $"step must be between 1 and {c.StepCount}, the number of steps of this progression.");
        return (new PlacementRecorded(c.PlacementId, c.LearnerId, c.FrameworkId, c.ProgressionCode, c.Step, c.Basis, c.Note, c.Now, c.By), null);
    }

    /// <summary>
    /// For sources that re-send the current score of the same result (LTI AGS, OneRoster): the first becomes evidence, a
    /// different score corrects it, the same score again changes nothing.
    /// </summary>
    public static (object? Event, EvidenceEntry? Existing, string? Refusal) DecideLatest(RecordEvidence c, LearnerRecord state)
    {
        if (c.SourceId is not null && state.FindBySource(c.SourceSystem, c.SourceId) is { } existing)
        {
            if (existing.IsRetracted || SameScores(existing.CurrentAlignments, c.Alignments)) return (null, existing, null);
            return (new EvidenceCorrected(existing.Recorded.EvidenceId, c.Alignments, "The source sent a new score for this result.", c.Now, c.By), existing, null);
        }
        var d = Decide(c, state);
        return (d.NewEvent, d.Existing, d.Refusal);
    }

    private static bool SameScores(IReadOnlyList<EvidenceAlignment> a, IReadOnlyList<EvidenceAlignment> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.CompetencyId == p.Second.CompetencyId && p.First.Score == p.Second.Score);
}
