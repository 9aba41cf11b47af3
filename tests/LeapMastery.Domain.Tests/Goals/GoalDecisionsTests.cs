using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Goals;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;
using LeapMastery.Domain.Tests.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Goals;

/// <summary>Given a learner's events, when they set or withdraw a goal (LL.2), then these events or this refusal; and how a goal stands on a day.</summary>
public sealed class GoalDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 9, 1, 12, 0);
    private static readonly LocalDate Today = new(2026, 9, 1);
    private static readonly Guid FrameworkId = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    private static readonly FrameworkDefinition Fractions = new("fractions", "Fractions", null, Scales.FourPoint, CalculationPolicy.For(CalculationMethod.MostRecent),
        [
            new CompetencyDefinition(A, "A", "Unit fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(B, "B", "Equivalent fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(C, "C", "Add fractions", CompetencyKind.Competency, null, null),
        ],
        [], [new ProgressionDefinition("path", "Path", ["A", "B", "C"])], []);

    private static readonly FrameworkInForce InForce = new(FrameworkId, 1, Fractions);

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    private static EvidenceRecorded Evidence(Guid competency, string level, int day = 0) =>
        new(Guid.NewGuid(), "l-1", "lms", null, EvidenceModality.Assessment, Now.Plus(Duration.FromDays(day)), Now.Plus(Duration.FromDays(day)), "client",
            [new EvidenceAlignment(FrameworkId, competency, AlignmentScore.OfLevel(level))], null, null);

    private static SetGoal Set(GoalTarget target, LocalDate? dueBy = null) =>
        new(Guid.NewGuid(), "l-1", FrameworkId, target, dueBy ?? Today.PlusDays(100), null, Today, Now, "app");

    private static readonly GoalTarget ProficientOnB = new(CompetencyId: B, Level: "3");

    private static int? CurrentOn(LearnerRecord record, GoalTarget target) =>
        GoalDecisions.CurrentOf(target, Fractions, ProgressCalculator.ForFramework(record, FrameworkId, 1, Fractions, Now));

    private static void ShouldBeRefused(Decision decision, RefusalKind kind, params string[] fields)
    {
        decision.Events.Should().BeEmpty();
        decision.Refusal!.Kind.Should().Be(kind);
        decision.Refusal.Errors.Select(e => e.Field).Should().BeEquivalentTo(fields);
    }

    [Fact]
    public void A_goal_records_where_the_learner_stands_when_it_is_set()
    {
        var set = GoalDecisions.Decide(Set(ProficientOnB), Given(Evidence(B, "2")), InForce).Events.Should().ContainSingle().Which.Should().BeOfType<GoalSet>().Subject;
        set.Baseline.Should().Be(2, "Developing is the second level of the scale");
        set.SetOn.Should().Be(Today);

        var step = GoalDecisions.Decide(Set(new GoalTarget(ProgressionCode: "path", Step: 3)), Given(Evidence(A, "4")), InForce).First<GoalSet>()!;
        step.Baseline.Should().Be(1, "step A is done");
        GoalDecisions.Decide(Set(ProficientOnB), Given(), InForce).First<GoalSet>()!.Baseline.Should().Be(0, "no level yet");
    }

    [Fact]
    public void The_target_must_be_in_the_framework_and_the_date_not_past()
    {
        ShouldBeRefused(GoalDecisions.Decide(Set(ProficientOnB), Given(), null), RefusalKind.Invalid, "frameworkId");
        ShouldBeRefused(GoalDecisions.Decide(Set(new GoalTarget(Guid.NewGuid(), "3")), Given(), InForce), RefusalKind.Invalid, "competencyId");
        ShouldBeRefused(GoalDecisions.Decide(Set(new GoalTarget(B, "Proficient")), Given(), InForce), RefusalKind.Invalid, "level");
        ShouldBeRefused(GoalDecisions.Decide(Set(new GoalTarget(ProgressionCode: "other", Step: 1)), Given(), InForce), RefusalKind.Invalid, "progressionCode");
        ShouldBeRefused(GoalDecisions.Decide(Set(new GoalTarget(ProgressionCode: "path", Step: 4)), Given(), InForce), RefusalKind.Invalid, "step");
        ShouldBeRefused(GoalDecisions.Decide(Set(new GoalTarget(ProgressionCode: "path", Step: 0)), Given(), InForce), RefusalKind.Invalid, "step");
        ShouldBeRefused(GoalDecisions.Decide(Set(new GoalTarget(B, "9"), Today.PlusDays(-1)), Given(), InForce), RefusalKind.Invalid, "level", "dueBy");
        GoalDecisions.Decide(Set(ProficientOnB, Today), Given(), InForce).Events.Should().ContainSingle("today is not past");
    }

    [Fact]
    public void The_same_goal_again_records_nothing_and_a_withdrawn_one_may_be_set_again()
    {
        var first = GoalDecisions.Decide(Set(ProficientOnB), Given(), InForce).First<GoalSet>()!;
        GoalDecisions.Decide(Set(ProficientOnB), Given(first), InForce).Should().BeSameAs(Decision.Unchanged);
        GoalDecisions.Decide(Set(ProficientOnB, Today.PlusDays(5)), Given(first), InForce).Events.Should().ContainSingle("another date is another goal");

        var withdrawn = GoalDecisions.Decide(new WithdrawGoal(first.GoalId, Now, "app"), Given(first)).First<GoalWithdrawn>()!;
        GoalDecisions.Decide(new WithdrawGoal(first.GoalId, Now, "app"), Given(first, withdrawn)).Should().BeSameAs(Decision.Unchanged);
        GoalDecisions.Decide(Set(ProficientOnB), Given(first, withdrawn), InForce).Events.Should().ContainSingle();
        ShouldBeRefused(GoalDecisions.Decide(new WithdrawGoal(Guid.NewGuid(), Now, "app"), Given(first)), RefusalKind.NotFound, "goalId");
    }

    [Fact]
    public void A_learner_has_at_most_fifty_goals_in_force()
    {
        var goals = Enumerable.Range(1, GoalDecisions.MaxActiveGoals)
            .Select(i => (object)GoalDecisions.Decide(Set(ProficientOnB, Today.PlusDays(i)), Given(), InForce).First<GoalSet>()!).ToArray();
        ShouldBeRefused(GoalDecisions.Decide(Set(ProficientOnB, Today.PlusDays(500)), Given(goals), InForce), RefusalKind.Conflict, "goals");
        var withdrawn = new GoalWithdrawn(((GoalSet)goals[0]).GoalId, Now, "app");
        GoalDecisions.Decide(Set(ProficientOnB, Today.PlusDays(500)), Given([.. goals, withdrawn]), InForce).Events.Should().ContainSingle();
    }

    // Set on Sep 1 at Beginning (rank 1) for Extending (4), due in 100 days.
    [Theory]
    [InlineData(1, 0, GoalStatus.OnTrack)]   // the day it was set: nothing expected yet
    [InlineData(1, 10, GoalStatus.Behind)]   // time has gone, no level gained
    [InlineData(2, 33, GoalStatus.OnTrack)]  // a third of the way, 33 % of the time
    [InlineData(2, 34, GoalStatus.Behind)]   // a third of the way, 34 % of the time
    [InlineData(3, 66, GoalStatus.OnTrack)]
    [InlineData(3, 100, GoalStatus.Behind)]  // the due date itself: still open
    [InlineData(4, 100, GoalStatus.Met)]
    [InlineData(4, 300, GoalStatus.Met)]     // met after the date counts as met
    [InlineData(3, 101, GoalStatus.Missed)]
    [InlineData(0, 101, GoalStatus.Missed)]
    [InlineData(0, 5, GoalStatus.Behind)]    // below the baseline (evidence lowered the level)
    public void A_goal_is_met_on_track_behind_or_missed(int current, int daysLater, GoalStatus expected)
    {
        var goal = new GoalSet(Guid.NewGuid(), "l-1", FrameworkId, new GoalTarget(B, "4"), Today, Today.PlusDays(100), 1, null, Now, "app");
        var standing = GoalDecisions.Evaluate(goal, Fractions, current, Today.PlusDays(daysLater));
        standing.Status.Should().Be(expected);
        standing.Target.Should().Be(4);
        standing.Elapsed.Should().Be(Math.Min(1m, Math.Round(daysLater / 100m, 2)));
    }

    [Fact]
    public void A_goal_due_the_day_it_is_set_is_on_its_last_day_and_a_goal_whose_target_left_the_framework_says_so()
    {
        var today = new GoalSet(Guid.NewGuid(), "l-1", FrameworkId, new GoalTarget(B, "3"), Today, Today, 0, null, Now, "app");
        GoalDecisions.Evaluate(today, Fractions, 2, Today).Status.Should().Be(GoalStatus.Behind);
        GoalDecisions.Evaluate(today, Fractions, 3, Today).Status.Should().Be(GoalStatus.Met);
        GoalDecisions.Evaluate(today, Fractions, 2, Today.PlusDays(1)).Status.Should().Be(GoalStatus.Missed);

        var revised = Fractions with { Competencies = Fractions.Competencies.Where(c => c.Id != B).ToList(), Progressions = [] };
        var current = GoalDecisions.CurrentOf(today.Target, revised, _ => "3", _ => 0);
        GoalDecisions.Evaluate(today, revised, current, Today).Status.Should().Be(GoalStatus.TargetGone);
    }

    [Fact]
    public void A_progression_goal_is_met_once_its_step_is_done_mastered_or_placed()
    {
        var target = new GoalTarget(ProgressionCode: "path", Step: 2);
        CurrentOn(Given(Evidence(A, "4")), target).Should().Be(1);
        CurrentOn(Given(Evidence(A, "4"), Evidence(B, "3")), target).Should().Be(2);
        CurrentOn(Given(new PlacementRecorded(Guid.NewGuid(), "l-1", FrameworkId, "path", 3, "preAssessment", null, Now, "c")), target).Should().Be(2,
            "placed on step 3: steps 1 and 2 are done");
        CurrentOn(Given(Evidence(B, "4")), target).Should().Be(0, "step 2 mastered, but the position has not reached it");
    }

    [Fact]
    public void As_of_a_moment_the_goals_then_in_force_are_seen()
    {
        var set = GoalDecisions.Decide(Set(ProficientOnB), Given(), InForce).First<GoalSet>()!;
        var withdrawn = new GoalWithdrawn(set.GoalId, Now.Plus(Duration.FromDays(10)), "app");
        var record = Given(set, withdrawn);
        record.AsOf(Now.Minus(Duration.FromSeconds(1))).AllGoals.Should().BeEmpty();
        record.AsOf(Now.Plus(Duration.FromDays(5))).AllGoals.Should().ContainSingle().Which.IsActive.Should().BeTrue();
        record.AsOf(Now.Plus(Duration.FromDays(11))).AllGoals.Should().ContainSingle().Which.IsActive.Should().BeFalse();
    }
}
