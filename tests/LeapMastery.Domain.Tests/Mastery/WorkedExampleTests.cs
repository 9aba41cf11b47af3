using LeapMastery.Domain.Mastery;
using static LeapMastery.Domain.Mastery.CalculationMethod;

namespace LeapMastery.Domain.Tests.Mastery;

/// <summary>MASTERY §5: the 4-point scale, threshold 2.5, counted scores 2, 3, 1, 3, 4 in that order.</summary>
public class WorkedExampleTests
{
    private static readonly IReadOnlyList<EvidenceObservation> Example = Evidence.Scores(2m, 3m, 1m, 3m, 4m);

    public static TheoryData<CalculationPolicy, decimal, string, bool> Table() => new()
    {
        { CalculationPolicy.For(Highest), 4.00m, "4", true },
        { CalculationPolicy.For(MostRecent), 4.00m, "4", true },
        { CalculationPolicy.For(Average), 2.60m, "3", true },                        // 13 / 5
        { CalculationPolicy.For(RecentAverage), 2.67m, "3", true },                  // (1 + 3 + 4) / 3 = 2.666…
        { CalculationPolicy.For(WeightedAverage), 3.39m, "3", true },                // 0.65·4 + 0.35·2.25 = 3.3875
        { CalculationPolicy.For(DecayingAverage), 3.48m, "3", true },                // d5 = 3.47574375
        { CalculationPolicy.For(Mode), 3.00m, "3", true },                           // 3 occurs twice
        { CalculationPolicy.For(RecentMedian, ("k", 4m)), 3.00m, "3", true },        // 1, 3, 3, 4 → (3 + 3) / 2
        { CalculationPolicy.For(RecentMedian), 3.00m, "3", true },                   // k = 5: 1, 2, 3, 3, 4 → 3
        { CalculationPolicy.For(NTimes, ("n", 3m)), 3.33m, "3", true },              // 3, 3, 4 → 10 / 3
        { CalculationPolicy.For(NTimes, ("n", 4m)), 2.49m, "2", false },             // m = 3 < 4 → min(4, 2.49)
        // powerLaw, by hand: x = ln k = 0, .693147, 1.098612, 1.386294, 1.609438 (Σx = 4.787492, Σx² = 6.199504);
        // y = ln s = .693147, 1.098612, 0, 1.098612, 1.386294 (Σy = 4.276666, Σxy = 4.515655);
        // b = (5·4.515655 − 4.787492·4.276666) / (5·6.199504 − 4.787492²) = 2.104509 / 8.077593 = 0.260450;
        // ln a = (4.276666 − 0.260450·4.787492) / 5 = 0.605953, a = 1.832998; a·5^b = 2.787460 → 2.79.
        { CalculationPolicy.For(PowerLaw), 2.79m, "3", true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_worked_example_gives_the_documented_score_level_and_mastery(
        CalculationPolicy policy, decimal score, string level, bool mastered)
    {
        var result = MasteryCalculator.Calculate(Example, Scales.FourPoint, policy);

        result.Score.Should().Be(score);
        result.Score!.Value.Scale.Should().Be(2, "a score is always written with two decimals, 4.00 not 4");
        result.Level!.Code.Should().Be(level);
        result.Mastered.Should().Be(mastered);
        result.Status.Should().Be(mastered ? MasteryStatus.Mastered : MasteryStatus.InProgress);
        result.CountedCount.Should().Be(5);
    }

    [Theory]
    [InlineData(WeightedAverage, "3.3875")]
    [InlineData(DecayingAverage, "3.47574375")]
    [InlineData(Average, "2.6")]
    public void The_unrounded_score_is_kept_exactly(CalculationMethod method, string raw) =>
        MasteryCalculator.Calculate(Example, Scales.FourPoint, CalculationPolicy.For(method))
            .RawScore.Should().Be(decimal.Parse(raw));

    [Fact]
    public void Decaying_average_explains_every_d_k()
    {
        var steps = MasteryCalculator.Calculate(Example, Scales.FourPoint, CalculationPolicy.Default).Steps;

        steps.Should().Equal(
            "d1 = s1 = 2",
            "d2 = 0.65·3 + 0.35·2 = 2.65",
            "d3 = 0.65·1 + 0.35·2.65 = 1.5775",
            "d4 = 0.65·3 + 0.35·1.5775 = 2.502125",
            "d5 = 0.65·4 + 0.35·2.502125 = 3.47574375",
            "rounded to 2 decimals: 3.48");
    }

    [Fact]
    public void N_times_explains_m_and_which_scores_it_took()
    {
        var met = MasteryCalculator.Calculate(Example, Scales.FourPoint, CalculationPolicy.For(NTimes)).Steps;
        var capped = MasteryCalculator.Calculate(Example, Scales.FourPoint, CalculationPolicy.For(NTimes, ("n", 4m))).Steps;

        met[0].Should().Be("scores ≥ threshold 2.5: 3, 3, 4 (m = 3)");
        met[1].Should().StartWith("m = 3 ≥ n = 3").And.Contain("(3 + 3 + 4) / 3");
        capped[1].Should().Be("m = 3 < n = 4: min(max(2, 3, 1, 3, 4) = 4, threshold − 0.01 = 2.49) = 2.49");
    }

    [Fact]
    public void Weighted_average_explains_the_mean_of_the_earlier_scores() =>
        MasteryCalculator.Calculate(Example, Scales.FourPoint, CalculationPolicy.For(WeightedAverage)).Steps
            .Should().StartWith(["mean(s1…s4) = (2 + 3 + 1 + 3) / 4 = 2.25", "0.65·4 + 0.35·2.25 = 3.3875"]);

    [Fact]
    public void The_result_explains_the_rules_that_decided_mastery()
    {
        var result = MasteryCalculator.Calculate(Example, Scales.FourPoint, CalculationPolicy.For(NTimes, ("n", 4m)));

        result.MasteryRules.Should().Equal(
            new MasteryRule(MasteryRule.Score, 2.5m, 2.49m, false),
            new MasteryRule(MasteryRule.MinEvidence, 1m, 5m, true),
            new MasteryRule(MasteryRule.MinModalities, 1m, 1m, true));
        result.Method.Should().Be(NTimes);
        result.Parameters.Should().Equal(new Dictionary<string, decimal> { ["n"] = 4m });
        result.MasteryThreshold.Should().Be(2.5m);
    }
}
