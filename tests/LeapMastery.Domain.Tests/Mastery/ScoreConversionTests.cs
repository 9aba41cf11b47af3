using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

public class ScoreConversionTests
{
    private const string Field = "alignments[0].score";

    // ≥ 0.90 → Extending, ≥ 0.75 → Proficient, ≥ 0.50 → Developing, else Beginning (MASTERY §2), given out of order.
    private static readonly IReadOnlyList<CutScore> Cuts =
        [new(0.75m, "3"), new(0.90m, "4"), new(0.50m, "2")];

    private static ScoreConversionResult Convert(AlignmentScore score, IReadOnlyList<CutScore>? cuts = null) =>
        ScoreConversion.ToScale(score, Scales.FourPoint, cuts, Field);

    [Theory]
    [InlineData("1", "0")]
    [InlineData("2", "1.5")]
    [InlineData("3", "2.5")]
    [InlineData("4", "3.5")]
    public void A_level_gives_the_level_minimum(string level, string expected) =>
        Convert(AlignmentScore.OfLevel(level)).Score.Should().Be(decimal.Parse(expected));

    [Fact]
    public void On_an_integer_point_scale_a_level_gives_its_points() =>
        ScoreConversion.ToScale(AlignmentScore.OfLevel("D"), Scales.IntegerPoints, null, Field).Score.Should().Be(2m);

    [Theory]
    [InlineData("0")]
    [InlineData("2.75")]
    [InlineData("4")]
    public void Points_on_the_scale_are_taken_as_they_are(string points) =>
        Convert(AlignmentScore.OfPoints(decimal.Parse(points))).Score.Should().Be(decimal.Parse(points));

    [Theory]
    [InlineData("7", "10", "2.8")]    // 0 + 0.7 × 4
    [InlineData("0", "10", "0")]
    [InlineData("10", "10", "4")]
    [InlineData("3", "8", "1.5")]     // 0.375 × 4
    public void Without_cut_scores_a_raw_score_maps_linearly(string raw, string max, string expected) =>
        Convert(AlignmentScore.OfRaw(decimal.Parse(raw), decimal.Parse(max))).Score.Should().Be(decimal.Parse(expected));

    [Fact]
    public void Linear_mapping_starts_at_min_points() =>
        // 1 + 0.7 × (4 − 1)
        ScoreConversion.ToScale(AlignmentScore.OfRaw(7m, 10m), Scales.IntegerPoints, null, Field).Score.Should().Be(3.1m);

    [Theory]
    [InlineData("100", "3.5")]
    [InlineData("90", "3.5")]
    [InlineData("89", "2.5")]
    [InlineData("75", "2.5")]
    [InlineData("74", "1.5")]
    [InlineData("50", "1.5")]
    [InlineData("49", "0")]
    [InlineData("0", "0")]
    public void With_cut_scores_a_raw_score_gets_the_level_of_the_highest_cut_it_reaches(string rawOf100, string expected) =>
        Convert(AlignmentScore.OfRaw(decimal.Parse(rawOf100), 100m), Cuts).Score.Should().Be(decimal.Parse(expected));

    [Fact]
    public void An_empty_cut_score_list_means_linear_mapping() =>
        Convert(AlignmentScore.OfRaw(7m, 10m), []).Score.Should().Be(2.8m);

    public static TheoryData<string, AlignmentScore, string> BadScores() => new()
    {
        { "unknown level code", AlignmentScore.OfLevel("5"), $"{Field}.level" },
        { "points below minPoints", AlignmentScore.OfPoints(-0.1m), $"{Field}.points" },
        { "points above maxPoints", AlignmentScore.OfPoints(4.01m), $"{Field}.points" },
        { "negative raw", AlignmentScore.OfRaw(-1m, 10m), $"{Field}.raw" },
        { "max of zero", AlignmentScore.OfRaw(0m, 0m), $"{Field}.max" },
        { "negative max", AlignmentScore.OfRaw(1m, -5m), $"{Field}.max" },
        { "raw above max", AlignmentScore.OfRaw(11m, 10m), $"{Field}.raw" },
        { "raw without max", new AlignmentScore(Raw: 7m), $"{Field}.max" },
        { "max without raw", new AlignmentScore(Max: 10m), $"{Field}.raw" },
        { "no form", new AlignmentScore(), Field },
        { "level and points", new AlignmentScore(Level: "3", Points: 2.5m), Field },
        { "points and raw", new AlignmentScore(Points: 2.5m, Raw: 7m, Max: 10m), Field },
    };

    [Theory]
    [MemberData(nameof(BadScores))]
    public void Out_of_range_or_ambiguous_scores_are_rejected_not_clamped(string rule, AlignmentScore score, string field)
    {
        var result = Convert(score);

        result.IsValid.Should().BeFalse(rule);
        result.Score.Should().BeNull();
        result.Errors.Select(e => e.Field).Should().Contain(field, because: rule);
    }

    [Fact]
    public void Broken_cut_scores_are_reported_rather_than_guessed() =>
        Convert(AlignmentScore.OfRaw(7m, 10m), [new(0.5m, "9")]).Errors
            .Should().ContainSingle().Which.Field.Should().Be("cutScores[0].levelCode");
}
