using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;
using NodaTime;

namespace LeapMastery.Domain.Tests.Mastery;

/// <summary>
/// Recency and expiry (docs/mastery.md §10): evidence older than the policy's window stops counting, mastery lapses unless renewed
/// within the validity period; every answer is for a moment, so as-of answers across a lapse stay exact.
/// </summary>
public sealed class RecencyAndExpiryTests
{
    private static readonly Instant Day0 = Instant.FromUtc(2026, 1, 5, 9, 0);
    private static readonly Guid FrameworkId = Guid.NewGuid(), A = Guid.NewGuid(), RecognitionId = Guid.NewGuid();

    private static Instant Day(int d) => Day0 + Duration.FromDays(d);

    private static EvidenceObservation Observation(int day, string level, ObservationStatus status = ObservationStatus.Active) =>
        new(Guid.NewGuid(), day, Day(day), EvidenceModality.Assessment, Scales.FourPoint.Levels.Single(l => l.Code == level).MinScore, status);

    private static MasteryResult Calculate(CalculationPolicy policy, Instant at, params EvidenceObservation[] observations) =>
        MasteryCalculator.Calculate(observations, Scales.FourPoint, policy, at);

    private static readonly CalculationPolicy Window60 = CalculationPolicy.For(CalculationMethod.Highest) with { RecencyWindowDays = 60 };
    private static readonly CalculationPolicy Valid30 = CalculationPolicy.For(CalculationMethod.MostRecent) with { MasteryValidForDays = 30 };

    [Fact]
    public void Evidence_older_than_the_window_stops_counting_and_is_shown_as_excluded()
    {
        var old = Observation(0, "4");
        var recent = Observation(100, "2");
        var early = Calculate(Window60, Day(50), old);
        early.Level!.Code.Should().Be("4");
        early.ChangesAfter.Should().Be(Day(60), "the day-0 evidence leaves the window after day 60");

        var later = Calculate(Window60, Day(120), old, recent);
        later.Level!.Code.Should().Be("2", "highest of what is still in the window");
        later.Mastered.Should().BeFalse();
        later.Excluded.Should().ContainSingle().Which.Reason.Should().Be(ExclusionReason.OutsideRecencyWindow);
        later.ChangesAfter.Should().Be(Day(160));

        var none = Calculate(Window60, Day(200), old, recent);
        none.Status.Should().Be(MasteryStatus.NotYetAssessed, "nothing left in the window");
        none.ChangesAfter.Should().BeNull();
    }

    [Fact]
    public void Evidence_exactly_as_old_as_the_window_still_counts()
    {
        var e = Observation(0, "3");
        Calculate(Window60, Day(60), e).CountedCount.Should().Be(1);
        Calculate(Window60, Day(60) + Duration.Epsilon, e).CountedCount.Should().Be(0);
    }

    [Fact]
    public void Mastery_lapses_after_the_validity_period_unless_newer_evidence_renews_it()
    {
        var first = Observation(0, "3");
        var held = Calculate(Valid30, Day(30), first);
        held.Status.Should().Be(MasteryStatus.Mastered);
        held.LapsesAt.Should().Be(Day(30));
        held.ChangesAfter.Should().Be(Day(30));

        var lapsed = Calculate(Valid30, Day(30) + Duration.Epsilon, first);
        lapsed.Status.Should().Be(MasteryStatus.Lapsed);
        lapsed.Mastered.Should().BeFalse();
        lapsed.Level!.Code.Should().Be("3", "the level shown stays; only mastery lapses");
        lapsed.LapsesAt.Should().Be(Day(30), "when it lapsed");
        lapsed.ChangesAfter.Should().BeNull("time alone changes nothing more");
        lapsed.MasteryRules.Single(r => r.Name == MasteryRule.RenewedWithin).Should().Be(new MasteryRule(MasteryRule.RenewedWithin, 30, 30, false));

        var renewed = Calculate(Valid30, Day(40), first, Observation(40, "3"));
        renewed.Status.Should().Be(MasteryStatus.Mastered);
        renewed.LapsesAt.Should().Be(Day(70));
    }

    [Fact]
    public void A_competency_not_mastered_does_not_lapse_and_a_time_dependent_policy_needs_the_moment()
    {
        var inProgress = Calculate(Valid30, Day(90), Observation(0, "2"));
        inProgress.Status.Should().Be(MasteryStatus.InProgress);
        inProgress.LapsesAt.Should().BeNull();
        inProgress.ChangesAfter.Should().BeNull();

        var act = () => MasteryCalculator.Calculate([Observation(0, "3")], Scales.FourPoint, Valid30);
        act.Should().Throw<ArgumentException>();
        MasteryCalculator.Calculate([Observation(0, "3")], Scales.FourPoint, CalculationPolicy.For(CalculationMethod.MostRecent)).ChangesAfter.Should().BeNull();
    }

    [Theory]
    [InlineData(0, "recencyWindowDays")]
    [InlineData(36_501, "recencyWindowDays")]
    public void Windows_and_periods_are_whole_days_from_1_to_36500(int days, string field)
    {
        CalculationPolicy.Validate(Window60 with { RecencyWindowDays = days }, "policy").Should().ContainSingle().Which.Field.Should().Be($"policy.{field}");
        CalculationPolicy.Validate(Valid30 with { MasteryValidForDays = days }, "policy").Should().ContainSingle().Which.Field.Should().Be("policy.masteryValidForDays");
        CalculationPolicy.Validate(Window60 with { MasteryValidForDays = 36_500 }, "policy").Should().BeEmpty();
    }

    private static readonly FrameworkInForce Fractions = new(FrameworkId, 1, new FrameworkDefinition("fractions", "Fractions", null, Scales.FourPoint, Valid30,
        [new CompetencyDefinition(A, "A", "Unit fractions", CompetencyKind.Competency, null, null)], [], [], []));

    private static EvidenceRecorded Evidence(int day, string level) =>
        new(Guid.NewGuid(), "l-1", "lms", null, EvidenceModality.Assessment, Day(day), Day(day), "client",
            [new EvidenceAlignment(FrameworkId, A, AlignmentScore.OfLevel(level))], null, null);

    private static LearnerRecord Given(params object[] events) => LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);

    private static CompetencyStanding StandingAsOf(LearnerRecord record, Instant at) =>
        ProgressCalculator.ForFramework(record.AsOf(at), FrameworkId, 1, Fractions.Definition, at).Find(A)!.Standing;

    [Fact]
    public void As_of_across_a_lapse_each_moment_has_its_own_exact_answer()
    {
        var record = Given(Evidence(0, "3"), Evidence(45, "4"));
        StandingAsOf(record, Day(-1)).Should().Be(CompetencyStanding.NotYetAssessed);
        StandingAsOf(record, Day(20)).Should().Be(CompetencyStanding.Mastered);
        StandingAsOf(record, Day(31)).Should().Be(CompetencyStanding.Lapsed, "30 days after the day-0 evidence, with nothing newer by then");
        StandingAsOf(record, Day(45)).Should().Be(CompetencyStanding.Mastered, "renewed on day 45");
        StandingAsOf(record, Day(75)).Should().Be(CompetencyStanding.Mastered);
        StandingAsOf(record, Day(76)).Should().Be(CompetencyStanding.Lapsed);
    }

    [Fact]
    public void When_time_alone_lapses_mastery_the_change_says_lapsed_and_the_award_is_flagged_never_taken_away()
    {
        var badge = new RecognitionInForce(RecognitionId, new RecognitionDefinition("badge", "Unit fractions", "Mastered unit fractions.", RecognitionKind.Badge,
            new CompetencyMasteredCriterion(A), false, null));
        var evidence = Evidence(0, "3");
        var awarded = new RecognitionAwarded(Guid.NewGuid(), "l-1", RecognitionId, false, null, [evidence.EvidenceId], [A], Day(0), "client");
        var record = Given(evidence, awarded);

        var following = LearnerConsequences.DecideTimePassed(record, [Fractions], new Dictionary<Guid, Instant> { [A] = Day(30) }, [badge], Day(31), "lapse-sweep", Guid.NewGuid);
        var change = following.OfType<CompetencyStateChanged>().Should().ContainSingle().Subject;
        (change.WasMastered, change.IsMastered, change.IsLapsed, change.FromLevel, change.ToLevel).Should().Be((true, false, true, "3", "3"));
        following.OfType<RecognitionFlaggedForReview>().Should().ContainSingle().Which.AwardId.Should().Be(awarded.AwardId);
        following.OfType<RecognitionRevoked>().Should().BeEmpty();

        // Renewed by new evidence after the lapse: mastery reached again, not a lapse.
        var lapsedRecord = LearnerRecordEvolution.ApplyAll(record, following);
        var renewal = Evidence(40, "3");
        var again = LearnerConsequences.Decide(lapsedRecord, LearnerRecordEvolution.ApplyAll(lapsedRecord, [renewal]), [Fractions], [badge], Day(40), "client", Guid.NewGuid);
        again.OfType<CompetencyStateChanged>().Should().ContainSingle().Which.Should().Match<CompetencyStateChanged>(c => c.IsMastered && !c.WasMastered && !c.IsLapsed);
        again.OfType<RecognitionReviewCleared>().Should().ContainSingle("the criteria are met again");
    }
}
