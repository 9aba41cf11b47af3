using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;
using LeapMastery.Domain.Tests.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Recognitions;

/// <summary>Given a learner's events, then a recognition's criteria are met or not, and what follows a write is decided once.</summary>
public sealed class CriteriaAndConsequencesTests
{
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid FrameworkId = Guid.NewGuid(), RecognitionId = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    private static readonly FrameworkInForce Fractions = new(FrameworkId, 1, new FrameworkDefinition("fractions", "Fractions", null, Scales.FourPoint,
        CalculationPolicy.For(CalculationMethod.MostRecent),
        [
            new CompetencyDefinition(A, "A", "Unit fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(B, "B", "Equivalent fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(C, "C", "Add fractions", CompetencyKind.Competency, null, null),
        ],
        [], [new ProgressionDefinition("path", "Path", ["A", "B", "C"])], []));

    private static int _n;

    private static EvidenceRecorded Evidence(Guid competency, string level) =>
        new(Guid.NewGuid(), "l-1", "lms", null, EvidenceModality.Assessment, March.Plus(Duration.FromMinutes(++_n)), March.Plus(Duration.FromMinutes(_n)), "client",
            [new EvidenceAlignment(FrameworkId, competency, AlignmentScore.OfLevel(level))], null, null);

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    private static IReadOnlyList<FrameworkProgress> Progress(LearnerRecord record) => LearnerConsequences.Progress(record, [Fractions], March.Plus(Duration.FromDays(30)));

    private static RecognitionDefinition Badge(Criterion criteria, bool countPlaced = false) =>
        new("badge", "Fractions badge", "Mastered fractions.", RecognitionKind.Badge, criteria, countPlaced, null);

    private static Criterion Mastered(Guid id) => new CompetencyMasteredCriterion(id);

    private static PlacementRecorded Placed(int step) => new(Guid.NewGuid(), "l-1", FrameworkId, "path", step, "preAssessment", null, March, "client");

    [Fact]
    public void All_of_needs_every_child_and_names_the_competencies_and_evidence_that_show_it()
    {
        var a = Evidence(A, "4");
        var b = Evidence(B, "3");
        var allOf = Badge(new AllOfCriterion([Mastered(A), Mastered(B)]));

        CriteriaEvaluator.Evaluate(allOf, Progress(Given(a))).Met.Should().BeFalse();
        var met = CriteriaEvaluator.Evaluate(allOf, Progress(Given(a, b)));
        met.Met.Should().BeTrue();
        met.Competencies.Should().BeEquivalentTo([A, B]);
        met.EvidenceIds.Should().BeEquivalentTo([a.EvidenceId, b.EvidenceId]);
    }

    [Fact]
    public void N_of_min_level_and_progression_step_each_decide_as_defined()
    {
        var record = Given(Evidence(A, "4"), Evidence(B, "2"));
        CriteriaEvaluator.Evaluate(Badge(new NOfCriterion(1, [Mastered(A), Mastered(B), Mastered(C)])), Progress(record)).Met.Should().BeTrue();
        CriteriaEvaluator.Evaluate(Badge(new NOfCriterion(2, [Mastered(A), Mastered(B), Mastered(C)])), Progress(record)).Met.Should().BeFalse();
        CriteriaEvaluator.Evaluate(Badge(new MinLevelCriterion(B, "2")), Progress(record)).Met.Should().BeTrue();
        CriteriaEvaluator.Evaluate(Badge(new MinLevelCriterion(B, "3")), Progress(record)).Met.Should().BeFalse();
        // Step 2 reached: the steps before it (A) are done. Step 3 needs B mastered too.
        CriteriaEvaluator.Evaluate(Badge(new ProgressionStepCriterion(FrameworkId, "path", 2)), Progress(record)).Met.Should().BeTrue();
        CriteriaEvaluator.Evaluate(Badge(new ProgressionStepCriterion(FrameworkId, "path", 3)), Progress(record)).Met.Should().BeFalse();
    }

    [Fact]
    public void Placement_counts_only_for_a_recognition_that_says_so()
    {
        var placed = Given(Placed(3));
        var criteria = new AllOfCriterion([Mastered(A), Mastered(B)]);
        CriteriaEvaluator.Evaluate(Badge(criteria), Progress(placed)).Met.Should().BeFalse("placement is not demonstrated mastery");
        CriteriaEvaluator.Evaluate(Badge(criteria, countPlaced: true), Progress(placed)).Met.Should().BeTrue();
    }

    [Fact]
    public void A_recognition_is_awarded_once_flagged_when_no_longer_met_and_cleared_when_met_again()
    {
        var badge = new RecognitionInForce(RecognitionId, Badge(Mastered(A)));
        IReadOnlyList<object> Decide(LearnerRecord before, params object[] events) =>
            LearnerConsequences.Decide(before, LearnerRecordEvolution.ApplyAll(before, events), [Fractions], [badge], March, "client", Guid.NewGuid);

        var mastered = Evidence(A, "4");
        var first = Decide(Given(), mastered);
        var changed = first.OfType<CompetencyStateChanged>().Should().ContainSingle().Subject;
        (changed.FromLevel, changed.ToLevel, changed.WasMastered, changed.IsMastered).Should().Be(((string?)null, "4", false, true));
        var awarded = first.OfType<RecognitionAwarded>().Should().ContainSingle().Subject;
        awarded.Manual.Should().BeFalse();
        awarded.EvidenceIds.Should().Equal(mastered.EvidenceId);

        var held = Given([mastered, .. first]);
        Decide(held, Evidence(A, "3")).OfType<RecognitionAwarded>().Should().BeEmpty("awarded once, whatever the path");

        var dropped = Evidence(A, "1");
        var flag = Decide(held, dropped);
        flag.OfType<RecognitionFlaggedForReview>().Should().ContainSingle().Which.AwardId.Should().Be(awarded.AwardId);
        var flagged = LearnerRecordEvolution.ApplyAll(held, [dropped, .. flag]);
        Decide(flagged, Evidence(A, "1")).Should().BeEmpty("already flagged, and no level or mastery changed");

        var again = Decide(flagged, Evidence(A, "4"));
        again.OfType<RecognitionReviewCleared>().Should().ContainSingle().Which.AwardId.Should().Be(awarded.AwardId);
        again.OfType<RecognitionAwarded>().Should().BeEmpty();
    }

    [Fact]
    public void A_revoked_automatic_award_is_not_awarded_again_by_itself_but_a_revoked_manual_one_does_not_block_it()
    {
        var badge = new RecognitionInForce(RecognitionId, Badge(Mastered(A)));
        var auto = new RecognitionAwarded(Guid.NewGuid(), "l-1", RecognitionId, false, null, [], [A], March, "client");
        var revokedAuto = Given(auto, new RecognitionRevoked(auto.AwardId, "in error", March, "educator"));
        LearnerConsequences.Decide(revokedAuto, LearnerRecordEvolution.ApplyAll(revokedAuto, [Evidence(A, "4")]), [Fractions], [badge], March, "client", Guid.NewGuid)
            .OfType<RecognitionAwarded>().Should().BeEmpty("an educator revoked it: the service does not award it back");

        var manual = auto with { AwardId = Guid.NewGuid(), Manual = true };
        var revokedManual = Given(manual, new RecognitionRevoked(manual.AwardId, "in error", March, "educator"));
        LearnerConsequences.Decide(revokedManual, LearnerRecordEvolution.ApplyAll(revokedManual, [Evidence(A, "4")]), [Fractions], [badge], March, "client", Guid.NewGuid)
            .OfType<RecognitionAwarded>().Should().ContainSingle();
    }

    [Fact]
    public void A_policy_preview_is_what_the_revision_to_that_policy_then_decides_for_every_method()
    {
        var badge = new RecognitionInForce(RecognitionId, Badge(new AllOfCriterion([Mastered(A), Mastered(B)])));
        var random = new Random(16);
        var levels = new[] { "1", "2", "3", "4" };
        var (earned, flagged, cleared) = (0, 0, 0);
        foreach (var method in CalculationMethods.All)
        for (var i = 0; i < 20; i++)
        {
            var evidence = Enumerable.Range(0, random.Next(1, 7)).Select(_ => (object)Evidence(random.Next(2) == 0 ? A : B, levels[random.Next(4)])).ToList();
            // Written one by one, with what each write decided under the policy in force (awards, flags, cleared flags).
            var held = LearnerRecord.Empty("l-1");
            foreach (var e in evidence)
            {
                var next = LearnerRecordEvolution.ApplyAll(held, [e]);
                held = LearnerRecordEvolution.ApplyAll(next, LearnerConsequences.Decide(held, next, [Fractions], [badge], March, "client", Guid.NewGuid));
            }
            var proposed = Fractions with { Version = 2, Definition = PolicyPreview.Proposed(Fractions.Definition, CalculationPolicy.For(method), random.Next(2) == 0 ? 3.5m : null) };

            var preview = PolicyPreview.ForLearner(held, Fractions, proposed, [], [badge], March.Plus(Duration.FromDays(30)));
            var applied = LearnerConsequences.DecideRevision(held, Fractions, proposed, [], [badge], March, "sweep", Guid.NewGuid);
            var after = ProgressCalculator.ForFramework(held, proposed.FrameworkId, proposed.Version, proposed.Definition, March.Plus(Duration.FromDays(30)));

            foreach (var c in preview.Competencies)
            {
                var then = after.Find(c.Competency.Id)!.Result;
                c.Previewed.Score.Should().Be(then.Score, $"{method}");
                c.Previewed.Mastered.Should().Be(then.Mastered, $"{method}");
                var changed = applied.OfType<CompetencyStateChanged>().SingleOrDefault(e => e.CompetencyId == c.Competency.Id);
                (changed?.IsMastered ?? c.Current.Mastered).Should().Be(c.Previewed.Mastered, $"{method}: the revision's state change says the same");
            }
            preview.Earned.Should().BeEquivalentTo(applied.OfType<RecognitionAwarded>().Select(a => a.RecognitionId), $"{method}");
            preview.Flagged.Select(f => f.AwardId).Should().BeEquivalentTo(applied.OfType<RecognitionFlaggedForReview>().Select(f => f.AwardId), $"{method}");
            preview.Cleared.Select(f => f.AwardId).Should().BeEquivalentTo(applied.OfType<RecognitionReviewCleared>().Select(f => f.AwardId), $"{method}");
            preview.Flagged.Should().NotContain(f => f.RecognitionId != RecognitionId, "a flagged award names its recognition");
            (earned, flagged, cleared) = (earned + preview.Earned.Count, flagged + preview.Flagged.Count, cleared + preview.Cleared.Count);
        }
        (earned, flagged, cleared).Should().Match<(int, int, int)>(t => t.Item1 > 0 && t.Item2 > 0 && t.Item3 > 0, "the cases cover awards, flags and cleared flags");
    }
}
