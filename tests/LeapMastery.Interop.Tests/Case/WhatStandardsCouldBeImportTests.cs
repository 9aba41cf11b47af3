using LeapMastery.Domain.Frameworks;
using LeapMastery.Interop.Case;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>OpenSALT's "What Standards Could Be": CCSS 6.RP/7.RP, plain-string CFDocumentURI, external exactMatchOf.</summary>
public sealed class WhatStandardsCouldBeImportTests
{
    private const string Prefix = "CCSS.Math.Content.";
    private readonly CasePackage package = CaseTestData.ReadSuccessfully(CaseTestData.Load(CaseTestData.WhatStandardsCouldBe));

    private CaseCompetency ByCode(string shortCode) => package.Competencies.Single(c => c.Code == Prefix + shortCode);

    [Fact]
    public void Every_CFItem_becomes_a_competency_even_though_CFDocumentURI_is_a_plain_string()
    {
        package.Competencies.Should().HaveCount(16);
        package.Competencies.Select(c => c.Identifier).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_CFDocument_becomes_the_framework_header()
    {
        var document = package.Document;
        document.Identifier.Should().Be("20c5134f-423d-4097-a971-3dd5152bf507");
        document.Uri.Should().Be("http://opensalt-staging.opened.com/uri/20c5134f-423d-4097-a971-3dd5152bf507");
        document.Title.Should().Be("What Standards Could Be");
        document.Description.Should().BeNull();
        document.Version.Should().BeNull();
        document.SuggestedCode.Should().Be("what-standards-could-be");
    }

    [Fact]
    public void A_lastChangeDateTime_without_offset_is_read_as_UTC()
    {
        package.Document.LastChangeDateTime.Should().Be(new DateTimeOffset(2017, 5, 25, 18, 5, 33, TimeSpan.Zero));
    }

    [Fact]
    public void Codes_are_the_humanCodingScheme_and_statements_the_fullStatement()
    {
        var standard = ByCode("6.RP.A.1");
        standard.Identifier.Should().Be("b6f61076-aa12-450b-8f9d-b86bc071f85e");
        standard.Uri.Should().Be("http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e");
        standard.Statement.Should().StartWith("Understand the concept of a ratio");
        standard.ItemType.Should().Be("Standard");
    }

    [Fact]
    public void IsChildOf_builds_the_tree_clusters_at_the_top()
    {
        ByCode("6.RP.A").ParentCode.Should().BeNull();
        ByCode("7.RP.A").ParentCode.Should().BeNull();
        ByCode("6.RP.A.1").ParentCode.Should().Be(Prefix + "6.RP.A");
        ByCode("6.RP.A.3c").ParentCode.Should().Be(Prefix + "6.RP.A.3");
        ByCode("7.RP.A.2d").ParentCode.Should().Be(Prefix + "7.RP.A.2");
        package.Competencies.Count(c => c.ParentCode is null).Should().Be(2);
    }

    [Fact]
    public void Clusters_are_domains_standards_competencies_and_components_sub_skills()
    {
        ByCode("6.RP.A").Kind.Should().Be(CompetencyKind.Domain);
        ByCode("6.RP.A.1").Kind.Should().Be(CompetencyKind.Competency);
        // A standard with lettered components is still the competency a teacher assesses.
        ByCode("6.RP.A.3").Kind.Should().Be(CompetencyKind.Competency);
        ByCode("6.RP.A.3a").Kind.Should().Be(CompetencyKind.SubSkill);
        package.Competencies.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<CompetencyKind, int>
            {
                [CompetencyKind.Domain] = 2, [CompetencyKind.Competency] = 6, [CompetencyKind.SubSkill] = 8,
            });
    }

    [Fact]
    public void The_outline_order_is_parents_first_siblings_by_sequenceNumber_then_coding_scheme()
    {
        // The clusters carry sequenceNumber "1" and "2" as strings; the standards have none and sort by code.
        package.Competencies.Select(c => c.Code[Prefix.Length..]).Should().Equal(
            "6.RP.A", "6.RP.A.1", "6.RP.A.2", "6.RP.A.3", "6.RP.A.3a", "6.RP.A.3b", "6.RP.A.3c", "6.RP.A.3d",
            "7.RP.A", "7.RP.A.1", "7.RP.A.2", "7.RP.A.2a", "7.RP.A.2b", "7.RP.A.2c", "7.RP.A.2d", "7.RP.A.3");
        ByCode("7.RP.A").SequenceNumber.Should().Be(2);
    }

    [Fact]
    public void Precedes_between_items_of_the_package_become_prerequisites()
    {
        package.Prerequisites.Should().BeEquivalentTo(new[]
        {
            new PrerequisiteLink(Prefix + "6.RP.A.2", Prefix + "6.RP.A.1"),
            new PrerequisiteLink(Prefix + "7.RP.A.3", Prefix + "6.RP.A.3"),
        });
    }

    [Fact]
    public void A_precedes_to_an_item_outside_the_package_is_kept_as_an_external_link()
    {
        var precedes = package.Links.Where(l => l.Type == "precedes").Should().ContainSingle().Subject;
        precedes.OriginIdentifier.Should().Be("eceec0fb-e4de-4ef3-a48f-0987b366c9ae");
        precedes.Target.Should().Be(CaseLinkTarget.External);
        precedes.DestinationIdentifier.Should().Be("61a66013-f85c-59c7-bdba-a2c9030e1c21");
    }

    [Fact]
    public void Every_association_the_framework_cannot_hold_is_kept_as_a_link()
    {
        // 39 associations: 16 isChildOf in the tree, 2 precedes as prerequisites, the other 21 kept.
        package.Links.Should().HaveCount(21);
        package.Links.GroupBy(l => l.Type).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<string, int>
            {
                ["exactMatchOf"] = 16, ["precedes"] = 1, ["exemplar"] = 2, ["isRelatedTo"] = 2,
            });
        package.Links.Should().OnlyContain(l => l.Target == CaseLinkTarget.External);
    }

    [Fact]
    public void External_exactMatchOf_keeps_its_destination_identifier_uri_and_title()
    {
        var match = package.Links.Single(l => l.Identifier == "b4d83eff-ae8e-45e5-b039-d7b832c05cd3");
        match.Should().Be(new CaseLink(
            "b4d83eff-ae8e-45e5-b039-d7b832c05cd3", "exactMatchOf", "edfce0e7-dbbf-40d5-af1a-baccabef85e9",
            CaseLinkTarget.External, "5b6c487e-04f1-5ba9-9722-d099849b9167",
            "http://opensalt-staging.opened.com/uri/5b6c487e-04f1-5ba9-9722-d099849b9167", "Destination"));
    }

    [Fact]
    public void The_package_makes_a_valid_framework()
    {
        var definition = CaseTestData.Valid(CaseTestData.FirstImport(package));

        definition.Code.Should().Be("what-standards-could-be");
        definition.Title.Should().Be("What Standards Could Be");
        definition.CaseIdentifier.Should().Be("20c5134f-423d-4097-a971-3dd5152bf507");
        definition.CaseUri.Should().Be(package.Document.Uri);
        definition.Competencies.Should().HaveCount(16);
        definition.Prerequisites.Should().HaveCount(2);
        definition.Progressions.Should().BeEmpty();
        definition.Extensions.Should().BeEmpty();
        var standard = definition.FindByCode(Prefix + "6.RP.A.1")!;
        standard.CaseIdentifier.Should().Be("b6f61076-aa12-450b-8f9d-b86bc071f85e");
        standard.CaseUri.Should().Be("http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e");
        standard.Policy.Should().BeNull();
    }

    [Fact]
    public void The_caller_may_choose_the_framework_code()
    {
        CaseTestData.Valid(CaseTestData.FirstImport(package, "ccss-ratios")).Code.Should().Be("ccss-ratios");
    }
}
