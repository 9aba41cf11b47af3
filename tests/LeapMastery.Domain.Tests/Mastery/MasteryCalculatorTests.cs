using LeapMastery.Domain.Mastery;
using static LeapMastery.Domain.Mastery.CalculationMethod;

namespace LeapMastery.Domain.Tests.Mastery;

public class MasteryCalculatorTests
{
    private static MasteryResult Calculate(CalculationPolicy policy, params decimal[] scores) =>
        MasteryCalculator.Calculate(Evidence.Scores(scores), Scales.FourPoint, policy);

    public static TheoryData<CalculationMethod> AllMethods() => new(CalculationMethods.All);

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Without_counted_evidence_there_is_no_score_and_no_level(CalculationMethod method)
    {
        var onlyExcluded = new[] { Evidence.On(1, 4m, status: ObservationStatus.Retracted) };

        var result = MasteryCalculator.Calculate(onlyExcluded, Scales.FourPoint, CalculationPolicy.For(method));

        result.Score.Should().BeNull();
        result.RawScore.Should().BeNull();
        result.Level.Should().BeNull();
        result.Mastered.Should().BeFalse();
        result.Status.Should().Be(MasteryStatus.NotYetAssessed);
        result.CountedCount.Should().Be(0);
        result.Modalities.Should().BeEmpty();
        result.Excluded.Should().ContainSingle();
        result.MasteryRules.Should().Contain(new MasteryRule(MasteryRule.Score, 2.5m, null, false));
    }

    public static TheoryData<CalculationMethod, decimal, decimal> SingleScores()
    {
        var data = new TheoryData<CalculationMethod, decimal, decimal>();
        foreach (var method in CalculationMethods.All)
        {
            // Below the threshold every method gives s1 back, nTimes included (m = 0, so min(1.75, 2.49)).
            data.Add(method, 1.75m, 1.75m);
            // At or above it nTimes (n = 3) has seen mastery once only, so it caps just below the threshold.
            data.Add(method, 3.5m, method == NTimes ? 2.49m : 3.5m);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SingleScores))]
    public void With_one_counted_score_every_method_gives_that_score(CalculationMethod method, decimal s1, decimal expected) =>
        Calculate(CalculationPolicy.For(method), s1).Score.Should().Be(expected);

    [Theory]
    [InlineData(WeightedAverage, "3.3875", "3.39")]
    [InlineData(Average, "2.495", "2.50")]      // a half rounds away from zero…
    [InlineData(Average, "2.485", "2.49")]      // …not to even (banker's rounding would give 2.48)
    [InlineData(MostRecent, "2.494999", "2.49")]
    public void Scores_round_to_two_decimals_half_away_from_zero(CalculationMethod method, string raw, string rounded)
    {
        // Two scores whose mean is the raw value, so average and mostRecent reach exactly it.
        var r = decimal.Parse(raw);
        var result = method == WeightedAverage
            ? Calculate(CalculationPolicy.For(method), 2m, 3m, 1m, 3m, 4m)
            : Calculate(CalculationPolicy.For(method), r, r);

        result.RawScore.Should().Be(r);
        result.Score.Should().Be(decimal.Parse(rounded));
        result.Score!.Value.Scale.Should().Be(2, "a score always carries two decimals");
    }

    [Fact]
    public void A_score_that_rounds_up_to_the_threshold_is_mastered()
    {
        var result = Calculate(CalculationPolicy.For(Average), 2.49m, 2.50m);    // mean 2.495

        result.Score.Should().Be(2.50m);
        result.Level!.Code.Should().Be("3");
        result.Mastered.Should().BeTrue();
    }

    [Fact]
    public void A_score_that_rounds_down_below_the_threshold_is_not_mastered()
    {
        var result = Calculate(CalculationPolicy.For(MostRecent), 2.494999m);

        result.Score.Should().Be(2.49m);
        result.Level!.Code.Should().Be("2");
        result.Mastered.Should().BeFalse();
        result.Status.Should().Be(MasteryStatus.InProgress);
    }

    [Fact]
    public void Mastery_needs_the_policy_minimum_of_counted_evidence()
    {
        var policy = CalculationPolicy.For(Highest) with { MinEvidence = 2 };

        var once = Calculate(policy, 4m);
        var twice = Calculate(policy, 4m, 1m);

        once.Score.Should().Be(4m);
        once.Level!.Code.Should().Be("4");
        once.Mastered.Should().BeFalse();
        once.Status.Should().Be(MasteryStatus.InProgress);
        once.MasteryRules.Should().Contain(new MasteryRule(MasteryRule.MinEvidence, 2m, 1m, false));
        twice.Mastered.Should().BeTrue();
    }

    [Fact]
    public void Mastery_needs_the_policy_minimum_of_distinct_modalities()
    {
        var policy = CalculationPolicy.For(Highest) with { MinModalities = 2 };
        var sameWay = new[] { Evidence.On(1, 3m), Evidence.On(2, 4m) };
        var twoWays = new[] { Evidence.On(1, 3m), Evidence.On(2, 4m, EvidenceModality.Project), Evidence.On(3, 3m) };

        var one = MasteryCalculator.Calculate(sameWay, Scales.FourPoint, policy);
        var two = MasteryCalculator.Calculate(twoWays, Scales.FourPoint, policy);

        one.Mastered.Should().BeFalse();
        one.MasteryRules.Should().Contain(new MasteryRule(MasteryRule.MinModalities, 2m, 1m, false));
        two.Mastered.Should().BeTrue();
        two.Modalities.Should().Equal("assessment", "project");
    }

    [Fact]
    public void Modalities_of_excluded_evidence_do_not_count_toward_the_minimum()
    {
        var policy = CalculationPolicy.For(Highest) with { MinModalities = 2 };
        var observations = new[]
        {
            Evidence.On(1, 4m),
            Evidence.On(2, 4m, EvidenceModality.SelfAssessment),
            Evidence.On(3, 4m, EvidenceModality.RealWorld, ObservationStatus.PendingValidation),
        };

        var result = MasteryCalculator.Calculate(observations, Scales.FourPoint, policy);

        result.Modalities.Should().Equal("assessment");
        result.Mastered.Should().BeFalse();
        result.Excluded.Select(e => e.Reason)
            .Should().Equal(ExclusionReason.SelfAssessmentNotCounted, ExclusionReason.PendingValidation);
    }

    [Theory]
    [InlineData(new[] { 1.0, 3.0, 1.0, 3.0 }, 3.0)]          // tie 1 ×2, 3 ×2 → the higher
    [InlineData(new[] { 4.0, 1.0, 1.0, 3.0 }, 1.0)]          // the most frequent even when low
    [InlineData(new[] { 2.0, 3.0, 4.0 }, 4.0)]               // all once: a three-way tie
    public void Mode_takes_the_most_frequent_score_and_ties_go_to_the_higher(double[] scores, double expected) =>
        Calculate(CalculationPolicy.For(Mode), scores.Select(s => (decimal)s).ToArray()).Score.Should().Be((decimal)expected);

    [Fact]
    public void Mode_treats_equal_scores_written_differently_as_the_same() =>
        Calculate(CalculationPolicy.For(Mode), 2.5m, 3m, 2.50m).Score.Should().Be(2.5m);

    [Theory]
    [InlineData(new[] { 1.0, 4.0, 2.0 }, 5, 2.0)]                    // odd: the middle one
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 5, 2.5)]               // even: mean of the middle two
    [InlineData(new[] { 4.0, 4.0, 1.0, 2.0, 2.0, 3.0, 1.0 }, 5, 2.0)] // default k = 5: 1, 2, 2, 3, 1 → 2
    [InlineData(new[] { 4.0, 4.0, 1.0, 2.0, 2.0, 3.0, 1.0 }, 2, 2.0)] // last 2: 3, 1 → 2
    public void Recent_median_takes_the_median_of_the_last_k(double[] scores, int k, double expected)
    {
        var policy = k == 5 ? CalculationPolicy.For(RecentMedian) : CalculationPolicy.For(RecentMedian, ("k", k));

        Calculate(policy, scores.Select(s => (decimal)s).ToArray()).Score.Should().Be((decimal)expected);
    }

    [Theory]
    [InlineData(new[] { 4.0, 1.0, 2.0, 3.0 }, 0, 2.0)]   // default k = 3: (1 + 2 + 3) / 3
    [InlineData(new[] { 4.0, 1.0, 2.0, 3.0 }, 2, 2.5)]
    [InlineData(new[] { 4.0, 1.0 }, 3, 2.5)]             // fewer than k: all of them
    public void Recent_average_takes_the_mean_of_the_last_k(double[] scores, int k, double expected)
    {
        var policy = k == 0 ? CalculationPolicy.For(RecentAverage) : CalculationPolicy.For(RecentAverage, ("k", k));

        Calculate(policy, scores.Select(s => (decimal)s).ToArray()).Score.Should().Be((decimal)expected);
    }

    [Theory]
    [InlineData("0.65", "2", "4", "3.30")]   // 0.65·4 + 0.35·2
    [InlineData("0.5", "1", "3", "2.00")]
    public void Weighted_average_of_two_weighs_the_latest_by_w(string w, string s1, string s2, string expected) =>
        Calculate(CalculationPolicy.For(WeightedAverage, ("w", decimal.Parse(w))), decimal.Parse(s1), decimal.Parse(s2))
            .Score.Should().Be(decimal.Parse(expected));

    [Fact]
    public void Decaying_average_uses_the_given_w() =>
        // d1 = 1; d2 = 0.5·3 + 0.5·1 = 2; d3 = 0.5·4 + 0.5·2 = 3
        Calculate(CalculationPolicy.For(DecayingAverage, ("w", 0.5m)), 1m, 3m, 4m).Score.Should().Be(3m);

    [Fact]
    public void N_times_averages_the_n_most_recent_scores_reaching_the_threshold_not_the_highest() =>
        // ≥ 2.5: 4, 4, 3, 3 (m = 4 ≥ 2) → the two most recent: (3 + 3) / 2
        Calculate(CalculationPolicy.For(NTimes, ("n", 2m)), 4m, 4m, 3m, 3m, 2m).Score.Should().Be(3m);

    [Fact]
    public void N_times_short_of_n_keeps_a_low_maximum_as_it_is() =>
        Calculate(CalculationPolicy.For(NTimes), 1m, 2m, 1.5m).Score.Should().Be(2m);

    [Fact]
    public void N_times_caps_just_below_the_threshold_of_the_scale()
    {
        var result = MasteryCalculator.Calculate(Evidence.Scores(4m, 4m), Scales.IntegerPoints, CalculationPolicy.For(NTimes));

        result.Score.Should().Be(2.99m);
        result.Level!.Code.Should().Be("D");
        result.Mastered.Should().BeFalse();
    }

    [Fact]
    public void Every_result_ends_its_explanation_with_the_rounding() =>
        Calculate(CalculationPolicy.For(Average), 2m, 3m, 3m).Steps
            .Should().Equal("(2 + 3 + 3) / 3 = 2.6666666666666666666666666667", "rounded to 2 decimals: 2.67");

    [Fact]
    public void The_result_lists_counted_and_excluded_evidence_in_the_order_learning_happened()
    {
        var first = Evidence.On(1, 2m);
        var retracted = Evidence.On(2, 4m, status: ObservationStatus.Retracted);
        var third = Evidence.On(3, 3m);

        var result = MasteryCalculator.Calculate([third, retracted, first], Scales.FourPoint, CalculationPolicy.For(MostRecent));

        result.Counted.Should().Equal(first, third);
        result.Excluded.Should().ContainSingle().Which.Observation.Should().Be(retracted);
        result.Score.Should().Be(3m);
    }

    [Fact]
    public void An_invalid_policy_is_refused_rather_than_calculated() =>
        FluentActions.Invoking(() => Calculate(CalculationPolicy.For(RecentAverage, ("k", 0m)), 3m))
            .Should().Throw<ArgumentException>().WithMessage("*policy.parameters.k*");

    [Fact]
    public void An_invalid_scale_is_refused_rather_than_calculated() =>
        FluentActions.Invoking(() => MasteryCalculator.Calculate(
                Evidence.Scores(3m), Scales.FourPoint with { MasteryThreshold = 5m }, CalculationPolicy.Default))
            .Should().Throw<ArgumentException>().WithMessage("*scale.masteryThreshold*");
}
