using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

public class ProficiencyScaleTests
{
    [Theory]
    [InlineData("0", "1")]
    [InlineData("1.49", "1")]
    [InlineData("1.5", "2")]
    [InlineData("2.49", "2")]
    [InlineData("2.5", "3")]
    [InlineData("3.49", "3")]
    [InlineData("3.5", "4")]
    [InlineData("4", "4")]
    public void A_score_maps_to_the_highest_level_whose_minimum_it_reaches(string score, string expectedLevel) =>
        Scales.FourPoint.LevelFor(decimal.Parse(score)).Code.Should().Be(expectedLevel);

    [Fact]
    public void Levels_given_in_any_order_are_used_in_order_of_minimum_score()
    {
        var scale = Scales.FourPoint with { Levels = Scales.FourPoint.Levels.Reverse().ToList() };

        scale.LevelFor(2.7m).Code.Should().Be("3");
        scale.LowestLevel.Code.Should().Be("1");
        scale.OrderedLevels.Select(l => l.Code).Should().Equal("1", "2", "3", "4");
        ProficiencyScale.Validate(scale).Should().BeEmpty();
    }

    [Theory]
    [InlineData("1", "0")]
    [InlineData("2", "1.5")]
    [InlineData("3", "2.5")]
    [InlineData("4", "3.5")]
    public void A_level_scores_its_minimum(string code, string expectedScore) =>
        Scales.FourPoint.ScoreOfLevel(code).Should().Be(decimal.Parse(expectedScore));

    [Theory]
    [InlineData("3", "3", true)]
    [InlineData("4", "3", true)]
    [InlineData("2", "3", false)]
    [InlineData("3", "9", false)]
    [InlineData(null, "3", false)]
    [InlineData("3", null, false)]
    public void A_level_reaches_a_required_level_when_its_minimum_is_at_least_as_high(string? reached, string? required, bool expected) =>
        Scales.FourPoint.Reaches(reached is null ? null : Scales.FourPoint.FindLevel(reached), required).Should().Be(expected);

    [Fact]
    public void On_an_integer_point_scale_a_level_scores_its_points() =>
        Scales.IntegerPoints.ScoreOfLevel("P").Should().Be(3m);

    [Fact]
    public void Asking_the_score_of_an_unknown_level_is_an_error() =>
        FluentActions.Invoking(() => Scales.FourPoint.ScoreOfLevel("5")).Should().Throw<ArgumentException>();

    [Theory]
    [InlineData("2.49", false)]
    [InlineData("2.5", true)]
    [InlineData("4", true)]
    public void Mastery_starts_at_the_threshold(string roundedScore, bool expected) =>
        Scales.FourPoint.IsMastery(decimal.Parse(roundedScore)).Should().Be(expected);

    [Fact]
    public void A_well_formed_scale_is_valid() =>
        ProficiencyScale.Validate(Scales.FourPoint).Should().BeEmpty();

    public static TheoryData<string, ProficiencyScale, string> BrokenScales()
    {
        var s = Scales.FourPoint;
        ProficiencyScale WithLevel(int index, ProficiencyLevel level) =>
            s with { Levels = s.Levels.Select((l, i) => i == index ? level : l).ToList() };

        return new()
        {
            { "minPoints not below maxPoints", s with { MinPoints = 4m, MaxPoints = 4m }, "scale.maxPoints" },
            { "negative minPoints", s with { MinPoints = -1m }, "scale.minPoints" },
            { "a single level", s with { Levels = [s.Levels[0]] }, "scale.levels" },
            { "no levels", s with { Levels = [] }, "scale.levels" },
            { "an empty code", WithLevel(1, s.Levels[1] with { Code = " " }), "scale.levels[1].code" },
            { "a repeated code", WithLevel(2, s.Levels[2] with { Code = "2" }), "scale.levels[2].code" },
            { "a minimum above maxPoints", WithLevel(3, s.Levels[3] with { MinScore = 4.5m }), "scale.levels[3].minScore" },
            { "two levels with the same minimum", WithLevel(2, s.Levels[2] with { MinScore = 1.5m }), "scale.levels[2].minScore" },
            { "the lowest level above minPoints", WithLevel(0, s.Levels[0] with { MinScore = 0.5m }), "scale.levels[0].minScore" },
            { "a threshold above maxPoints", s with { MasteryThreshold = 4.1m }, "scale.masteryThreshold" },
            { "a threshold at minPoints", s with { MasteryThreshold = 0m }, "scale.masteryThreshold" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenScales))]
    public void A_broken_scale_is_rejected_at_the_field_that_breaks_it(string rule, ProficiencyScale scale, string field) =>
        ProficiencyScale.Validate(scale).Select(e => e.Field).Should().Contain(field, because: rule);

    [Fact]
    public void Scale_errors_use_the_given_field_prefix() =>
        ProficiencyScale.Validate(Scales.FourPoint with { MasteryThreshold = 9m }, "framework.scale")
            .Should().ContainSingle().Which.Field.Should().Be("framework.scale.masteryThreshold");

    [Fact]
    public void Scales_written_alike_are_equal()
    {
        Scales.FourPoint.Should().Be(Scales.FourPoint);
        Scales.FourPoint.Should().NotBe(Scales.FourPoint with { MasteryThreshold = 3.5m });
    }
}
