using LeapMastery.Domain.Frameworks;
using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>A newer export of the same framework keeps each competency's id, matched by CASE identifier.</summary>
public sealed class ReImportTests
{
    private static FrameworkDefinition Import(CasePackage package, FrameworkDefinition? previous)
    {
        var ids = previous?.Competencies.ToDictionary(c => c.CaseIdentifier!, c => c.Id) ?? [];
        return CaseTestData.Valid(CaseFrameworkMapping.ToDefinition(
            package, "fw", CaseTestData.Scale, LeapMastery.Domain.Mastery.CalculationPolicy.Default,
            identifier => ids.TryGetValue(identifier, out var id) ? id : null, Guid.NewGuid));
    }

    [Fact]
    public void Re_import_reuses_competency_ids_by_case_identifier_even_when_codes_and_statements_change()
    {
        var first = new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "A.1").ChildOf(Id(2), Id(1));
        var firstDefinition = Import(CaseTestData.ReadSuccessfully(first.Build()), null);

        var newer = new CasePackageBuilder().Item(Id(1), "A").Item(Id(2), "A.01", "Reworded").Item(Id(3), "A.2")
            .ChildOf(Id(2), Id(1)).ChildOf(Id(3), Id(1));
        newer.Document["lastChangeDateTime"] = "2026-01-15T08:00:00Z";
        newer.Document["version"] = "2";
        var newerPackage = CaseTestData.ReadSuccessfully(newer.Build());
        var newerDefinition = Import(newerPackage, firstDefinition);

        newerPackage.Document.LastChangeDateTime.Should().BeAfter(
            CaseTestData.ReadSuccessfully(first.Build()).Document.LastChangeDateTime!.Value);
        newerDefinition.FindByCode("A")!.Id.Should().Be(firstDefinition.FindByCode("A")!.Id);
        newerDefinition.FindByCode("A.01")!.Id.Should().Be(firstDefinition.FindByCode("A.1")!.Id);
        newerDefinition.FindByCode("A.01")!.Statement.Should().Be("Reworded");
        newerDefinition.FindByCode("A.2")!.Id.Should().NotBe(Guid.Empty)
            .And.NotBe(firstDefinition.FindByCode("A")!.Id).And.NotBe(firstDefinition.FindByCode("A.1")!.Id);
    }

    [Fact]
    public void Re_importing_a_real_export_gives_the_same_ids()
    {
        var package = CaseTestData.ReadSuccessfully(CaseTestData.Load(CaseTestData.WhatStandardsCouldBe));
        var first = Import(package, null);
        var second = Import(package, first);
        second.Competencies.Select(c => c.Id).Should().Equal(first.Competencies.Select(c => c.Id));
    }

    [Fact]
    public void Identifiers_in_another_letter_case_still_find_the_existing_competency()
    {
        const string identifier = "abcdef01-0000-4000-8000-00000000000a";
        var first = Import(CaseTestData.ReadSuccessfully(new CasePackageBuilder().Item(identifier, "A").Build()), null);
        var upper = new CasePackageBuilder().Item(identifier.ToUpperInvariant(), "A");
        Import(CaseTestData.ReadSuccessfully(upper.Build()), first).Competencies.Single().Id
            .Should().Be(first.Competencies.Single().Id);
    }
}
