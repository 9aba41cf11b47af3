using LeapMastery.Domain.Frameworks;

namespace LeapMastery.Domain.Tests.Frameworks;

public class PrerequisiteGraphTests
{
    [Fact]
    public void Links_without_a_cycle_have_none() =>
        PrerequisiteGraph.FindCycle([("A", "B"), ("B", "C"), ("A", "C"), ("D", "C")]).Should().BeNull();

    [Fact]
    public void No_links_have_no_cycle() =>
        PrerequisiteGraph.FindCycle([]).Should().BeNull();

    [Fact]
    public void A_cycle_is_reported_along_the_links_back_to_where_it_started() =>
        PrerequisiteGraph.FindCycle([("A", "B"), ("B", "C"), ("C", "A")]).Should().Equal("A", "B", "C", "A");

    [Fact]
    public void The_same_cycle_is_reported_whatever_order_the_links_come_in()
    {
        (string, string)[] links = [("X", "Y"), ("C", "A"), ("B", "C"), ("Y", "B"), ("A", "B")];

        var forwards = PrerequisiteGraph.FindCycle(links);
        var backwards = PrerequisiteGraph.FindCycle(links.Reverse());

        forwards.Should().Equal("A", "B", "C", "A");
        backwards.Should().Equal(forwards);
    }

    [Fact]
    public void A_competency_requiring_itself_is_a_cycle() =>
        PrerequisiteGraph.FindCycle([("A", "B"), ("B", "B")]).Should().Equal("B", "B");

    [Fact]
    public void A_cycle_below_acyclic_links_is_found() =>
        PrerequisiteGraph.FindCycle([("M", "N"), ("N", "P"), ("P", "Q"), ("Q", "P")]).Should().Equal("P", "Q", "P");

    [Fact]
    public void A_long_chain_is_checked_without_running_out_of_stack()
    {
        var chain = Enumerable.Range(0, 100_000).Select(i => ($"C{i:D6}", $"C{i + 1:D6}")).ToList();

        PrerequisiteGraph.FindCycle(chain).Should().BeNull();
        PrerequisiteGraph.FindCycle([.. chain, ("C100000", "C000000")]).Should().HaveCount(100_002);
    }
}
