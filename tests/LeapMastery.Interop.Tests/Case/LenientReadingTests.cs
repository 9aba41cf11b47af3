using System.Text.Json.Nodes;
using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>Real exports bend the CASE schema in harmless ways; the import takes them.</summary>
public sealed class LenientReadingTests
{
    private static CasePackageBuilder TwoItems() => new CasePackageBuilder()
        .Item(Id(1), "A").Item(Id(2), "A.1")
        .ChildOf(Id(1), DocumentId, 1).ChildOf(Id(2), Id(1), 1);

    private static CasePackage Read(CasePackageBuilder builder) => CaseTestData.ReadSuccessfully(builder.Build());

    private static JsonObject ItemJson(CasePackageBuilder builder, int index) => (JsonObject)builder.Items[index]!;

    [Fact]
    public void CFDocumentURI_may_be_a_plain_URI_string_or_a_link_object()
    {
        var builder = TwoItems();
        ItemJson(builder, 0)["CFDocumentURI"] = DocumentUri;
        ItemJson(builder, 1)["CFDocumentURI"] = new JsonObject { ["title"] = "Sample", ["identifier"] = DocumentId, ["uri"] = DocumentUri };
        Read(builder).Competencies.Should().HaveCount(2);
    }

    [Fact]
    public void Links_the_mapping_does_not_need_are_not_checked()
    {
        var builder = TwoItems();
        ItemJson(builder, 0)["CFDocumentURI"] = 12;
        ItemJson(builder, 1)["CFItemTypeURI"] = "Standard";
        ((JsonObject)builder.Associations[0]!)["CFAssociationGroupingURI"] = new JsonArray();
        Read(builder).Competencies.Should().HaveCount(2);
    }

    [Fact]
    public void Association_nodes_given_as_plain_URI_strings_are_matched_by_uri()
    {
        var builder = TwoItems();
        var association = (JsonObject)builder.Associations[1]!;
        association["originNodeURI"] = Uri(Id(2));
        association["destinationNodeURI"] = Uri(Id(1));
        Read(builder).Competencies.Single(c => c.Code == "A.1").ParentCode.Should().Be("A");
    }

    [Fact]
    public void A_sequenceNumber_written_as_a_string_orders_like_a_number()
    {
        var builder = new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "B").Item(Id(3), "C")
            .ChildOf(Id(1), DocumentId).ChildOf(Id(2), DocumentId).ChildOf(Id(3), DocumentId);
        ((JsonObject)builder.Associations[0]!)["sequenceNumber"] = "10";
        ((JsonObject)builder.Associations[1]!)["sequenceNumber"] = "9";
        ((JsonObject)builder.Associations[2]!)["sequenceNumber"] = 1;
        Read(builder).Competencies.Select(c => c.Code).Should().Equal("C", "B", "A");
    }

    [Fact]
    public void Siblings_without_sequenceNumber_follow_those_with_one_in_coding_scheme_order()
    {
        var builder = new CasePackageBuilder()
            .Item(Id(1), "X.10").Item(Id(2), "X.9").Item(Id(3), "X.2").Item(Id(4), null)
            .ChildOf(Id(1), DocumentId).ChildOf(Id(2), DocumentId).ChildOf(Id(3), DocumentId, 1).ChildOf(Id(4), DocumentId);
        Read(builder).Competencies.Select(c => c.HumanCodingScheme).Should().Equal("X.2", "X.9", "X.10", null);
    }

    [Fact]
    public void A_missing_item_uri_stays_null()
    {
        var builder = TwoItems();
        ItemJson(builder, 1).Remove("uri");
        var package = Read(builder);
        package.Competencies.Single(c => c.Code == "A.1").Uri.Should().BeNull();
        CaseTestData.Valid(CaseTestData.FirstImport(package)).FindByCode("A.1")!.CaseUri.Should().BeNull();
    }

    [Fact]
    public void Without_fullStatement_the_abbreviatedStatement_is_the_statement()
    {
        var builder = TwoItems();
        ItemJson(builder, 1).Remove("fullStatement");
        ItemJson(builder, 1)["abbreviatedStatement"] = "Short form";
        Read(builder).Competencies.Single(c => c.Code == "A.1").Statement.Should().Be("Short form");
    }

    [Fact]
    public void Nulls_and_blank_strings_count_as_absent()
    {
        var builder = TwoItems();
        builder.Document["description"] = null;
        builder.Document["version"] = "  ";
        ItemJson(builder, 1)["humanCodingScheme"] = "";
        ItemJson(builder, 1)["CFItemType"] = null;
        var package = Read(builder);
        package.Document.Description.Should().BeNull();
        package.Document.Version.Should().BeNull();
        package.Competencies.Single(c => c.Identifier == Id(2)).HumanCodingScheme.Should().BeNull();
    }

    [Fact]
    public void Document_description_and_version_are_kept()
    {
        var builder = TwoItems();
        builder.Document["description"] = "Grades K-8";
        builder.Document["version"] = "2.1";
        var package = Read(builder);
        package.Document.Description.Should().Be("Grades K-8");
        package.Document.Version.Should().Be("2.1");
        package.Document.LastChangeDateTime.Should().Be(new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero));
        CaseTestData.Valid(CaseTestData.FirstImport(package)).Description.Should().Be("Grades K-8");
    }

    [Fact]
    public void Upper_case_identifiers_are_kept_in_lower_case_canonical_form_and_still_match()
    {
        const string parent = "abcdef01-0000-4000-8000-00000000000a";
        var builder = new CasePackageBuilder().Item(parent.ToUpperInvariant(), "A").Item(Id(2), "A.1").ChildOf(Id(2), parent);
        var package = Read(builder);
        package.Competencies.Select(c => c.Identifier).Should().Equal(parent, Id(2));
        package.Competencies[1].ParentCode.Should().Be("A");
    }

    [Fact]
    public void A_package_without_CFAssociations_is_a_flat_list()
    {
        var builder = new CasePackageBuilder().Item(Id(2), "B").Item(Id(1), "A");
        builder.Root.Remove("CFAssociations");
        var package = Read(builder);
        package.Competencies.Select(c => c.Code).Should().Equal("A", "B");
        package.Competencies.Should().OnlyContain(c => c.ParentCode == null);
    }

    [Fact]
    public void An_unknown_association_type_is_kept_as_a_link()
    {
        var package = Read(TwoItems().Association("isTranslationOf", Id(1), "urn:x-other:1", "https://other.example.org/1", "Other"));
        package.Links.Should().ContainSingle().Which.Type.Should().Be("isTranslationOf");
    }

    [Fact]
    public void The_CFItemTypeURI_title_names_the_type_when_CFItemType_is_missing()
    {
        var builder = TwoItems();
        ItemJson(builder, 1)["CFItemTypeURI"] = new JsonObject
        {
            ["title"] = "Component", ["identifier"] = Id(50), ["uri"] = Uri(Id(50)),
        };
        Read(builder).Competencies.Single(c => c.Code == "A.1").ItemType.Should().Be("Component");
    }
}
