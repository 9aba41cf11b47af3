using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Tests.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Frameworks;

/// <summary>Given a framework's events, when a framework is created, revised or imported, then its next version is recorded, or refused by field.</summary>
public sealed class FrameworkDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid();

    private static FrameworkDefinition Definition(string code = "math", string title = "Mathematics", Instant? caseLastChange = null, params string[] steps) => new(
        // A new scale and policy per definition (as a definition read back from the database has): equality is by value.
        code, title, null, Scales.FourPoint, CalculationPolicy.For(CalculationMethod.DecayingAverage, (CalculationMethods.W, 0.65m)),
        [
            new CompetencyDefinition(A, "A", "Unit fractions", CompetencyKind.Competency, null, null),
            new CompetencyDefinition(B, "B", "Equivalent fractions", CompetencyKind.Competency, null, CalculationPolicy.For(CalculationMethod.MostRecent)),
        ],
        [new PrerequisiteLink("B", "A")],
        [new ProgressionDefinition("fractions", "Fractions", steps.Length > 0 ? steps : ["A", "B"])],
        [],
        CaseLastChange: caseLastChange);

    private static FrameworkState? Given(params object[] events) => FrameworkState.From(events);

    private static FrameworkCreated Created(FrameworkDefinition? definition = null) => new(Id, definition ?? Definition(), Now, "client");

    [Fact]
    public void A_new_framework_is_created_at_version_one()
    {
        var created = FrameworkDecisions.Create(new CreateFramework(Id, Definition(), CodeTaken: false, Now, "client")).First<FrameworkCreated>()!;
        created.FrameworkId.Should().Be(Id);
        FrameworkState.From([created])!.Version.Should().Be(1);
    }

    [Fact]
    public void A_code_the_tenant_already_uses_is_a_conflict_on_code()
    {
        var refusal = FrameworkDecisions.Create(new CreateFramework(Id, Definition(), CodeTaken: true, Now, "client")).Refusal!;
        refusal.Kind.Should().Be(RefusalKind.Conflict);
        refusal.Errors.Should().ContainSingle().Which.Field.Should().Be("code");
    }

    [Fact]
    public void A_version_that_breaks_the_framework_rules_is_invalid_by_field()
    {
        var broken = Definition() with { Prerequisites = [new PrerequisiteLink("B", "Z")] };
        var refusal = FrameworkDecisions.Create(new CreateFramework(Id, broken, false, Now, "client")).Refusal!;
        refusal.Kind.Should().Be(RefusalKind.Invalid);
        refusal.Errors.Select(e => e.Field).Should().Contain("prerequisites[0].requiresCode");
        FrameworkDecisions.Revise(new ReviseFramework(Id, broken, false, Now, "client"), Given(Created())).Refusal!.Kind.Should().Be(RefusalKind.Invalid);
    }

    [Fact]
    public void A_revision_is_the_next_version_and_may_rename_to_a_free_code_only()
    {
        var state = Given(Created(), new FrameworkRevised(Id, 2, Definition(title: "Maths"), Now, "client"));
        var revised = FrameworkDecisions.Revise(new ReviseFramework(Id, Definition(code: "maths"), CodeTaken: false, Now, "client"), state).First<FrameworkRevised>()!;
        revised.Version.Should().Be(3);

        FrameworkDecisions.Revise(new ReviseFramework(Id, Definition(code: "science"), CodeTaken: true, Now, "client"), state).Refusal!.Errors.Single().Field.Should().Be("code");
        FrameworkDecisions.Revise(new ReviseFramework(Id, Definition(), CodeTaken: true, Now, "client"), state).IsRefused
            .Should().BeFalse("keeping its own code is no clash");
    }

    [Fact]
    public void Revising_a_framework_that_does_not_exist_is_not_found()
    {
        var refusal = FrameworkDecisions.Revise(new ReviseFramework(Id, Definition(), false, Now, "client"), Given()).Refusal!;
        refusal.Kind.Should().Be(RefusalKind.NotFound);
        refusal.Errors.Single().Should().Be(new DomainError("frameworkId", $"No framework {Id} in this tenant."));
    }

    [Fact]
    public void An_import_creates_then_repeats_as_nothing_then_revises_and_never_goes_back_to_an_older_export()
    {
        var march = Instant.FromUtc(2026, 3, 1, 0, 0);
        var first = FrameworkDecisions.Import(new ImportFramework(Id, Definition(caseLastChange: march), false, Now, "client"), Given()).First<FrameworkCreated>()!;

        // The same package again, mapped afresh (new lists, same content): nothing to record.
        FrameworkDecisions.Import(new ImportFramework(Guid.NewGuid(), Definition(caseLastChange: march), true, Now, "client"), Given(first))
            .Should().BeSameAs(Decision.Unchanged);

        var april = Instant.FromUtc(2026, 4, 1, 0, 0);
        var newer = FrameworkDecisions.Import(new ImportFramework(Guid.NewGuid(), Definition(caseLastChange: april, steps: ["B", "A"]), true, Now, "client"), Given(first));
        newer.First<FrameworkRevised>()!.Version.Should().Be(2);

        var older = FrameworkDecisions.Import(new ImportFramework(Guid.NewGuid(), Definition(caseLastChange: Instant.FromUtc(2026, 2, 1, 0, 0)), true, Now, "client"),
            Given(first, newer.Events[0])).Refusal!;
        older.Kind.Should().Be(RefusalKind.Conflict);
        older.Errors.Single().Field.Should().Be("package");
    }

    [Fact]
    public void An_import_of_a_new_document_whose_code_is_taken_is_a_conflict_that_says_to_pass_another_code()
    {
        var refusal = FrameworkDecisions.Import(new ImportFramework(Id, Definition(), CodeTaken: true, Now, "client"), Given()).Refusal!;
        refusal.Kind.Should().Be(RefusalKind.Conflict);
        refusal.Message.Should().Contain("pass another code");
    }

    [Fact]
    public void Two_versions_written_alike_are_equal_and_any_changed_list_item_tells_them_apart()
    {
        Definition().Should().Be(Definition());
        Definition(steps: ["B", "A"]).Should().NotBe(Definition());
        (Definition() with { Prerequisites = [] }).Should().NotBe(Definition());
        (Definition() with { Links = [] }).Should().Be(Definition(), "no links and an empty list of links are the same");
    }
}
