using LeapMastery.Domain.Frameworks;
using LeapMastery.Interop.Case;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>
/// Packages as the Common Core exports of OpenSALT and ASN publish them: the document and every item identified by an ASN
/// URI, not a UUID. They import, keep their identifiers exactly as given, and match them on re-import.
/// </summary>
public sealed class UriIdentifierTests
{
    private const string Document = "http://purl.org/ASN/resources/D10003FB";

    private static string Asn(string id) => $"http://asn.jesandco.org/resources/{id}";

    private static CasePackageBuilder Package(int items)
    {
        var builder = new CasePackageBuilder("Common Core State Standards for Mathematics");
        builder.Document["identifier"] = Document;
        builder.Document["uri"] = Document;
        builder.Association("isChildOf", Asn("S114340A"), Document, Document, "Common Core State Standards for Mathematics");
        builder.Item(Asn("S114340A"), "CCSS.Math.Content.3", "Grade 3");
        for (var i = 1; i <= items; i++)
        {
            var id = Asn($"S2366{i:D3}");
            builder.Item(id, i % 50 == 0 ? null : $"CCSS.Math.Content.3.NF.A.{i}", $"Statement {i}");
            builder.Association("isChildOf", id, Asn("S114340A"), Asn("S114340A"));
            if (i > 1) builder.Association("precedes", Asn($"S2366{i - 1:D3}"), id, Asn($"S2366{i:D3}"));
        }
        return builder;
    }

    private static FrameworkDefinition Import(CasePackage package, FrameworkDefinition? previous)
    {
        var ids = previous?.Competencies.ToDictionary(c => c.CaseIdentifier!, c => c.Id, StringComparer.Ordinal) ?? [];
        return CaseTestData.Valid(CaseFrameworkMapping.ToDefinition(
            package, "ccss-math", CaseTestData.Scale, LeapMastery.Domain.Mastery.CalculationPolicy.Default,
            identifier => ids.TryGetValue(identifier, out var id) ? id : null, Guid.NewGuid));
    }

    [Fact]
    public void A_package_identified_by_ASN_URIs_imports_keeping_every_identifier_as_given()
    {
        var package = CaseTestData.ReadSuccessfully(Package(300).Build());
        package.Document.Identifier.Should().Be(Document);

        var definition = Import(package, null);
        definition.CaseIdentifier.Should().Be(Document);
        definition.Competencies.Should().HaveCount(301);
        definition.Competencies.Select(c => c.CaseIdentifier).Should().OnlyContain(i => i!.StartsWith("http://asn.jesandco.org/resources/S", StringComparison.Ordinal));
        definition.FindByCode("CCSS.Math.Content.3.NF.A.7")!.CaseIdentifier.Should().Be(Asn("S2366007"));
        definition.Prerequisites.Should().HaveCount(299);
        // An item without a humanCodingScheme gets a code from the last segment of its URI.
        definition.Competencies.Single(c => c.CaseIdentifier == Asn("S2366050")).Code.Should().Be("case-S2366050");
    }

    [Fact]
    public void Re_importing_the_same_URI_package_gives_the_same_ids_and_URIs_are_matched_exactly()
    {
        var package = CaseTestData.ReadSuccessfully(Package(20).Build());
        var first = Import(package, null);
        var second = Import(package, first);
        second.Competencies.Select(c => (c.CaseIdentifier, c.Id)).Should().Equal(first.Competencies.Select(c => (c.CaseIdentifier, c.Id)));
    }

    [Fact]
    public void A_UUID_in_another_letter_case_is_still_one_identifier_but_a_URI_keeps_its_letters()
    {
        var builder = new CasePackageBuilder().Item("ABCDEF01-0000-4000-8000-00000000000A", "A").Item(Asn("S114340a"), "B");
        var package = CaseTestData.ReadSuccessfully(builder.Build());
        var definition = Import(package, null);
        definition.FindByCode("A")!.CaseIdentifier.Should().Be("abcdef01-0000-4000-8000-00000000000a");
        definition.FindByCode("B")!.CaseIdentifier.Should().Be(Asn("S114340a"));
    }
}
