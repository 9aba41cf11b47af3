using System.Text.Json;
using LeapMastery.Api.Infrastructure.Json;
using LeapMastery.Domain.Recognitions;

namespace LeapMastery.Api.Tests.Recognitions;

/// <summary>The closed criterion hierarchy is stored in the shape recognitions were always stored in, and every stored shape reads back.</summary>
public sealed class CriterionStorageTests
{
    private static readonly JsonSerializerOptions Marten = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull, Converters = { new CriterionJsonConverter() },
    };

    private static readonly Guid A = Guid.Parse("0b1c2d3e-0000-4000-8000-00000000000a"), F = Guid.Parse("0b1c2d3e-0000-4000-8000-00000000000f");

    [Fact]
    public void A_definition_stored_by_the_flat_record_reads_back_as_the_hierarchy()
    {
        // As the former one-type criterion was stored: PascalCase kinds (Marten's enum converter), nulls left out.
        const string stored = """
            {"kind":"AllOf","children":[
              {"kind":"NOf","children":[{"kind":"CompetencyMastered","competencyId":"0b1c2d3e-0000-4000-8000-00000000000a"},
                                        {"kind":"MinLevel","competencyId":"0b1c2d3e-0000-4000-8000-00000000000a","levelCode":"3"}],"n":1},
              {"step":2,"progressionCode":"path","frameworkId":"0b1c2d3e-0000-4000-8000-00000000000f","kind":"progressionStep"}]}
            """;
        var criterion = JsonSerializer.Deserialize<Criterion>(stored, Marten)!;

        var all = criterion.Should().BeOfType<AllOfCriterion>().Subject;
        var some = all.Children[0].Should().BeOfType<NOfCriterion>().Subject;
        some.N.Should().Be(1);
        some.Children[0].Should().Be(new CompetencyMasteredCriterion(A));
        some.Children[1].Should().Be(new MinLevelCriterion(A, "3"));
        all.Children[1].Should().Be(new ProgressionStepCriterion(F, "path", 2), "names and kinds match in any case and order");
        criterion.Leaves().Should().HaveCount(3);
    }

    [Fact]
    public void The_hierarchy_is_written_in_the_stored_shape_and_reads_back_equal()
    {
        Criterion criterion = new AllOfCriterion([new NOfCriterion(1, [new CompetencyMasteredCriterion(A), new MinLevelCriterion(A, "3")]), new ProgressionStepCriterion(F, "path", 2)]);
        var json = JsonSerializer.Serialize(criterion, Marten);
        json.Should().Be("""{"kind":"AllOf","children":[{"kind":"NOf","children":[{"kind":"CompetencyMastered","competencyId":"0b1c2d3e-0000-4000-8000-00000000000a"},{"kind":"MinLevel","competencyId":"0b1c2d3e-0000-4000-8000-00000000000a","levelCode":"3"}],"n":1},{"kind":"ProgressionStep","frameworkId":"0b1c2d3e-0000-4000-8000-00000000000f","progressionCode":"path","step":2}]}""");
        var back = JsonSerializer.Deserialize<Criterion>(json, Marten)!;
        back.Should().Be(criterion, "a tree read back equals the tree written (groups compare their children by value)");
        back.Should().NotBe(new AllOfCriterion([new CompetencyMasteredCriterion(A)]));
        JsonSerializer.Serialize(back, Marten).Should().Be(json);
    }

    [Fact]
    public void A_definition_stored_with_the_nulls_of_an_early_release_and_without_n_or_step_reads_as_the_former_evaluator_read_it()
    {
        const string stored = """
            {"kind":"NOf","children":[{"kind":"CompetencyMastered","children":null,"n":null,"frameworkId":null,"competencyId":"0b1c2d3e-0000-4000-8000-00000000000a","levelCode":null,"progressionCode":null,"step":null},
                                      {"kind":"ProgressionStep","frameworkId":"0b1c2d3e-0000-4000-8000-00000000000f","progressionCode":"path","competencyId":null}],
             "n":null,"competencyId":null}
            """;
        JsonSerializer.Deserialize<Criterion>(stored, Marten).Should().Be(
            new NOfCriterion(1, [new CompetencyMasteredCriterion(A), new ProgressionStepCriterion(F, "path", 1)]), "a missing n and step were read as 1");
    }

    [Theory]
    [InlineData("""{"kind":"anyOf"}""")]
    [InlineData("""{"kind":7}""")]
    [InlineData("""["AllOf"]""")]
    public void A_node_with_no_known_kind_is_a_JSON_error_not_something_else(string json) =>
        FluentActions.Invoking(() => JsonSerializer.Deserialize<Criterion>(json, Marten)).Should().Throw<JsonException>();

    [Fact]
    public void A_value_of_the_wrong_type_reads_as_a_value_no_rule_accepts_instead_of_failing_every_write() =>
        JsonSerializer.Deserialize<Criterion>("""{"kind":"MinLevel","competencyId":42,"levelCode":{"x":1}}""", Marten).Should().Be(new MinLevelCriterion(Guid.Empty, ""));
}
