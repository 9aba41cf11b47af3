using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Assessments;

/// <summary>Given an attempt's events, when it is submitted, scored or voided, then these events follow, or this refusal.</summary>
public sealed class AttemptDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid FrameworkId = Guid.NewGuid(), Competency = Guid.NewGuid();
    private static readonly Guid AttemptId = Guid.NewGuid();

    private static readonly AssessmentDefinition Quiz =
        new("quiz", "Quiz", FrameworkId, EvidenceModality.Assessment, [new AssessmentSection("s1", null, Competency, 10)], [], null, false, []);

    private static readonly AttemptStarted Started = new(AttemptId, "l-1", Guid.NewGuid(), 1, "learner", Now, "client");

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    private static ScoreAttempt Score(params (string Section, decimal Points)[] sections) =>
        new(AttemptId, sections.Select(s => new SectionScore(s.Section, s.Points)).ToList(), null, Guid.NewGuid(), Now, "educator");

    [Fact]
    public void Submitting_a_started_attempt_submits_it_and_a_repeat_changes_nothing()
    {
        var submitted = AttemptDecisions.Submit(AttemptId, "https://work.example/1", Now, Given(Started));
        submitted.Events.Should().ContainSingle().Which.Should().BeOfType<AttemptSubmitted>();

        var repeat = AttemptDecisions.Submit(AttemptId, null, Now, Given(Started, submitted.Events[0]));
        repeat.IsRefused.Should().BeFalse();
        repeat.Events.Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_attempt_is_not_found_by_its_id()
    {
        var refusal = AttemptDecisions.Submit(Guid.NewGuid(), null, Now, Given()).Refusal!;
        refusal.Kind.Should().Be(RefusalKind.NotFound);
        refusal.Errors.Should().ContainSingle().Which.Field.Should().Be("attemptId");
    }

    [Fact]
    public void Scoring_records_evidence_linked_to_the_attempt_at_the_submission_instant()
    {
        var submittedAt = Now.Minus(Duration.FromHours(2));
        var decision = AttemptDecisions.Score(Score(("s1", 8)), Quiz, Given(Started, new AttemptSubmitted(AttemptId, submittedAt, null)));

        decision.Events.Should().HaveCount(2);
        var recorded = decision.Events[1].Should().BeOfType<EvidenceRecorded>().Subject;
        recorded.OccurredAt.Should().Be(submittedAt);
        recorded.SourceId.Should().Be(AttemptId.ToString());
        recorded.Alignments.Should().ContainSingle().Which.Score.Should().Be(AlignmentScore.OfRaw(8, 10));
    }

    [Fact]
    public void Scoring_again_corrects_the_evidence_of_the_first_score()
    {
        var first = AttemptDecisions.Score(Score(("s1", 4)), Quiz, Given(Started));
        var again = AttemptDecisions.Score(Score(("s1", 9)), Quiz, Given([Started, .. first.Events]));

        var correction = again.Events.OfType<EvidenceCorrected>().Should().ContainSingle().Subject;
        correction.EvidenceId.Should().Be(((EvidenceRecorded)first.Events[1]).EvidenceId);
        again.Events.OfType<EvidenceRecorded>().Should().BeEmpty();
    }

    [Fact]
    public void Invalid_section_scores_are_refused_each_by_its_field()
    {
        var refusal = AttemptDecisions.Score(Score(("s1", 11), ("nope", 1), ("s1", 2)), Quiz, Given(Started)).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.Invalid);
        refusal.Errors.Select(e => e.Field).Should().Equal("sections[0].points", "sections[1].sectionCode", "sections[2].sectionCode");
    }

    [Fact]
    public void Voiding_retracts_the_attempts_evidence_and_a_voided_attempt_is_neither_voided_again_nor_scored()
    {
        var scored = AttemptDecisions.Score(Score(("s1", 7)), Quiz, Given(Started));
        var voided = AttemptDecisions.Void(AttemptId, "fire drill", Now, "educator", Given([Started, .. scored.Events]));

        voided.Events.Should().HaveCount(2);
        voided.Events[1].Should().BeOfType<EvidenceRetracted>().Which.EvidenceId.Should().Be(((EvidenceRecorded)scored.Events[1]).EvidenceId);

        var after = Given([Started, .. scored.Events, .. voided.Events]);
        AttemptDecisions.Void(AttemptId, "again", Now, "educator", after).Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        var rescoring = AttemptDecisions.Score(Score(("s1", 9)), Quiz, after).Refusal!;
        rescoring.Kind.Should().Be(RefusalKind.Conflict);
        rescoring.Errors.Should().ContainSingle().Which.Field.Should().Be("attemptId");
    }
}
