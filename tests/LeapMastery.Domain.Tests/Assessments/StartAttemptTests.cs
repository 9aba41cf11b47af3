using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Recognitions;
using LeapMastery.Domain.Tests.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Assessments;

/// <summary>Given the learner's events, when an attempt is started, then it is started or refused with why.</summary>
public sealed class StartAttemptTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid FrameworkId = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid();

    private static readonly FrameworkInForce Framework = new(FrameworkId, 1, new FrameworkDefinition(
        "f", "Fractions", null, Scales.FourPoint, CalculationPolicy.For(CalculationMethod.MostRecent),
        [new CompetencyDefinition(A, "A", "Unit fractions", CompetencyKind.Competency, null, null),
         new CompetencyDefinition(B, "B", "Equivalent fractions", CompetencyKind.Competency, null, null)],
        [new PrerequisiteLink("B", "A")],
        [new ProgressionDefinition("fractions", "Fractions", ["A", "B"])],
        []));

    private static AssessmentDefinition Quiz(bool requirePrerequisites, int? maxAttempts = null) =>
        new("quiz-b", "Quiz on B", FrameworkId, EvidenceModality.Assessment, [new AssessmentSection("s1", null, B, 10)], [], maxAttempts, requirePrerequisites, []);

    private static StartAttempt Start() => new(Guid.NewGuid(), "l-1", Guid.NewGuid(), "learner", Now, "client");

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    private static EvidenceRecorded Evidence(Guid competency, string level) =>
        new(Guid.NewGuid(), "l-1", "lms", Guid.NewGuid().ToString(), EvidenceModality.Assessment, Now, Now, "client",
            [new EvidenceAlignment(FrameworkId, competency, AlignmentScore.OfLevel(level))], null, null);

    [Fact]
    public void An_assessment_that_asks_for_prerequisites_refuses_a_learner_who_has_not_mastered_them()
    {
        var decision = AttemptDecisions.Start(Start(), Quiz(requirePrerequisites: true), Framework, Given(Evidence(A, "2")));

        decision.Events.Should().BeEmpty();
        decision.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        decision.Refusal.Errors.Should().Equal(new DomainError("assessmentId", "Prerequisites not yet mastered or placed: A."));
    }

    [Fact]
    public void Mastery_of_the_prerequisite_lets_the_attempt_start()
    {
        var decision = AttemptDecisions.Start(Start(), Quiz(requirePrerequisites: true), Framework, Given(Evidence(A, "2"), Evidence(A, "3")));

        decision.Refusal.Should().BeNull();
        decision.Events.Should().ContainSingle().Which.Should().BeOfType<AttemptStarted>().Which.Number.Should().Be(1);
    }

    [Fact]
    public void A_placement_past_the_prerequisite_counts_as_done()
    {
        var placed = new PlacementRecorded(Guid.NewGuid(), "l-1", FrameworkId, "fractions", 2, "preAssessment", null, Now, "client");

        AttemptDecisions.Start(Start(), Quiz(requirePrerequisites: true), Framework, Given(placed)).Refusal.Should().BeNull();
    }

    [Fact]
    public void Without_the_gate_anyone_may_attempt_at_any_time()
    {
        AttemptDecisions.Start(Start(), Quiz(requirePrerequisites: false), Framework, Given()).Events.Should().ContainSingle();
    }

    [Fact]
    public void The_attempt_limit_counts_attempts_that_were_not_voided()
    {
        var first = new AttemptStarted(Guid.NewGuid(), "l-1", Guid.Empty, 1, "learner", Now, "client");
        var quiz = Quiz(requirePrerequisites: false, maxAttempts: 1);
        var start = Start() with { AssessmentId = Guid.Empty };

        var refused = AttemptDecisions.Start(start, quiz, Framework, Given(first)).Refusal!;
        refused.Kind.Should().Be(RefusalKind.Conflict);
        refused.Errors.Should().ContainSingle().Which.Field.Should().Be("assessmentId");
        refused.Message.Should().StartWith("The assessment allows 1 attempt");
        AttemptDecisions.Start(start, quiz, Framework, Given(first, new AttemptVoided(first.AttemptId, "fire drill", Now, "client")))
            .Events.Should().ContainSingle().Which.Should().BeOfType<AttemptStarted>().Which.Number.Should().Be(2);
    }
}
