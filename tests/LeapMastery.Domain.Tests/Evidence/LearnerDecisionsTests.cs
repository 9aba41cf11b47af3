using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Evidence;

/// <summary>Given the learner's events, when a command about evidence arrives, then these events follow, or this refusal.</summary>
public sealed class LearnerDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid Competency = Guid.NewGuid();
    private static readonly Guid Framework = Guid.NewGuid();

    private static RecordEvidence Record(string? sourceId, Instant occurredAt, Instant now, string level = "3", EvidenceActor? actor = null) =>
        new(Guid.NewGuid(), "learner-1", "lms", sourceId, EvidenceModality.Assessment, occurredAt,
            [new EvidenceAlignment(Framework, Competency, AlignmentScore.OfLevel(level))], null, null, now, "client", actor);

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("learner-1"), events);

    private static EvidenceRecorded Recorded(RecordEvidence c) => LearnerDecisions.Decide(c, Given()).First<EvidenceRecorded>()!;

    private static void ShouldBeRefused(Decision decision, RefusalKind kind, string field)
    {
        decision.Events.Should().BeEmpty();
        decision.Refusal.Should().NotBeNull();
        decision.Refusal!.Kind.Should().Be(kind);
        decision.Refusal.Errors.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    [Fact]
    public void A_repeat_with_the_same_source_id_records_nothing_and_is_not_refused()
    {
        var first = Recorded(Record("r-1", Now, Now));
        var repeat = LearnerDecisions.Decide(Record("r-1", Now, Now.Plus(Duration.FromSeconds(30))), Given(first));
        repeat.Should().BeSameAs(Decision.Unchanged);
        Given(first).FindBySource("lms", "r-1")!.Recorded.EvidenceId.Should().Be(first.EvidenceId);
    }

    [Fact]
    public void Evidence_without_a_source_id_is_never_deduplicated()
    {
        var first = Recorded(Record(null, Now, Now));
        LearnerDecisions.Decide(Record(null, Now, Now), Given(first)).Events.Should().ContainSingle().Which.Should().BeOfType<EvidenceRecorded>();
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public void OccurredAt_may_be_ahead_of_the_clock_only_by_the_allowed_skew(int minutesAhead, bool accepted)
    {
        var decision = LearnerDecisions.Decide(Record("r", Now.Plus(Duration.FromMinutes(minutesAhead)), Now), Given());
        if (accepted) decision.Events.Should().ContainSingle();
        else ShouldBeRefused(decision, RefusalKind.Invalid, "occurredAt");
    }

    [Fact]
    public void Retracted_evidence_cannot_be_retracted_again_corrected_or_validated()
    {
        var recorded = Recorded(Record("r", Now, Now));
        var retracted = LearnerDecisions.Decide(new RetractEvidence(recorded.EvidenceId, "wrong rubric", Now, "c"), Given(recorded));
        var state = Given(recorded, retracted.Events.Single());

        ShouldBeRefused(LearnerDecisions.Decide(new RetractEvidence(recorded.EvidenceId, "again", Now, "c"), state), RefusalKind.Conflict, "evidenceId");
        ShouldBeRefused(LearnerDecisions.Decide(new CorrectEvidence(recorded.EvidenceId, recorded.Alignments, "fix", Now, "c"), state), RefusalKind.Conflict, "evidenceId");
        ShouldBeRefused(LearnerDecisions.Decide(new ValidateEvidence(recorded.EvidenceId, true, null, Now, "c"), state), RefusalKind.Conflict, "evidenceId");
    }

    [Fact]
    public void Unknown_evidence_is_not_found_by_its_id_whatever_the_command()
    {
        var unknown = Guid.NewGuid();
        ShouldBeRefused(LearnerDecisions.Decide(new RetractEvidence(unknown, "x", Now, "c"), Given()), RefusalKind.NotFound, "evidenceId");
        ShouldBeRefused(LearnerDecisions.Decide(new CorrectEvidence(unknown, [], "x", Now, "c"), Given()), RefusalKind.NotFound, "evidenceId");
        ShouldBeRefused(LearnerDecisions.Decide(new ValidateEvidence(unknown, true, null, Now, "c"), Given()), RefusalKind.NotFound, "evidenceId");
    }

    [Fact]
    public void Only_partner_evidence_awaits_validation_and_only_once()
    {
        var own = Recorded(Record("own", Now, Now));
        ShouldBeRefused(LearnerDecisions.Decide(new ValidateEvidence(own.EvidenceId, true, null, Now, "c"), Given(own)), RefusalKind.Conflict, "evidenceId");

        var partner = Recorded(Record("partner", Now, Now, actor: new EvidenceActor(EvidenceActor.Partner, "museum")));
        var validated = LearnerDecisions.Decide(new ValidateEvidence(partner.EvidenceId, true, "checked", Now, "c"), Given(partner));
        validated.Events.Should().ContainSingle().Which.Should().BeOfType<EvidenceValidated>().Which.Accepted.Should().BeTrue();
        ShouldBeRefused(LearnerDecisions.Decide(new ValidateEvidence(partner.EvidenceId, false, null, Now, "c"), Given(partner, validated.Events[0])),
            RefusalKind.Conflict, "evidenceId");
    }

    [Fact]
    public void Feedback_is_given_on_evidence_or_an_attempt_the_learner_has()
    {
        var recorded = Recorded(Record("r", Now, Now));
        var feedback = new EvidenceFeedback("Kept going", null, null);
        var onEvidence = new GiveFeedback(Guid.NewGuid(), recorded.EvidenceId, null, new FeedbackAuthor("educator", "t-1"), feedback, Now, "c");

        LearnerDecisions.Decide(onEvidence, Given(recorded)).Events.Should().ContainSingle().Which.Should().BeOfType<FeedbackGiven>();
        ShouldBeRefused(LearnerDecisions.Decide(onEvidence, Given()), RefusalKind.NotFound, "evidenceId");
        ShouldBeRefused(LearnerDecisions.Decide(onEvidence with { EvidenceId = null, AttemptId = Guid.NewGuid() }, Given(recorded)), RefusalKind.NotFound, "attemptId");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void A_placement_may_be_at_any_step_of_the_progression_and_no_other(int step, bool placed)
    {
        var decision = LearnerDecisions.Decide(new PlaceLearner(Guid.NewGuid(), "learner-1", Framework, "fractions", step, 4, "preAssessment", null, Now, "c"));
        if (placed) decision.First<PlacementRecorded>()!.Step.Should().Be(step);
        else ShouldBeRefused(decision, RefusalKind.Invalid, "step");
    }

    [Fact]
    public void A_source_that_resends_the_latest_score_corrects_on_a_new_score_and_changes_nothing_on_the_same()
    {
        var first = Recorded(Record("res-1", Now, Now, level: "2"));
        var state = Given(first);

        LearnerDecisions.DecideLatest(Record("res-1", Now, Now, level: "2"), state).Should().BeSameAs(Decision.Unchanged);
        var corrected = LearnerDecisions.DecideLatest(Record("res-1", Now, Now, level: "4"), state).Events.Should().ContainSingle()
            .Which.Should().BeOfType<EvidenceCorrected>().Subject;
        corrected.EvidenceId.Should().Be(first.EvidenceId);
        LearnerDecisions.DecideLatest(Record("res-2", Now, Now), state).Events.Should().ContainSingle().Which.Should().BeOfType<EvidenceRecorded>();
    }

    [Fact]
    public void As_of_an_instant_hides_what_was_recorded_corrected_or_retracted_later()
    {
        var recorded = Recorded(Record("r", Now, Now));
        var later = Now.Plus(Duration.FromDays(1));
        var state = Given(recorded,
            new EvidenceCorrected(recorded.EvidenceId, [new EvidenceAlignment(Framework, Competency, AlignmentScore.OfLevel("1"))], "rescored", later, "c"),
            new EvidenceRetracted(recorded.EvidenceId, "void", later.Plus(Duration.FromHours(1)), "c"));

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

    [Fact]
    public void A_reflection_is_on_evidence_the_learner_has_and_is_kept_as_of_its_time_without_changing_a_score()
    {
        var evidence = Recorded(Record("r-9", Now, Now));
        ShouldBeRefused(LearnerDecisions.Decide(new AddReflection(Guid.NewGuid(), Guid.NewGuid(), "Hm.", Now, "app"), Given(evidence)), RefusalKind.NotFound, "evidenceId");

        var decision = LearnerDecisions.Decide(new AddReflection(Guid.NewGuid(), evidence.EvidenceId, "I checked it twice.", Now.Plus(Duration.FromHours(1)), "app"), Given(evidence));
        var reflection = decision.Events.Should().ContainSingle().Which.Should().BeOfType<ReflectionAdded>().Subject;
        var record = Given(evidence, reflection);
        record.AllReflections.Should().ContainSingle().Which.Text.Should().Be("I checked it twice.");
        record.Evidence.Should().ContainSingle("a reflection is not evidence");
        record.AsOf(Now.Plus(Duration.FromMinutes(30))).AllReflections.Should().BeEmpty("as of before it, it was not there");
    }
}
