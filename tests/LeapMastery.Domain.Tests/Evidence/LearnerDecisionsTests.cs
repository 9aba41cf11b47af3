using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Evidence;

public sealed class LearnerDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid Competency = Guid.NewGuid();
    private static readonly Guid Framework = Guid.NewGuid();

    private static RecordEvidence Record(string? sourceId, Instant occurredAt, Instant now, string level = "3") =>
        new(Guid.NewGuid(), "learner-1", "lms", sourceId, EvidenceModality.Assessment, occurredAt,
            [new EvidenceAlignment(Framework, Competency, AlignmentScore.OfLevel(level))], null, null, now, "client");

    [Fact]
    public void A_repeat_with_the_same_source_id_answers_the_first_entry_and_records_nothing()
    {
        var first = LearnerDecisions.Decide(Record("r-1", Now, Now), LearnerRecord.Empty("learner-1"));
        var state = LearnerRecord.Empty("learner-1").Apply(first.NewEvent!);
        var repeat = LearnerDecisions.Decide(Record("r-1", Now, Now.Plus(Duration.FromSeconds(30))), state);
        repeat.NewEvent.Should().BeNull();
        repeat.Existing!.Recorded.EvidenceId.Should().Be(first.NewEvent!.EvidenceId);
    }

    [Fact]
    public void Evidence_without_a_source_id_is_never_deduplicated()
    {
        var first = LearnerDecisions.Decide(Record(null, Now, Now), LearnerRecord.Empty("learner-1"));
        var state = LearnerRecord.Empty("learner-1").Apply(first.NewEvent!);
        LearnerDecisions.Decide(Record(null, Now, Now), state).NewEvent.Should().NotBeNull();
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public void OccurredAt_may_be_ahead_of_the_clock_only_by_the_allowed_skew(int minutesAhead, bool accepted)
    {
        var decision = LearnerDecisions.Decide(Record("r", Now.Plus(Duration.FromMinutes(minutesAhead)), Now), LearnerRecord.Empty("learner-1"));
        (decision.NewEvent is not null).Should().Be(accepted);
        (decision.Refusal is not null).Should().Be(!accepted);
    }

    [Fact]
    public void Retracted_evidence_cannot_be_retracted_again_or_corrected()
    {
        var recorded = LearnerDecisions.Decide(Record("r", Now, Now), LearnerRecord.Empty("learner-1")).NewEvent!;
        var state = LearnerRecord.Empty("learner-1").Apply(recorded);
        var retracted = LearnerDecisions.Decide(new RetractEvidence(recorded.EvidenceId, "wrong rubric", Now, "c"), state);
        state = state.Apply(retracted.NewEvent!);
        LearnerDecisions.Decide(new RetractEvidence(recorded.EvidenceId, "again", Now, "c"), state).Refusal.Should().NotBeNull();
        LearnerDecisions.Decide(new CorrectEvidence(recorded.EvidenceId, recorded.Alignments, "fix", Now, "c"), state).Refusal.Should().NotBeNull();
    }

    [Fact]
    public void Unknown_evidence_is_neither_found_nor_changed()
    {
        var d = LearnerDecisions.Decide(new RetractEvidence(Guid.NewGuid(), "x", Now, "c"), LearnerRecord.Empty("learner-1"));
        d.NewEvent.Should().BeNull();
        d.Existing.Should().BeNull();
    }

    [Fact]
    public void As_of_an_instant_hides_what_was_recorded_corrected_or_retracted_later()
    {
        var recorded = LearnerDecisions.Decide(Record("r", Now, Now), LearnerRecord.Empty("learner-1")).NewEvent!;
        var later = Now.Plus(Duration.FromDays(1));
        var state = LearnerRecord.Empty("learner-1")
            .Apply(recorded)
            .Apply(new EvidenceCorrected(recorded.EvidenceId, [new EvidenceAlignment(Framework, Competency, AlignmentScore.OfLevel("1"))], "rescored", later, "c"))
            .Apply(new EvidenceRetracted(recorded.EvidenceId, "void", later.Plus(Duration.FromHours(1)), "c"));

        var before = state.AsOf(Now.Plus(Duration.FromHours(1)));
        before.Evidence.Should().ContainSingle();
        before.Evidence[0].IsRetracted.Should().BeFalse();
        before.Evidence[0].CurrentAlignments[0].Score.Level.Should().Be("3");

        var afterCorrection = state.AsOf(later);
        afterCorrection.Evidence[0].CurrentAlignments[0].Score.Level.Should().Be("1");
        afterCorrection.Evidence[0].IsRetracted.Should().BeFalse();

        state.AsOf(Now.Minus(Duration.FromSeconds(1))).Evidence.Should().BeEmpty();
        state.Evidence[0].IsRetracted.Should().BeTrue();
    }
}
