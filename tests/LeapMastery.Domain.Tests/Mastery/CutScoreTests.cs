using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

public class CutScoreTests
{
    [Fact]
    public void Cut_scores_in_any_order_with_known_levels_are_valid() =>
        CutScore.Validate([new(0.75m, "3"), new(0m, "1"), new(0.9m, "4"), new(0.5m, "2")], Scales.FourPoint)
            .Should().BeEmpty();

    public static TheoryData<string, IReadOnlyList<CutScore>, string> BrokenCuts() => new()
    {
        { "fraction below 0", [new(-0.1m, "2")], "cutScores[0].minFraction" },
        { "fraction above 1", [new(0.5m, "2"), new(1.1m, "4")], "cutScores[1].minFraction" },
        { "fraction used twice", [new(0.5m, "2"), new(0.5m, "3")], "cutScores[1].minFraction" },
        { "unknown level", [new(0.5m, "2"), new(0.9m, "X")], "cutScores[1].levelCode" },
        { "higher fraction, lower level", [new(0.5m, "3"), new(0.9m, "2")], "cutScores[1].levelCode" },
    };

    [Theory]
    [MemberData(nameof(BrokenCuts))]
    public void Broken_cut_scores_are_rejected(string rule, IReadOnlyList<CutScore> cuts, string field) =>
        CutScore.Validate(cuts, Scales.FourPoint).Select(e => e.Field).Should().Contain(field, because: rule);
}
