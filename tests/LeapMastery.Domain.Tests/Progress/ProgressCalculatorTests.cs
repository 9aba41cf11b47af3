using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Tests.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Progress;

/// <summary>Given a learner's evidence and placements, then each competency's standing and each progression's step follow from them alone.</summary>
public sealed class ProgressCalculatorTests
{
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid FrameworkId = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    private static readonly FrameworkDefinition Fractions = new("fractions", "Fractions", null, Scales.FourPoint, CalculationPolicy.For(CalculationMethod.MostRecent),
        [
            new CompetencyDefinition(A, "A", "Unit fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(B, "B", "Equivalent fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(C, "C", "Add fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(D, "D", "Multiply fractions", CompetencyKind.Competency, null, null),
        ],
        [], [new ProgressionDefinition("path", "Path", ["A", "B", "C", "D"])], []);

    private static EvidenceRecorded Evidence(Guid competency, string level, int day) =>
        new(Guid.NewGuid(), "l-1", "lms", null, EvidenceModality.Assessment, March.Plus(Duration.FromDays(day)), March.Plus(Duration.FromDays(day)), "client",
            [new EvidenceAlignment(FrameworkId, competency, AlignmentScore.OfLevel(level))], null, null);

    private static FrameworkProgress Given(params object[] events) =>
        ProgressCalculator.ForFramework(LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events), FrameworkId, 1, Fractions, March.Plus(Duration.FromDays(30)));

    [Fact]
    public void Each_competency_stands_mastered_in_progress_placed_or_not_yet_assessed()
    {
        var progress = Given(
            new PlacementRecorded(Guid.NewGuid(), "l-1", FrameworkId, "path", 2, "preAssessment", null, March, "client"),
            Evidence(B, "4", 1), Evidence(C, "2", 2));

        progress.Competencies.Select(c => (c.Competency.Code, c.Standing)).Should().Equal(
            ("A", CompetencyStanding.Placed), ("B", CompetencyStanding.Mastered), ("C", CompetencyStanding.InProgress), ("D", CompetencyStanding.NotYetAssessed));
        progress.Find(C)!.LastEvidenceAt.Should().Be(March.Plus(Duration.FromDays(2)));
        progress.Progressions.Single().CurrentStep.Should().Be(new ProgressionStep(3, C, "C"), "A is placed, B mastered: C is the first step not done");
    }

    [Fact]
    public void A_correction_or_a_retraction_changes_the_answer_and_a_finished_progression_has_no_current_step()
    {
        var b = Evidence(B, "1", 1);
        Given(b).Find(B)!.Standing.Should().Be(CompetencyStanding.InProgress);
        Given(b, new EvidenceCorrected(b.EvidenceId, [new EvidenceAlignment(FrameworkId, B, AlignmentScore.OfLevel("4"))], "typo", March, "client"))
            .Find(B)!.Standing.Should().Be(CompetencyStanding.Mastered);
        Given(b, new EvidenceRetracted(b.EvidenceId, "wrong learner", March, "client")).Find(B)!.Standing.Should().Be(CompetencyStanding.NotYetAssessed);

        Given(Evidence(A, "4", 1), Evidence(B, "4", 1), Evidence(C, "3", 1), Evidence(D, "3", 1)).Progressions.Single().CurrentStep.Should().BeNull();
    }
}
