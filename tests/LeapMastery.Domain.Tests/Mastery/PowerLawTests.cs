using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

/// <summary>
/// powerLaw fits ln(s') = ln(a) + b·ln(k) over k = 1…n by least squares, s' = max(s, 0.01·maxPoints), and reports
/// a·n^b clamped to the scale. Expected values were worked out by hand with
/// b = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), ln a = (Σy − bΣx) / n, x = ln k, y = ln s'.
/// </summary>
public class PowerLawTests
{
    private static readonly CalculationPolicy PowerLaw = CalculationPolicy.For(CalculationMethod.PowerLaw);

    public static TheoryData<decimal[], decimal> Fits() => new()
    {
        // y = x exactly (s = k): b = 1, a = 1 → 1·3¹ = 3.
        { [1m, 2m, 3m], 3.00m },
        // Flat: b = 0, a = 3 → 3.
        { [3m, 3m, 3m], 3.00m },
        // MASTERY §5 example: b = 0.260450, a = 1.832998, 1.832998·5^0.260450 = 2.787460.
        { [2m, 3m, 1m, 3m, 4m], 2.79m },
        // Falling: Σx = 1.791759, Σx² = 1.687402, Σy = ln 24 = 3.178054, Σxy = 1.523000;
        // b = (3·1.523000 − 1.791759·3.178054) / (3·1.687402 − 1.791759²) = −1.125308 / 1.851804 = −0.607682;
        // ln a = (3.178054 + 0.607682·1.791759) / 3 = 1.422291; a = 4.146611; a·3^b = 2.126940.
        { [4m, 3m, 2m], 2.13m },
        // Σy = ln 16 = 2.772589, Σxy = 3.444812, Σx = 3.178054, Σx² = 3.609214 (k = 1…4);
        // b = (4·3.444812 − 3.178054·2.772589) / (4·3.609214 − 3.178054²) = 4.967812 / 4.336830 = 1.145494;
        // ln a = (2.772589 − 1.145494·3.178054) / 4 = −0.216963; a = 0.804960; a·4^b = 3.939401.
        { [1m, 1m, 4m, 4m], 3.94m },
    };

    [Theory]
    [MemberData(nameof(Fits))]
    public void Power_law_reports_the_fitted_trend_at_the_latest_evidence(decimal[] scores, decimal expected) =>
        MasteryCalculator.Calculate(Evidence.Scores(scores), Scales.FourPoint, PowerLaw).Score.Should().Be(expected);

    [Fact]
    public void Power_law_lifts_a_zero_to_one_percent_of_max_points_and_clamps_the_trend_to_the_scale()
    {
        // s' = 0.04, 2, 4: Σy = ln 0.32 = −1.139434, Σxy = 2.003453; b = 4.348166, ln a = −2.976767;
        // a·3^b = 6.050745, above maxPoints 4 → 4.
        var result = MasteryCalculator.Calculate(Evidence.Scores(0m, 2m, 4m), Scales.FourPoint, PowerLaw);

        result.Score.Should().Be(4.00m);
        result.Steps.Should().Contain("s' = max(s, 0.04): 0.04, 2, 4");
    }

    [Fact]
    public void Power_law_never_reports_below_min_points()
    {
        // Falling steeply on the 1–4 scale: s = 4, 1, 1 gives Σy = ln 4 = 1.386294, Σxy = 0 (x1 = 0, y2 = y3 = 0);
        // b = (3·0 − 1.791759·1.386294) / 1.851804 = −1.341344; ln a = (1.386294 + 1.341344·1.791759) / 3 = 1.263220;
        // a·3^b = 3.536792·0.229095 = 0.810263, below minPoints 1 → 1.
        var result = MasteryCalculator.Calculate(Evidence.Scores(4m, 1m, 1m), Scales.IntegerPoints, PowerLaw);

        result.Score.Should().Be(1.00m);
    }

    [Theory]
    [InlineData(new[] { 2.0, 3.0 }, 2.5)]
    [InlineData(new[] { 3.5 }, 3.5)]
    public void Power_law_with_fewer_than_three_scores_is_the_average(double[] scores, double expected)
    {
        var result = MasteryCalculator.Calculate(Evidence.Scores(scores.Select(s => (decimal)s).ToArray()), Scales.FourPoint, PowerLaw);

        result.Score.Should().Be((decimal)expected);
        result.Steps[0].Should().StartWith($"n = {scores.Length} < 3: average");
    }
}
