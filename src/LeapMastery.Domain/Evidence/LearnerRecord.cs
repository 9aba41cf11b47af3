using LeapMastery.Domain.Assessments;
using NodaTime;

namespace LeapMastery.Domain.Evidence;

/// <summary>
/// Everything recorded about one learner, kept whole so that any moment can be replayed: each piece of evidence with
/// its corrections and retraction and the instants they were recorded. Nothing is ever edited or deleted.
/// </summary>
public sealed record LearnerRecord(
    string LearnerId,
    IReadOnlyList<EvidenceEntry> Evidence,
    IReadOnlyList<PlacementRecorded>? Placements = null,
    IReadOnlyList<AttemptEntry>? Attempts = null,
    IReadOnlyList<FeedbackGiven>? Feedback = null,
    IReadOnlyList<AwardEntry>? Awards = null,
    IReadOnlyList<ReflectionAdded>? Reflections = null,
    IReadOnlyList<Goals.GoalEntry>? Goals = null)
{
    public IReadOnlyList<Goals.GoalEntry> AllGoals => Goals ?? [];

    public Goals.GoalEntry? FindGoal(Guid goalId) => AllGoals.FirstOrDefault(g => g.Set.GoalId == goalId);

    public LearnerRecord Apply(Goals.GoalSet e) => this with { Goals = [.. AllGoals, new Goals.GoalEntry(e)] };

    public LearnerRecord Apply(Goals.GoalWithdrawn e) =>
        this with { Goals = AllGoals.Select(g => g.Set.GoalId == e.GoalId ? g with { Withdrawn = e } : g).ToList() };

    public IReadOnlyList<ReflectionAdded> AllReflections => Reflections ?? [];

    public LearnerRecord Apply(ReflectionAdded e) => this with { Reflections = [.. AllReflections, e] };

    public IReadOnlyList<AwardEntry> AllAwards => Awards ?? [];

    public AwardEntry? FindAward(Guid awardId) => AllAwards.FirstOrDefault(a => a.Awarded.AwardId == awardId);

    public LearnerRecord Apply(Recognitions.RecognitionAwarded e) => this with { Awards = [.. AllAwards, new AwardEntry(e, null, null)] };

    public LearnerRecord Apply(Recognitions.RecognitionRevoked e) => ReplaceAward(e.AwardId, a => a with { Revoked = e });

    public LearnerRecord Apply(Recognitions.RecognitionFlaggedForReview e) => ReplaceAward(e.AwardId, a => a with { Flagged = e });

    public LearnerRecord Apply(Recognitions.RecognitionReviewCleared e) => ReplaceAward(e.AwardId, a => a with { Flagged = null });

    private LearnerRecord ReplaceAward(Guid awardId, Func<AwardEntry, AwardEntry> change) =>
        this with { Awards = AllAwards.Select(a => a.Awarded.AwardId == awardId ? change(a) : a).ToList() };

    public IReadOnlyList<AttemptEntry> AllAttempts => Attempts ?? [];

    public IReadOnlyList<FeedbackGiven> AllFeedback => Feedback ?? [];

    public AttemptEntry? FindAttempt(Guid attemptId) => AllAttempts.FirstOrDefault(a => a.Started.AttemptId == attemptId);

    public LearnerRecord Apply(AttemptStarted e) => this with { Attempts = [.. AllAttempts, new AttemptEntry(e, null, null, null)] };

    public LearnerRecord Apply(AttemptSubmitted e) => ReplaceAttempt(e.AttemptId, a => a with { Submitted = e });

    public LearnerRecord Apply(AttemptScored e) => ReplaceAttempt(e.AttemptId, a => a with { Scored = e });

    public LearnerRecord Apply(AttemptVoided e) => ReplaceAttempt(e.AttemptId, a => a with { Voided = e });

    public LearnerRecord Apply(FeedbackGiven e) => this with { Feedback = [.. AllFeedback, e] };

    private LearnerRecord ReplaceAttempt(Guid attemptId, Func<AttemptEntry, AttemptEntry> change) =>
        this with { Attempts = AllAttempts.Select(a => a.Started.AttemptId == attemptId ? change(a) : a).ToList() };

    public static LearnerRecord Empty(string learnerId) => new(learnerId, [], []);

    /// <summary>When the first thing was recorded about the learner (null for an empty record).</summary>
    public Instant? FirstRecordedAt =>
        Evidence.Select(e => e.Recorded.RecordedAt)
            .Concat(AllPlacements.Select(p => p.PlacedAt))
            .Concat(AllAttempts.Select(a => a.Started.StartedAt))
            .Concat(AllFeedback.Select(f => f.GivenAt))
            .Concat(AllAwards.Select(a => a.Awarded.AwardedAt))
            .Select(i => (Instant?)i)
            .Min();

    /// <summary>All placements, oldest first.</summary>
    public IReadOnlyList<PlacementRecorded> AllPlacements => Placements ?? [];

    /// <summary>The placement in force on each progression of a framework: the latest one.</summary>
    public IReadOnlyDictionary<string, PlacementRecorded> PlacementsIn(Guid frameworkId) =>
        AllPlacements.Where(p => p.FrameworkId == frameworkId)
            .GroupBy(p => p.ProgressionCode)
            .ToDictionary(g => g.Key, g => g.Last());

    public LearnerRecord Apply(PlacementRecorded e) => this with { Placements = [.. AllPlacements, e] };

    public LearnerRecord Apply(EvidenceValidated e) => Replace(e.EvidenceId, x => x with { Validation = e });

    public EvidenceEntry? Find(Guid evidenceId) => Evidence.FirstOrDefault(e => e.Recorded.EvidenceId == evidenceId);

    public EvidenceEntry? FindBySource(string sourceSystem, string sourceId) =>
        Evidence.FirstOrDefault(e => e.Recorded.SourceSystem == sourceSystem && e.Recorded.SourceId == sourceId);

    /// <summary>
    /// How many pieces of evidence were ever recorded for the learner: the next one's recorded order. A record may hold only
    /// some of its evidence (the part a write or a read needs), so the count is kept apart from the list.
    /// </summary>
    public long EvidenceTotal { get; init; }

    private long NextEvidenceOrder => Math.Max(EvidenceTotal, Evidence.Count) + 1;

    public LearnerRecord Apply(EvidenceRecorded e) =>
        this with { Evidence = [.. Evidence, new EvidenceEntry(e, NextEvidenceOrder, [], null)], EvidenceTotal = NextEvidenceOrder };

    /// <summary>Counts recorded evidence without keeping it (a learner's summary: the evidence itself is kept per piece).</summary>
    public LearnerRecord Count(EvidenceRecorded e) => this with { EvidenceTotal = NextEvidenceOrder };

    /// <summary>
    /// This record (a summary: everything but the evidence) with the given evidence entries, oldest first: the learner's whole
    /// record when they are all of it, or the part a decision needs.
    /// </summary>
    public LearnerRecord WithEvidence(IEnumerable<EvidenceEntry> entries) => this with
    {
        Evidence = entries.OrderBy(e => e.RecordedOrder).ToList(),
        EvidenceTotal = Math.Max(EvidenceTotal, Evidence.Count),
    };

    public LearnerRecord Apply(EvidenceCorrected e) => Replace(e.EvidenceId, x => x with { Corrections = [.. x.Corrections, e] });

    public LearnerRecord Apply(EvidenceRetracted e) => Replace(e.EvidenceId, x => x with { Retraction = e });

    /// <summary>The record as it stood at <paramref name="asOf"/>: later evidence, corrections and retractions are not seen.</summary>
    public LearnerRecord AsOf(Instant asOf) => this with
    {
        Evidence = Evidence
            .Where(e => e.Recorded.RecordedAt <= asOf)
            .Select(e => e with
            {
                Corrections = e.Corrections.Where(c => c.CorrectedAt <= asOf).ToList(),
                Retraction = e.Retraction is { } r && r.RetractedAt <= asOf ? r : null,
                Validation = e.Validation is { } v && v.ValidatedAt <= asOf ? v : null,
            })
            .ToList(),
        Placements = AllPlacements.Where(p => p.PlacedAt <= asOf).ToList(),
        Attempts = AllAttempts.Where(a => a.Started.StartedAt <= asOf).Select(a => a with
        {
            Submitted = a.Submitted is { } s && s.SubmittedAt <= asOf ? s : null,
            Scored = a.Scored is { } sc && sc.ScoredAt <= asOf ? sc : null,
            Voided = a.Voided is { } v && v.VoidedAt <= asOf ? v : null,
        }).ToList(),
        Feedback = AllFeedback.Where(f => f.GivenAt <= asOf).ToList(),
        Reflections = AllReflections.Where(r => r.AddedAt <= asOf).ToList(),
        Goals = AllGoals.Where(g => g.Set.SetAt <= asOf).Select(g => g with { Withdrawn = g.Withdrawn is { } w && w.WithdrawnAt <= asOf ? w : null }).ToList(),
        // The review flag is kept as it stood: a flag raised after asOf is not seen, and a cleared flag is not restored (it is a
        // workflow marker, not a fact a report card depends on).
        Awards = AllAwards.Where(a => a.Awarded.AwardedAt <= asOf).Select(a => a with
        {
            Revoked = a.Revoked is { } r && r.RevokedAt <= asOf ? r : null,
            Flagged = a.Flagged is { } f && f.FlaggedAt <= asOf ? f : null,
        }).ToList(),
    };

    private LearnerRecord Replace(Guid evidenceId, Func<EvidenceEntry, EvidenceEntry> change) =>
        this with { Evidence = Evidence.Select(e => e.Recorded.EvidenceId == evidenceId ? change(e) : e).ToList() };
}

/// <param name="RecordedOrder">1 for the learner's first evidence, and so on: breaks ties of occurredAt.</param>
public sealed record EvidenceEntry(
    EvidenceRecorded Recorded, long RecordedOrder, IReadOnlyList<EvidenceCorrected> Corrections, EvidenceRetracted? Retraction,
    EvidenceValidated? Validation = null)
{
    /// <summary>Partner evidence (LC.5) that no educator has decided on yet.</summary>
    public bool AwaitsValidation => Recorded.Actor?.RequiresValidation == true && Validation is null;

    /// <summary>How the calculation must treat this evidence (MASTERY §3).</summary>
    public Mastery.ObservationStatus ObservationStatus =>
        IsRetracted ? Mastery.ObservationStatus.Retracted
        : Recorded.Actor?.RequiresValidation == true && Validation is null ? Mastery.ObservationStatus.PendingValidation
        : Validation is { Accepted: false } ? Mastery.ObservationStatus.Rejected
        : Mastery.ObservationStatus.Active;

    /// <summary>The alignments in force: the latest correction's, else the original ones.</summary>
    public IReadOnlyList<EvidenceAlignment> CurrentAlignments => Corrections.Count > 0 ? Corrections[^1].Alignments : Recorded.Alignments;

    public bool IsRetracted => Retraction is not null;
}

/// <summary>Where an attempt stands: started (readiness declared), submitted, scored (it produced evidence) or voided.</summary>
public enum AttemptStatus
{
    Started,
    Submitted,
    Scored,
    Voided,
}

public sealed record AttemptEntry(AttemptStarted Started, AttemptSubmitted? Submitted, AttemptScored? Scored, AttemptVoided? Voided)
{
    public AttemptStatus Status =>
        Voided is not null ? AttemptStatus.Voided : Scored is not null ? AttemptStatus.Scored : Submitted is not null ? AttemptStatus.Submitted : AttemptStatus.Started;
}

public sealed record AwardEntry(Recognitions.RecognitionAwarded Awarded, Recognitions.RecognitionRevoked? Revoked, Recognitions.RecognitionFlaggedForReview? Flagged)
{
    public bool IsActive => Revoked is null;

    public AwardStatus Status => IsActive ? AwardStatus.Active : AwardStatus.Revoked;
}

/// <summary>Whether a learner holds an award: active, or revoked (kept in the history).</summary>
public enum AwardStatus
{
    Active,
    Revoked,
}
