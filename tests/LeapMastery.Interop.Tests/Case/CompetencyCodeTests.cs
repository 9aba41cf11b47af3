using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>Competency codes are unique within the framework whatever the publisher's coding schemes are.</summary>
public sealed class CompetencyCodeTests
{
    private static IReadOnlyDictionary<string, string> CodesById(CasePackageBuilder builder)
    {
        var package = CaseTestData.ReadSuccessfully(builder.Build());
        package.Competencies.Select(c => c.Code).Should().OnlyHaveUniqueItems();
        CaseTestData.Valid(CaseTestData.FirstImport(package));
        return package.Competencies.ToDictionary(c => c.Identifier, c => c.Code);
    }

    [Fact]
    public void A_unique_humanCodingScheme_is_the_code()
    {
        CodesById(new CasePackageBuilder().Item(Id(1), "  5.NF.A.1 "))[Id(1)].Should().Be("5.NF.A.1");
    }

    [Fact]
    public void A_shared_humanCodingScheme_gets_each_holder_a_unique_code_with_its_identifier()
    {
        var codes = CodesById(new CasePackageBuilder()
            .Item("aaaaaaaa-0000-4000-8000-000000000001", "RL.1")
            .Item("bbbbbbbb-0000-4000-8000-000000000002", "RL.1")
            .Item(Id(3), "RL.2"));
        codes.Values.Should().BeEquivalentTo("RL.1-aaaaaaaa", "RL.1-bbbbbbbb", "RL.2");
    }

    [Fact]
    public void An_item_without_humanCodingScheme_gets_a_code_from_its_identifier()
    {
        CodesById(new CasePackageBuilder().Item("1a2b3c4d-0000-4000-8000-000000000001", null))
            .Values.Should().Equal("case-1a2b3c4d");
    }

    [Fact]
    public void Identifiers_sharing_their_first_8_digits_fall_back_to_the_whole_identifier()
    {
        // Time-based UUIDs from one export run often share their leading digits.
        var codes = CodesById(new CasePackageBuilder()
            .Item("b7735000-f058-11e7-829f-9f13c008aab5", null)
            .Item("b7735000-f058-11e7-9f95-a9b232acff4e", null));
        codes.Values.Should().BeEquivalentTo("case-b7735000", "case-b7735000-f058-11e7-9f95-a9b232acff4e");
    }

    [Fact]
    public void A_fallback_never_takes_a_code_the_publisher_gave()
    {
        var codes = CodesById(new CasePackageBuilder()
            .Item("1a2b3c4d-0000-4000-8000-000000000001", null)
            .Item(Id(2), "case-1a2b3c4d"));
        codes[Id(2)].Should().Be("case-1a2b3c4d");
        codes["1a2b3c4d-0000-4000-8000-000000000001"].Should().Be("case-1a2b3c4d-0000-4000-8000-000000000001");
    }

    [Fact]
    public void Parent_codes_and_prerequisites_use_the_deduplicated_codes()
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder()
            .Item("aaaaaaaa-0000-4000-8000-000000000001", "X")
            .Item("bbbbbbbb-0000-4000-8000-000000000002", "X")
            .Item(Id(3), "Y")
            .ChildOf(Id(3), "bbbbbbbb-0000-4000-8000-000000000002")
            .Precedes("aaaaaaaa-0000-4000-8000-000000000001", Id(3))
            .Build());
        package.Competencies.Single(c => c.Code == "Y").ParentCode.Should().Be("X-bbbbbbbb");
        package.Prerequisites.Single().RequiresCode.Should().Be("X-aaaaaaaa");
    }

    [Theory]
    [InlineData("What Standards Could Be", "what-standards-could-be")]
    [InlineData("  Mathématiques — 5e année (2024) ", "mathematiques-5e-annee-2024")]
    [InlineData("CCSS.Math: Grade 5", "ccss-math-grade-5")]
    [InlineData("数学", "case-d0c00000")]
    public void The_suggested_framework_code_is_a_slug_of_the_title(string title, string expected)
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder(title).Item(Id(1), "A").Build());
        package.Document.SuggestedCode.Should().Be(expected);
    }

    [Fact]
    public void The_suggested_framework_code_fits_in_100_characters()
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder(string.Join(" ", Enumerable.Repeat("Standards", 30)))
            .Item(Id(1), "A").Build());
        package.Document.SuggestedCode.Length.Should().BeLessThanOrEqualTo(100);
        package.Document.SuggestedCode.Should().MatchRegex("^[a-z0-9-]+$").And.NotEndWith("-");
    }
}
