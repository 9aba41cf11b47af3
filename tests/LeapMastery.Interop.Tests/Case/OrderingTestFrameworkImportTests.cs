using LeapMastery.Domain.Frameworks;
using LeapMastery.Interop.Case;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>OpenSALT's ordering test framework: 65 items in a deep tree, sibling order set by sequenceNumber.</summary>
public sealed class OrderingTestFrameworkImportTests
{
    private readonly CasePackage package = CaseTestData.ReadSuccessfully(CaseTestData.Load(CaseTestData.OrderingTestFramework));

    private IEnumerable<string> ChildrenOf(string code) =>
        package.Competencies.Where(c => c.ParentCode == code).Select(c => c.Code);

    [Fact]
    public void Every_CFItem_becomes_a_competency_and_every_isChildOf_places_one()
    {
        package.Competencies.Should().HaveCount(65);
        package.Links.Should().BeEmpty();
        package.Prerequisites.Should().BeEmpty();
        package.Document.Title.Should().Be("ordering");
        package.Document.LastChangeDateTime.Should().Be(new DateTimeOffset(2018, 1, 3, 7, 35, 38, TimeSpan.Zero));
    }

    [Fact]
    public void Top_level_items_come_in_sequenceNumber_order_ties_by_coding_scheme()
    {
        package.Competencies.Where(c => c.ParentCode is null).Select(c => c.Code)
            .Should().Equal("F", "M", "H.A.SCI.SCP", "H.A.SCI.CSC");
    }

    [Fact]
    public void Siblings_come_in_sequenceNumber_order_not_coding_scheme_order()
    {
        ChildrenOf("M").Should().Equal("M.F", "M.E");
        ChildrenOf("H.A.SCI.CSC").Should().Equal(
            "H.A.SCI.CSC.P", "H.A.SCI.CSC.CE", "H.A.SCI.CSC.S", "H.A.SCI.CSC.C", "H.A.SCI.CSC.SYS");
    }

    [Fact]
    public void Sequence_numbers_above_nine_sort_as_numbers()
    {
        ChildrenOf("H.A.SCI.CSC.C.CE.L2").Should().Equal(
            Enumerable.Range(1, 15).Select(n => $"H.A.SCI.CSC.C.CE.L2.{n}"));
    }

    [Fact]
    public void The_outline_is_depth_first_with_each_subtree_together()
    {
        // The F branch nests by isChildOf, whatever its coding schemes suggest (F.1.3 is a child of F.2.2).
        package.Competencies.Take(7).Select(c => c.Code)
            .Should().Equal("F", "F.1", "F.2", "F.2.1", "F.2.2", "F.1.3", "F.2.3");
    }

    [Fact]
    public void Every_parent_comes_before_its_children()
    {
        var seen = new HashSet<string>();
        foreach (var competency in package.Competencies)
        {
            if (competency.ParentCode is not null)
                seen.Should().Contain(competency.ParentCode, $"{competency.Code} comes after its parent");
            seen.Add(competency.Code);
        }
    }

    [Fact]
    public void A_deep_tree_has_a_domain_at_the_top_strands_below_and_competencies_at_the_leaves()
    {
        var kinds = package.Competencies.ToDictionary(c => c.Code, c => c.Kind);
        kinds["H.A.SCI.CSC"].Should().Be(CompetencyKind.Domain);
        kinds["H.A.SCI.CSC.C"].Should().Be(CompetencyKind.Strand);
        kinds["H.A.SCI.CSC.C.CE"].Should().Be(CompetencyKind.Strand);
        kinds["H.A.SCI.CSC.C.CE.L1"].Should().Be(CompetencyKind.Strand);
        kinds["H.A.SCI.CSC.C.CE.L1.20"].Should().Be(CompetencyKind.Competency);
        // A top-level item without children is simply a competency.
        kinds["H.A.SCI.SCP"].Should().Be(CompetencyKind.Competency);
    }

    [Fact]
    public void CFDocumentURI_as_a_link_object_is_accepted_too()
    {
        // This export writes CFDocumentURI (and CFPackageURI) as link objects, the other as strings; both read.
        package.Competencies.Should().OnlyContain(c => c.Uri!.StartsWith("http://127.0.0.1:3000/ims/case/v1p0/CFItems/"));
    }

    [Fact]
    public void The_package_makes_a_valid_framework()
    {
        var definition = CaseTestData.Valid(CaseTestData.FirstImport(package));
        definition.Code.Should().Be("ordering");
        definition.Competencies.Select(c => c.Code).Should().Equal(package.Competencies.Select(c => c.Code));
    }
}
