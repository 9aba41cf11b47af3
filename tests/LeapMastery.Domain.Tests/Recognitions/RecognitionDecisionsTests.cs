using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Recognitions;
using NodaTime;

namespace LeapMastery.Domain.Tests.Recognitions;

/// <summary>Given the learner's events, when an educator awards or revokes a recognition, then it is recorded, or refused by field.</summary>
public sealed class RecognitionDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid RecognitionId = Guid.NewGuid();

    private static readonly EvidenceRecorded Evidence = new(Guid.NewGuid(), "l-1", "lms", "r-1", EvidenceModality.Project, Now, Now, "client",
        [new EvidenceAlignment(Guid.NewGuid(), Guid.NewGuid(), AlignmentScore.OfLevel("4"))], null, null);

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    private static AwardRecognition Award(params Guid[] evidence) => new(Guid.NewGuid(), "l-1", RecognitionId, "Portfolio defence", evidence, Now, "educator");

    [Fact]
    public void A_manual_award_cites_the_learners_evidence_once_each()
    {
        var awarded = RecognitionDecisions.Award(Award(Evidence.EvidenceId, Evidence.EvidenceId), Given(Evidence)).First<RecognitionAwarded>()!;

        awarded.Manual.Should().BeTrue();
        awarded.EvidenceIds.Should().Equal(Evidence.EvidenceId);
    }

    [Fact]
    public void Evidence_the_learner_does_not_have_is_refused_as_invalid_evidenceIds()
    {
        var stranger = Guid.NewGuid();
        var refusal = RecognitionDecisions.Award(Award(Evidence.EvidenceId, stranger), Given(Evidence)).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.Invalid);
        refusal.Errors.Should().ContainSingle().Which.Should().Be(new DomainError("evidenceIds", $"Not evidence of this learner: {stranger}."));
    }

    [Fact]
    public void A_learner_holds_a_recognition_once_until_it_is_revoked()
    {
        var first = RecognitionDecisions.Award(Award(), Given()).First<RecognitionAwarded>()!;
        var held = RecognitionDecisions.Award(Award(), Given(first)).Refusal!;
        held.Kind.Should().Be(RefusalKind.Conflict);
        held.Errors.Single().Field.Should().Be("recognitionId");

        var revoked = RecognitionDecisions.Revoke(new RevokeRecognition(first.AwardId, "awarded in error", Now, "educator"), Given(first));
        revoked.Events.Should().ContainSingle().Which.Should().BeOfType<RecognitionRevoked>();
        RecognitionDecisions.Award(Award(), Given(first, revoked.Events[0])).Events.Should().ContainSingle();
    }

    [Fact]
    public void Revoking_an_unknown_award_is_not_found_and_revoking_twice_is_a_conflict()
    {
        var unknown = RecognitionDecisions.Revoke(new RevokeRecognition(Guid.NewGuid(), "x", Now, "e"), Given()).Refusal!;
        unknown.Kind.Should().Be(RefusalKind.NotFound);
        unknown.Errors.Single().Field.Should().Be("awardId");

        var first = RecognitionDecisions.Award(Award(), Given()).First<RecognitionAwarded>()!;
        var revoked = new RecognitionRevoked(first.AwardId, "error", Now, "e");
        RecognitionDecisions.Revoke(new RevokeRecognition(first.AwardId, "again", Now, "e"), Given(first, revoked)).Refusal!.Kind
            .Should().Be(RefusalKind.Conflict);
    }

    private static DefineRecognition Define(Criterion criteria, bool codeTaken = false, Guid? known = null) =>
        new(Guid.NewGuid(), new RecognitionDefinition("badge", "Badge", "A badge.", RecognitionKind.Badge, criteria, false, 1m), codeTaken,
            CompetencyExists: id => id == known, ProgressionSteps: (_, code) => code == "path" ? 3 : null, LevelExists: (_, level) => level == "3", Now, "admin");

    [Fact]
    public void A_recognition_is_defined_when_its_criteria_name_what_the_frameworks_hold_and_its_code_is_free()
    {
        var competency = Guid.NewGuid();
        var defined = RecognitionDecisions.Define(Define(new AllOfCriterion([new CompetencyMasteredCriterion(competency), new MinLevelCriterion(competency, "3")]),
            known: competency)).First<RecognitionDefined>()!;
        defined.Definition.Criteria.Leaves().Should().HaveCount(2);

        var taken = RecognitionDecisions.Define(Define(new CompetencyMasteredCriterion(competency), codeTaken: true, known: competency)).Refusal!;
        (taken.Kind, taken.Errors.Single().Field).Should().Be((RefusalKind.Conflict, "code"));
    }

    [Fact]
    public void Criteria_that_name_nothing_the_frameworks_hold_are_invalid_by_field()
    {
        var refusal = RecognitionDecisions.Define(Define(new NOfCriterion(3,
        [
            new CompetencyMasteredCriterion(Guid.NewGuid()), new MinLevelCriterion(Guid.Empty, ""), new ProgressionStepCriterion(Guid.NewGuid(), "path", 5),
        ]))).Refusal!;
        refusal.Kind.Should().Be(RefusalKind.Invalid);
        refusal.Errors.Select(e => e.Field).Should().Equal(
            "criteria.children[0].competencyId", "criteria.children[1].competencyId", "criteria.children[2].step");
        RecognitionDecisions.Define(Define(new AllOfCriterion([]))).Refusal!.Errors.Select(e => e.Field).Should().Equal("criteria.children");
        RecognitionDecisions.Define(Define(new NOfCriterion(0, []))).Refusal!.Errors.Select(e => e.Field).Should().Equal("criteria.children", "criteria.n");
    }
}
