using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Evidence;

/// <summary>Given the learner's evidence and feedback, then "the feedback on this evidence" is one trail, read three ways.</summary>
public sealed class FeedbackTrailTests
{
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid Competency = Guid.NewGuid(), Framework = Guid.NewGuid(), Attempt = Guid.NewGuid();

    private static EvidenceRecorded Evidence(Instant recordedAt, EvidenceFeedback? feedback, Guid? attempt = null) =>
        new(Guid.NewGuid(), "l-1", "lms", null, EvidenceModality.Assessment, recordedAt, recordedAt, "client",
            [new EvidenceAlignment(Framework, Competency, AlignmentScore.OfLevel("3"))], feedback, null, null, attempt);

    private static FeedbackGiven Later(Guid? evidence, Guid? attempt, string kind, Instant at, string? mastery = null, string? process = null) =>
        new(Guid.NewGuid(), evidence, attempt, new FeedbackAuthor(kind, "t-1"), new EvidenceFeedback(null, process, mastery), at, "client");

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    [Fact]
    public void The_trail_holds_the_evidences_own_feedback_and_what_was_given_later_on_it_or_on_its_attempt_oldest_first()
    {
        var own = Evidence(March, new EvidenceFeedback("Steady", null, "Accurate"), Attempt);
        var other = Evidence(March, new EvidenceFeedback(null, null, "Not this one"));
        var onEvidence = Later(own.EvidenceId, null, "peer", March.Plus(Duration.FromDays(2)), process: "Draw it first");
        var onAttempt = Later(null, Attempt, "educator", March.Plus(Duration.FromDays(1)), mastery: "Explains equivalence");

        var trail = new FeedbackTrail(Given(own, other, onEvidence, onAttempt)).On([own.EvidenceId]);

        trail.Select(n => n.Author.Kind).Should().Equal(FeedbackNote.SourceAuthor, "educator", "peer");
        trail.Should().OnlyContain(n => n.EvidenceId == own.EvidenceId);
        trail[0].Later.Should().BeNull();
        trail[1].Later.Should().Be(onAttempt);
        new FeedbackTrail(Given(own, other, onEvidence, onAttempt)).Latest([own.EvidenceId])!.Later.Should().Be(onEvidence);
    }

    [Fact]
    public void The_evidences_own_feedback_is_given_when_the_evidence_happened_not_when_it_was_loaded()
    {
        // Two results of February loaded in one batch in April, the later one first.
        var april = Instant.FromUtc(2026, 4, 1, 9, 0);
        var later = Evidence(april, new EvidenceFeedback(null, null, "Later result")) with { OccurredAt = Instant.FromUtc(2026, 2, 20, 10, 0) };
        var earlier = Evidence(april, new EvidenceFeedback(null, null, "Earlier result")) with { OccurredAt = Instant.FromUtc(2026, 2, 10, 10, 0) };
        var record = Given(later, earlier);
        var (february, march) = (Instant.FromUtc(2026, 2, 1, 0, 0), Instant.FromUtc(2026, 3, 1, 0, 0));

        new FeedbackTrail(record).LatestOnMasteryWithin([later.EvidenceId, earlier.EvidenceId], february, march)!.Feedback.Mastery
            .Should().Be("Later result", "the February period's card shows February's newest feedback, whenever it was loaded");
        new FeedbackTrail(record).LatestOnMasteryWithin([later.EvidenceId, earlier.EvidenceId], march, april.Plus(Duration.FromDays(1))).Should().BeNull();
        new FeedbackTrail(record).Latest([later.EvidenceId, earlier.EvidenceId])!.GivenAt.Should().Be(later.OccurredAt);
    }

    [Fact]
    public void A_report_cards_highlight_is_the_newest_note_on_mastery_given_within_the_period()
    {
        var own = Evidence(March, new EvidenceFeedback(null, null, "Accurate"));
        var inPeriod = Later(own.EvidenceId, null, "educator", March.Plus(Duration.FromDays(3)), mastery: "Explains equivalence");
        var effortOnly = Later(own.EvidenceId, null, "educator", March.Plus(Duration.FromDays(4)), process: "Neat");
        var afterPeriod = Later(own.EvidenceId, null, "educator", March.Plus(Duration.FromDays(40)), mastery: "Too late for this card");
        var record = Given(own, inPeriod, effortOnly, afterPeriod);
        var (start, end) = (March.Minus(Duration.FromDays(1)), March.Plus(Duration.FromDays(30)));

        new FeedbackTrail(record).LatestOnMasteryWithin([own.EvidenceId], start, end)!.Feedback.Mastery.Should().Be("Explains equivalence");
        new FeedbackTrail(record).LatestOnMasteryWithin([own.EvidenceId], start, March.Plus(Duration.FromDays(2)))!.Feedback.Mastery.Should().Be("Accurate");
        new FeedbackTrail(record).LatestOnMasteryWithin([own.EvidenceId], end, end.Plus(Duration.FromDays(1))).Should().BeNull();
        new FeedbackTrail(record).On([]).Should().BeEmpty();
    }
}
