using LeapMastery.Domain.Mastery;
using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>What reads as a CASE package may still break the framework rules; the definition step reports it.</summary>
public sealed class FrameworkRulesOnImportTests
{
    [Fact]
    public void A_cycle_of_precedes_is_a_framework_rule_error_naming_the_cycle()
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder()
            .Item(Id(1), "A").Item(Id(2), "B").Item(Id(3), "C")
            .Precedes(Id(1), Id(2)).Precedes(Id(2), Id(3)).Precedes(Id(3), Id(1))
            .Build());

        var result = CaseTestData.FirstImport(package);

        result.Succeeded.Should().BeFalse();
        result.Definition.Should().BeNull();
        // B requires A, C requires B, A requires C: from A, the requirements lead A → C → B → A.
        result.Errors.Should().ContainSingle().Which.Should().Be(
            new LeapMastery.Domain.DomainError("prerequisites", "The prerequisites form a cycle: A → C → B → A."));
    }

    [Fact]
    public void A_cycle_of_isChildOf_is_a_framework_rule_error_naming_the_cycle()
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder()
            .Item(Id(1), "R").Item(Id(2), "A").Item(Id(3), "B")
            .ChildOf(Id(1), DocumentId).ChildOf(Id(2), Id(3)).ChildOf(Id(3), Id(2))
            .Build());

        // Items on the cycle are reachable from no top item; they still come out, after the tree.
        package.Competencies.Select(c => c.Code).Should().Equal("R", "A", "B");
        CaseTestData.FirstImport(package).Errors.Should().ContainSingle()
            .Which.Message.Should().Be("The parent links form a cycle: A → B → A.");
    }

    [Fact]
    public void A_precedes_from_an_item_to_itself_is_a_framework_rule_error()
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder().Item(Id(1), "A").Precedes(Id(1), Id(1)).Build());
        CaseTestData.FirstImport(package).Errors.Select(e => e.Field).Should().Contain("prerequisites[0]");
    }

    [Fact]
    public void An_invalid_scale_chosen_on_import_is_reported_with_the_framework_rules()
    {
        var package = CaseTestData.ReadSuccessfully(new CasePackageBuilder().Item(Id(1), "A").Build());
        var scale = CaseTestData.Scale with { MasteryThreshold = 9m };
        var result = CaseFrameworkMapping.ToDefinition(package, "fw", scale, CalculationPolicy.Default, _ => null, Guid.NewGuid);
        result.Errors.Select(e => e.Field).Should().Equal("scale.masteryThreshold");
    }
}
