using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Domain;
using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>A malformed package yields no package and a field error for each problem, named by its JSON path.</summary>
public sealed class MalformedPackageTests
{
    private static CasePackageBuilder TwoItems() => new CasePackageBuilder()
        .Item(Id(1), "A").Item(Id(2), "A.1")
        .ChildOf(Id(1), DocumentId, 1).ChildOf(Id(2), Id(1), 1);

    private static IReadOnlyList<DomainError> Errors(JsonElement package)
    {
        var result = CasePackageReader.Read(package);
        result.Succeeded.Should().BeFalse();
        result.Package.Should().BeNull();
        return result.Errors;
    }

    private static IReadOnlyList<DomainError> Errors(CasePackageBuilder builder) => Errors(builder.Build());

    private static IEnumerable<string> Fields(CasePackageBuilder builder) => Errors(builder).Select(e => e.Field);

    [Fact]
    public void A_well_formed_builder_package_reads()
    {
        CasePackageReader.Read(TwoItems().Build()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void A_package_without_CFDocument_is_an_error_on_CFDocument()
    {
        var builder = TwoItems();
        builder.Root.Remove("CFDocument");
        Errors(builder).Should().ContainSingle().Which.Should().Be(new DomainError("CFDocument", "A CASE package needs a CFDocument."));
    }

    [Fact]
    public void A_CFDocument_without_identifier_or_title_names_both_fields()
    {
        var builder = TwoItems();
        builder.Document.Remove("identifier");
        builder.Document.Remove("title");
        Fields(builder).Should().BeEquivalentTo("CFDocument.identifier", "CFDocument.title");
    }

    [Fact]
    public void A_CFDocument_identifier_that_is_blank_or_holds_control_characters_is_an_error()
    {
        var builder = TwoItems();
        builder.Document["identifier"] = "ccss\u0007math";
        Errors(builder).Should().ContainSingle().Which.Field.Should().Be("CFDocument.identifier");
    }

    [Fact]
    public void An_unreadable_lastChangeDateTime_is_an_error_because_it_tells_newer_exports()
    {
        var builder = TwoItems();
        builder.Document["lastChangeDateTime"] = "last Tuesday";
        Errors(builder).Should().ContainSingle().Which.Field.Should().Be("CFDocument.lastChangeDateTime");
    }

    [Fact]
    public void An_item_without_identifier_is_an_error_on_that_item()
    {
        var builder = TwoItems().Item(Id(3), "A.2");
        ((JsonObject)builder.Items[2]!).Remove("identifier");
        Errors(builder).Should().ContainSingle().Which.Field.Should().Be("CFItems[2].identifier");
    }

    [Fact]
    public void A_blank_item_identifier_is_an_error()
    {
        var builder = TwoItems().Item("   ", "A.2");
        Errors(builder).Should().ContainSingle().Which.Field.Should().Be("CFItems[2].identifier");
    }

    [Fact]
    public void Duplicate_item_identifiers_name_the_repeat_and_the_first()
    {
        Errors(TwoItems().Item(Id(1), "B")).Should().ContainSingle().Which.Should().Be(new DomainError(
            "CFItems[2].identifier", $"'{Id(1)}' is also the identifier of CFItems[0]; identifiers must be unique."));
    }

    [Fact]
    public void The_same_UUID_in_another_letter_case_is_a_duplicate_identifier()
    {
        const string identifier = "abcdef01-0000-4000-8000-00000000000a";
        var builder = TwoItems().Item(identifier, "B").Item(identifier.ToUpperInvariant(), "C");
        var error = Errors(builder).Should().ContainSingle().Subject;
        error.Field.Should().Be("CFItems[3].identifier");
        error.Message.Should().Contain("CFItems[2]");
    }

    [Fact]
    public void An_item_with_the_document_identifier_is_an_error()
    {
        Fields(TwoItems().Item(DocumentId, "B")).Should().Equal("CFItems[2].identifier");
    }

    [Fact]
    public void An_item_without_any_statement_is_an_error_on_fullStatement()
    {
        var builder = TwoItems();
        ((JsonObject)builder.Items[1]!).Remove("fullStatement");
        Fields(builder).Should().Equal("CFItems[1].fullStatement");
    }

    [Fact]
    public void An_association_from_an_unknown_origin_is_an_error_on_its_origin()
    {
        var builder = TwoItems().Precedes(Id(99), Id(2));
        Errors(builder).Should().ContainSingle().Which.Should().Be(new DomainError(
            "CFAssociations[2].originNodeURI.identifier", $"The origin '{Id(99)}' is not a CFItem of this package."));
    }

    [Fact]
    public void An_association_from_the_document_is_an_error_on_its_origin()
    {
        var error = Errors(TwoItems().Association("isRelatedTo", DocumentId, Id(1), Uri(Id(1)))).Should().ContainSingle().Subject;
        error.Field.Should().Be("CFAssociations[2].originNodeURI.identifier");
        error.Message.Should().Contain("is the CFDocument");
    }

    [Fact]
    public void A_node_link_with_a_wrong_typed_identifier_is_reported_once()
    {
        var builder = TwoItems();
        ((JsonObject)builder.Associations[1]!)["originNodeURI"]!["identifier"] = 2;
        Errors(builder).Should().ContainSingle().Which.Should().Be(
            new DomainError("CFAssociations[1].originNodeURI.identifier", "identifier must be a string, not a number."));
    }

    [Fact]
    public void CFItems_that_is_not_an_array_is_an_error_on_CFItems()
    {
        var builder = TwoItems();
        builder.Root["CFItems"] = new JsonObject { ["identifier"] = Id(1) };
        var error = Errors(builder).Should().ContainSingle(e => e.Field == "CFItems").Subject;
        error.Message.Should().Be("CFItems must be an array, not an object.");
    }

    [Fact]
    public void A_package_without_items_is_an_error()
    {
        var builder = new CasePackageBuilder();
        Fields(builder).Should().Equal("CFItems");
        builder.Root.Remove("CFItems");
        Fields(builder).Should().Equal("CFItems");
    }

    [Fact]
    public void Wrong_JSON_types_are_errors_on_their_fields()
    {
        var builder = TwoItems();
        builder.Document["title"] = 42;
        var item = (JsonObject)builder.Items[1]!;
        item["fullStatement"] = new JsonArray("Add", "fractions");
        item["humanCodingScheme"] = true;
        builder.Items.Add(JsonValue.Create("not an item"));
        var association = (JsonObject)builder.Associations[1]!;
        association["sequenceNumber"] = "first";
        association["destinationNodeURI"] = 7;
        builder.Root["CFAssociations"]!.AsArray().Add(JsonValue.Create(3));

        Errors(builder).Should().BeEquivalentTo(new[]
        {
            new DomainError("CFDocument.title", "title must be a string, not a number."),
            new DomainError("CFItems[1].fullStatement", "fullStatement must be a string, not an array."),
            new DomainError("CFItems[1].humanCodingScheme", "humanCodingScheme must be a string, not a boolean."),
            new DomainError("CFItems[2]", "A CFItem must be an object, not a string."),
            new DomainError("CFAssociations[1].destinationNodeURI",
                "destinationNodeURI must be a link object ({ title, identifier, uri }) or a URI string, not a number."),
            new DomainError("CFAssociations[1].sequenceNumber", "sequenceNumber must be a whole number, not a string."),
            new DomainError("CFAssociations[2]", "A CFAssociation must be an object, not a number."),
        });
    }

    [Fact]
    public void CFAssociations_that_is_not_an_array_is_an_error_on_CFAssociations()
    {
        var builder = TwoItems();
        builder.Root["CFAssociations"] = "none";
        Fields(builder).Should().Equal("CFAssociations");
    }

    [Fact]
    public void An_association_without_type_or_nodes_names_each_missing_field()
    {
        var builder = TwoItems();
        var association = (JsonObject)builder.Associations[1]!;
        association.Remove("associationType");
        association.Remove("originNodeURI");
        association["destinationNodeURI"] = new JsonObject { ["title"] = "Nowhere" };
        Fields(builder).Should().BeEquivalentTo(
            "CFAssociations[1].associationType", "CFAssociations[1].originNodeURI", "CFAssociations[1].destinationNodeURI");
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var builder = TwoItems().Item(Id(1), "B").Item("   ", "C").Precedes(Id(98), Id(1));
        builder.Document.Remove("title");
        ((JsonObject)builder.Items[1]!).Remove("fullStatement");

        Fields(builder).Should().BeEquivalentTo(
            "CFDocument.title",
            "CFItems[1].fullStatement",
            "CFItems[2].identifier",
            "CFItems[3].identifier",
            "CFAssociations[2].originNodeURI.identifier");
    }

    [Fact]
    public void An_association_from_an_item_with_a_broken_identifier_is_not_reported_twice()
    {
        var builder = TwoItems().Item("bad\u0007id", "C").Association("isRelatedTo", "bad\u0007id", Id(1), Uri(Id(1)));
        Fields(builder).Should().Equal("CFItems[2].identifier");
    }

    [Fact]
    public void A_package_that_is_not_an_object_is_an_error_on_the_root()
    {
        using var document = JsonDocument.Parse("[1, 2]");
        Errors(document.RootElement).Should().ContainSingle().Which.Field.Should().Be("$");
        Errors(default(JsonElement)).Should().ContainSingle().Which.Field.Should().Be("$");
    }
}
