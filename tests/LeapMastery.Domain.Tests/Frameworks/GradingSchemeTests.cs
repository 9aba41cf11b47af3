using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Tests.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Frameworks;

/// <summary>Grades from mastery (issue 16): the mean of level ranks, rounded, then the first band whose rules are met.</summary>
public sealed class GradingSchemeTests
{
    private static readonly Guid FrameworkId = Guid.NewGuid();
    private static readonly string[] Codes = ["A", "B", "C", "D"];
    private static readonly Dictionary<string, Guid> Ids = Codes.ToDictionary(c => c, _ => Guid.NewGuid());

    private static readonly GradingScheme Letters = new(
    [
        new GradeBand("A", 3.5m, "3"), new GradeBand("B", 3.0m, "2"), new GradeBand("C", 2.0m), new GradeBand("D", 1.0m),
    ]);

    private static FrameworkDefinition Framework(GradingScheme scheme) => new("math", "Math", null, Scales.FourPoint, CalculationPolicy.For(CalculationMethod.MostRecent),
        [new CompetencyDefinition(Guid.NewGuid(), "NF", "Number", CompetencyKind.Domain, null, null), .. Codes.Select(c => new CompetencyDefinition(Ids[c], c, c, CompetencyKind.Competency, "NF", null))],
        [], [], [], Grading: scheme);

    private static FrameworkProgress Progress(GradingScheme scheme, params (string Code, string Level)[] levels)
    {
        var at = Instant.FromUtc(2026, 3, 1, 10, 0);
        var events = levels.Select((l, i) => (object)new EvidenceRecorded(Guid.NewGuid(), "l-1", "lms", null, EvidenceModality.Assessment, at + Duration.FromMinutes(i), at + Duration.FromMinutes(i), "client",
            [new EvidenceAlignment(FrameworkId, Ids[l.Code], AlignmentScore.OfLevel(l.Level))], null, null));
        var record = LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty("l-1"), events);
        return ProgressCalculator.ForFramework(record, FrameworkId, 1, Framework(scheme), NodaTime.Instant.FromUtc(2026, 6, 1, 0, 0));
    }

    [Fact]
    public void The_mean_of_level_ranks_is_rounded_and_the_first_band_met_gives_the_grade()
    {
        var grade = Letters.Grade(Progress(Letters, ("A", "4"), ("B", "4"), ("C", "3"), ("D", "2")));
        grade.Mean.Should().Be(3.3m, "(4 + 4 + 3 + 2) / 4 = 3.25, half away from zero to one decimal");
        grade.Grade.Should().Be("B", "3.3 misses A's 3.5; B needs 3.0 and no level below 2");
        grade.CompetenciesGraded.Should().Be(4, "the domain node is not graded");
        grade.LowestLevel!.Code.Should().Be("2");
        grade.Steps.Should().Contain(s => s.StartsWith("A: mean ≥ 3.5 and no level below 3") && s.EndsWith("no"))
            .And.Contain(s => s.StartsWith("B:") && s.EndsWith("yes"));
    }

    [Fact]
    public void A_level_below_a_bands_floor_drops_the_grade_whatever_the_mean()
    {
        var grade = Letters.Grade(Progress(Letters, ("A", "4"), ("B", "4"), ("C", "4"), ("D", "1")));
        grade.Mean.Should().Be(3.3m);
        grade.Grade.Should().Be("C", "a Beginning on D is below B's floor of 2 (and A's of 3)");
    }

    [Fact]
    public void Only_assessed_competencies_are_graded_and_none_means_not_graded()
    {
        Letters.Grade(Progress(Letters, ("A", "4"), ("B", "3"))).Should().Match<GradeResult>(g => g.Grade == "A" && g.Mean == 3.5m && g.CompetenciesGraded == 2);
        var none = Letters.Grade(Progress(Letters));
        none.Grade.Should().BeNull();
        none.Mean.Should().BeNull();
        none.Steps.Should().ContainSingle().Which.Should().Contain("not graded");
    }

    [Theory]
    [InlineData(0, 3.0, "B")]
    [InlineData(2, 3.25, "B")]
    public void The_rounding_rule_is_the_districts(int decimals, decimal mean, string expected)
    {
        var scheme = Letters with { Decimals = decimals };
        var grade = scheme.Grade(Progress(scheme, ("A", "4"), ("B", "4"), ("C", "3"), ("D", "2")));
        grade.Mean.Should().Be(mean);
        grade.Grade.Should().Be(expected);
    }

    [Fact]
    public void No_band_met_is_not_graded()
    {
        var strict = new GradingScheme([new GradeBand("Meets", 3.0m)]);
        var grade = strict.Grade(Progress(strict, ("A", "2")));
        grade.Grade.Should().BeNull();
        grade.Mean.Should().Be(2.0m);
        grade.Steps.Last().Should().Contain("not graded");
    }

    [Fact]
    public void A_scheme_is_checked_against_the_scale()
    {
        var bad = new GradingScheme([new GradeBand("", 5m, "9"), new GradeBand("", 0.5m)], Decimals: 3);
        GradingScheme.Validate(bad, Scales.FourPoint).Select(e => e.Field).Should().BeEquivalentTo(
            ["grading.decimals", "grading.bands[0].grade", "grading.bands[0].minMean", "grading.bands[0].noLevelBelow", "grading.bands[1].grade", "grading.bands[1].minMean", "grading.bands[1].grade"]);
        GradingScheme.Validate(Letters, Scales.FourPoint).Should().BeEmpty();
        FrameworkRules.Validate(Framework(bad)).Should().Contain(e => e.Field == "grading.decimals");
    }
}
