using LeapMastery.Domain.Progressions;

namespace LeapMastery.Domain.Tests.Progressions;

public class ProgressionPositionTests
{
    private static readonly IReadOnlyList<Guid> Steps = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();

    private static ProgressionPosition Position(IEnumerable<int> masteredSteps, IEnumerable<int> placedSteps)
    {
        var mastered = masteredSteps.Select(i => Steps[i]).ToHashSet();
        var placed = placedSteps.Select(i => Steps[i]).ToHashSet();
        return ProgressionPosition.Compute(Steps, mastered.Contains, placed.Contains);
    }

    [Fact]
    public void A_learner_with_nothing_done_is_at_the_first_step()
    {
        var position = Position([], []);

        position.CurrentIndex.Should().Be(0);
        position.CurrentCompetency.Should().Be(Steps[0]);
        position.StepsDone.Should().Be(0);
        position.Percent.Should().Be(0m);
    }

    [Fact]
    public void The_position_is_the_first_step_neither_mastered_nor_placed()
    {
        var position = Position(masteredSteps: [0, 1, 3], placedSteps: []);

        position.CurrentIndex.Should().Be(2);
        position.CurrentCompetency.Should().Be(Steps[2]);
    }

    [Fact]
    public void A_learner_placed_at_step_4_has_steps_1_to_3_placed_not_mastered()
    {
        var placed = Placement.PlacedSteps(Steps, placedAtIndex: 3);

        placed.Should().BeEquivalentTo(new[] { Steps[0], Steps[1], Steps[2] });
        var position = ProgressionPosition.Compute(Steps, _ => false, placed.Contains);
        position.CurrentIndex.Should().Be(3);
        position.StepsPlaced.Should().Be(3);
        position.StepsMastered.Should().Be(0);
    }

    [Fact]
    public void Placed_steps_count_as_done_but_not_mastered()
    {
        var position = Position(masteredSteps: [2], placedSteps: [0, 1]);

        position.StepsPlaced.Should().Be(2);
        position.StepsMastered.Should().Be(1);
        position.StepsDone.Should().Be(3);
        position.Percent.Should().Be(50m);
    }

    [Fact]
    public void A_placed_step_later_shown_mastered_counts_as_mastered()
    {
        var position = Position(masteredSteps: [1], placedSteps: [0, 1, 2]);

        position.StepsMastered.Should().Be(1);
        position.StepsPlaced.Should().Be(2);
        position.StepsDone.Should().Be(3);
    }

    [Fact]
    public void A_step_mastered_beyond_the_position_does_not_count_as_done_yet()
    {
        var position = Position(masteredSteps: [0, 4], placedSteps: []);

        position.CurrentIndex.Should().Be(1);
        position.StepsMastered.Should().Be(1);
        position.StepsDone.Should().Be(1);
    }

    [Fact]
    public void A_learner_with_every_step_done_has_no_position_and_100_percent()
    {
        var position = Position(masteredSteps: [0, 1, 2, 3], placedSteps: [4, 5]);

        position.IsComplete.Should().BeTrue();
        position.CurrentIndex.Should().BeNull();
        position.CurrentCompetency.Should().BeNull();
        position.StepsDone.Should().Be(6);
        position.Total.Should().Be(6);
        position.Percent.Should().Be(100m);
    }

    [Theory]
    [InlineData(1, "16.67")]   // 1/6 = 0.16666…
    [InlineData(2, "33.33")]
    [InlineData(4, "66.67")]
    [InlineData(5, "83.33")]
    public void Percent_is_steps_done_over_total_to_two_decimals(int done, string expected) =>
        Position(Enumerable.Range(0, done), []).Percent.Should().Be(decimal.Parse(expected));

    [Fact]
    public void An_empty_progression_is_complete() =>
        ProgressionPosition.Compute([], _ => false, _ => false).Should()
            .Be(new ProgressionPosition(null, null, 0, 0, 0, 0, 100m));

    [Fact]
    public void A_placement_at_the_first_step_places_nothing() =>
        Placement.PlacedSteps(Steps, 0).Should().BeEmpty();

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void A_placement_must_be_at_a_step_of_the_progression(int index) =>
        FluentActions.Invoking(() => Placement.PlacedSteps(Steps, index)).Should().Throw<ArgumentOutOfRangeException>();
}
