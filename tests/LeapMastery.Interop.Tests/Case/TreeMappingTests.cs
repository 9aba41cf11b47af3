using LeapMastery.Domain.Frameworks;
using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>How isChildOf, precedes and the other associations land in the mapped package.</summary>
public sealed class TreeMappingTests
{
    private static CasePackage Read(CasePackageBuilder builder) => CaseTestData.ReadSuccessfully(builder.Build());

    [Fact]
    public void A_child_of_the_document_has_no_parent()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "A").ChildOf(Id(1), DocumentId, 1));
        package.Competencies.Single().ParentCode.Should().BeNull();
        package.Links.Should().BeEmpty();
    }

    [Fact]
    public void An_isChildOf_to_an_external_parent_is_kept_as_a_link_and_the_item_is_at_the_top()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "A")
            .Association("isChildOf", Id(1), Id(77), "https://other.example.org/77", "Elsewhere"));
        package.Competencies.Single().ParentCode.Should().BeNull();
        package.Links.Should().ContainSingle().Which.Should().Be(new CaseLink(
            "a5500000-0000-4000-8000-000000000001", "isChildOf", Id(1), CaseLinkTarget.External, Id(77),
            "https://other.example.org/77", "Elsewhere"));
    }

    [Fact]
    public void An_item_under_two_parents_sits_under_the_first_and_the_second_is_kept_as_a_link()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "B").Item(Id(3), "S")
            .ChildOf(Id(1), DocumentId, 1).ChildOf(Id(2), DocumentId, 2)
            .ChildOf(Id(3), Id(1)).ChildOf(Id(3), Id(2)).ChildOf(Id(3), Id(1)));
        package.Competencies.Single(c => c.Code == "S").ParentCode.Should().Be("A");
        var link = package.Links.Should().ContainSingle().Subject;
        (link.Type, link.OriginIdentifier, link.Target, link.DestinationIdentifier)
            .Should().Be(("isChildOf", Id(3), CaseLinkTarget.Item, Id(2)));
    }

    [Fact]
    public void An_item_without_isChildOf_is_at_the_top()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "B").ChildOf(Id(1), DocumentId));
        package.Competencies.Should().OnlyContain(c => c.ParentCode == null);
    }

    [Fact]
    public void Precedes_means_the_destination_requires_the_origin()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "B").Precedes(Id(1), Id(2)).Precedes(Id(1), Id(2)));
        package.Prerequisites.Should().Equal(new PrerequisiteLink(CompetencyCode: "B", RequiresCode: "A"));
        package.Links.Should().BeEmpty();
    }

    [Fact]
    public void Other_association_types_are_kept_with_their_destination_even_inside_the_package()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "B")
            .Association("isPeerOf", Id(1), Id(2), Uri(Id(2)), "B")
            .Association("exemplar", Id(2), "https://tasks.example.org/42", "https://tasks.example.org/42")
            .Association("isRelatedTo", Id(1), DocumentId, DocumentUri));
        package.Links.Select(l => (l.Type, l.Target, l.DestinationIdentifier)).Should().Equal(
            ("isPeerOf", CaseLinkTarget.Item, Id(2)),
            ("exemplar", CaseLinkTarget.External, "https://tasks.example.org/42"),
            ("isRelatedTo", CaseLinkTarget.Document, DocumentId));
        package.Links[0].DestinationTitle.Should().Be("B");
    }

    [Fact]
    public void Items_with_children_are_domains_at_the_top_and_strands_below()
    {
        var package = Read(new CasePackageBuilder()
            .Item(Id(1), "G5").Item(Id(2), "G5.NF").Item(Id(3), "G5.NF.A").Item(Id(4), "G5.NF.A.1")
            .ChildOf(Id(1), DocumentId).ChildOf(Id(2), Id(1)).ChildOf(Id(3), Id(2)).ChildOf(Id(4), Id(3)));
        package.Competencies.Select(c => c.Kind).Should().Equal(
            CompetencyKind.Domain, CompetencyKind.Strand, CompetencyKind.Strand, CompetencyKind.Competency);
    }

    [Theory]
    [InlineData("Component")]
    [InlineData("Sub-skill")]
    [InlineData("sub_skill")]
    [InlineData("SubSkill")]
    [InlineData("Sub Component")]
    public void A_leaf_typed_as_a_part_of_a_standard_is_a_sub_skill(string itemType)
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "S").Item(Id(2), "S.a", itemType: itemType)
            .ChildOf(Id(2), Id(1)));
        package.Competencies.Select(c => c.Kind).Should().Equal(CompetencyKind.Competency, CompetencyKind.SubSkill);
    }

    [Fact]
    public void A_standard_with_a_sub_skill_and_a_plain_child_is_a_grouping()
    {
        var package = Read(new CasePackageBuilder().Item(Id(1), "S").Item(Id(2), "S.a", itemType: "Component").Item(Id(3), "S.b")
            .ChildOf(Id(2), Id(1)).ChildOf(Id(3), Id(1)));
        package.Competencies.Select(c => c.Kind).Should().Equal(
            CompetencyKind.Domain, CompetencyKind.SubSkill, CompetencyKind.Competency);
    }
}
