using LeapMastery.Interop.EdFi;

namespace LeapMastery.Interop.Tests.EdFi;

public sealed class EdFiReportCardsTests
{
    private const string Proficient = "uri://ed-fi.org/CompetencyLevelDescriptor#Proficient";

    private static EdFiMapping Mapping(IReadOnlyList<EdFiLevelMapping>? frameworkLevels = null, int? sequence = null, string? periodName = null, int dataStandard = 5) => new(
        255901001, 2027,
        [new EdFiGradingPeriodMapping("q1", "uri://ed-fi.org/GradingPeriodDescriptor#First Quarter", periodName, sequence)],
        [
            new EdFiLevelMapping("1", "uri://ed-fi.org/CompetencyLevelDescriptor#Below Basic", null),
            new EdFiLevelMapping("2", "uri://ed-fi.org/CompetencyLevelDescriptor#Basic", "uri://ed-fi.org/PerformanceBaseConversionDescriptor#Basic"),
            new EdFiLevelMapping("3", Proficient, "uri://ed-fi.org/PerformanceBaseConversionDescriptor#Proficient"),
            new EdFiLevelMapping("4", "uri://ed-fi.org/CompetencyLevelDescriptor#Advanced", null),
        ],
        [
            new EdFiFrameworkMapping("math", "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade", frameworkLevels),
            new EdFiFrameworkMapping("math-extra", "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade", null),
        ],
        dataStandard);

    private static EdFiFrameworkStanding Math(params EdFiCompetencyStanding[] competencies) => new("math", ["1", "2", "3", "4"], competencies);

    [Fact]
    public void Given_assessed_competencies_when_mapped_then_each_is_an_objective_and_a_learning_standard_grade_of_its_level()
    {
        var card = EdFiReportCards.Map(Mapping(), new EdFiStanding("s-1", "q1",
        [
            Math(new("5.NF.1", "c0ffee00-0000-4000-8000-000000000001", "3", 2.83m, "Explains unit fractions."),
                new("5.NF.2", null, null, null, null)),
            new EdFiFrameworkStanding("science", ["1"], [new("SCI.1", null, "1", 1m, null)]),
        ]));

        card.GradingPeriodReference.Should().Be(new EdFiGradingPeriodReference("uri://ed-fi.org/GradingPeriodDescriptor#First Quarter", "q1", 255901001, 2027, null));
        var objective = card.StudentCompetencyObjectives.Should().ContainSingle("a competency not yet assessed has no level, and science is not mapped").Subject;
        objective.StudentReference.StudentUniqueId.Should().Be("s-1");
        objective.ObjectiveCompetencyObjectiveReference.Should().Be(new EdFiCompetencyObjectiveReference(255901001, "5.NF.1", "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade"));
        objective.CompetencyLevelDescriptor.Should().Be(Proficient);
        objective.DiagnosticStatement.Should().Be("Explains unit fractions.");
        var grade = card.LearningStandardGrades.Should().ContainSingle().Subject;
        grade.Should().Be(new EdFiLearningStandardGrade(new("c0ffee00-0000-4000-8000-000000000001"), "3", 2.83m,
            "uri://ed-fi.org/PerformanceBaseConversionDescriptor#Proficient", "Explains unit fractions."));
        card.ReportCard.StudentCompetencyObjectives.Should().ContainSingle().Which.StudentCompetencyObjectiveReference.Should().Be(
            new EdFiStudentCompetencyObjectiveReference("uri://ed-fi.org/GradingPeriodDescriptor#First Quarter", "q1", 255901001, 2027,
                255901001, "5.NF.1", "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade", "s-1", null));
        card.ReportCard.EducationOrganizationReference.EducationOrganizationId.Should().Be(255901001);
    }

    [Fact]
    public void Given_a_framework_with_its_own_levels_and_a_named_period_when_mapped_then_they_are_used()
    {
        var own = new[] { new EdFiLevelMapping("M", "uri://state.example.gov/CompetencyLevelDescriptor#Met", null) };
        var card = EdFiReportCards.Map(Mapping(own, sequence: 1, periodName: "2026-2027 First Quarter"),
            new EdFiStanding("s-1", "q1", [new EdFiFrameworkStanding("math", ["M"], [new("5.NF.1", null, "M", 3m, null)])]));
        card.StudentCompetencyObjectives.Single().CompetencyLevelDescriptor.Should().Be("uri://state.example.gov/CompetencyLevelDescriptor#Met");
        card.LearningStandardGrades.Single().LearningStandardReference.LearningStandardId.Should().Be("5.NF.1", "without a CASE identifier the code names the standard");
        card.GradingPeriodReference.GradingPeriodName.Should().Be("2026-2027 First Quarter");
        card.GradingPeriodReference.PeriodSequence.Should().BeNull("Data Standard 5 keys a grading period by its name only");
    }

    [Fact]
    public void Given_Data_Standard_4_then_grading_periods_are_keyed_by_their_sequence_only()
    {
        var card = EdFiReportCards.Map(Mapping(sequence: 2, periodName: "2026-2027 Second Quarter", dataStandard: 4),
            new EdFiStanding("s-1", "q1", [Math(new EdFiCompetencyStanding("5.NF.1", null, "3", 3m, null))]));
        card.GradingPeriodReference.GradingPeriodName.Should().BeNull();
        card.GradingPeriodReference.PeriodSequence.Should().Be(2);
        var reference = card.ReportCard.StudentCompetencyObjectives.Single().StudentCompetencyObjectiveReference;
        (reference.GradingPeriodName, reference.GradingPeriodSequence).Should().Be(((string?)null, (int?)2));
        EdFiMappingRules.Validate(Mapping(dataStandard: 4)).Select(e => e.Field).Should().Equal("gradingPeriods[0].periodSequence");
        EdFiMappingRules.Validate(Mapping(dataStandard: 3)).Select(e => e.Field).Should().Equal("dataStandard");
    }

    [Fact]
    public void Given_two_listed_frameworks_with_one_Ed_Fi_key_or_keys_Ed_Fi_cannot_hold_then_each_is_a_gap()
    {
        var sameCode = EdFiReportCards.Gaps(Mapping(), "q1",
            [Math(new EdFiCompetencyStanding("5.NF.1", null, null, null, null)), new EdFiFrameworkStanding("math-extra", ["1", "2", "3", "4"], [new("5.NF.1", null, null, null, null)])]);
        sameCode.Select(g => g.Field).Should().Equal("frameworks[1]", "frameworks[1]");
        sameCode[0].Message.Should().Contain("objective key");
        sameCode[1].Message.Should().Contain("learning standard id");

        var longCase = EdFiReportCards.Gaps(Mapping(), "q1", [Math(new EdFiCompetencyStanding("5.NF.1", "http://asn.example.org/resources/" + new string('S', 40), null, null, null))]);
        longCase.Should().ContainSingle().Which.Message.Should().Contain("longer than Ed-Fi's 60");

        EdFiReportCards.StudentGaps(["s-1", new string('x', 32), new string('y', 33)], "members").Should().ContainSingle()
            .Which.Message.Should().Contain(new string('y', 33));
    }

    [Fact]
    public void Given_gaps_in_the_mapping_then_each_is_named_and_an_unlisted_framework_is_no_gap()
    {
        EdFiReportCards.Gaps(Mapping(), "q1", [Math(), new EdFiFrameworkStanding("science", ["x"], [])]).Should().BeEmpty();
        EdFiReportCards.Gaps(Mapping(), "q2", [Math()]).Should().ContainSingle().Which.Field.Should().Be("gradingPeriods");
        var gaps = EdFiReportCards.Gaps(Mapping(), "q1", [new EdFiFrameworkStanding("math", ["1", "5"], [new(new string('x', 61), null, null, null, null)])]);
        gaps.Select(g => g.Field).Should().Equal(new[] { "levels", "frameworks[0]", "frameworks[0]" }, "the code is too long as an objective and as a learning standard id");
        gaps[0].Message.Should().Contain("'5'");
        EdFiReportCards.Gaps(Mapping([new EdFiLevelMapping("1", Proficient, null)]), "q1", [Math()])
            .Should().HaveCount(3).And.OnlyContain(g => g.Field == "frameworks[0].levels", "the framework's own list must cover its scale");
    }

    [Fact]
    public void Given_long_feedback_or_level_codes_then_Ed_Fi_limits_hold()
    {
        var own = new[] { new EdFiLevelMapping("a-level-code-longer-than-twenty", Proficient, null) };
        var card = EdFiReportCards.Map(Mapping(own), new EdFiStanding("s-1", "q1",
            [new EdFiFrameworkStanding("math", ["a-level-code-longer-than-twenty"], [new("5.NF.1", null, "a-level-code-longer-than-twenty", 3m, new string('f', 2000))])]));
        card.LearningStandardGrades.Single().LetterGradeEarned.Should().BeNull("Ed-Fi's letter grade is at most 20 characters");
        card.StudentCompetencyObjectives.Single().DiagnosticStatement.Should().HaveLength(1024);
    }

    [Theory]
    [InlineData("uri://ed-fi.org/CompetencyLevelDescriptor#Proficient", true)]
    [InlineData("uri://ed-fi.org/CompetencyLevelDescriptor#Below Basic", true)]
    [InlineData("uri://tea.texas.gov/sub/CompetencyLevelDescriptor#P", true)]
    [InlineData("uri://ed-fi.org/GradeLevelDescriptor#Proficient", false)]
    [InlineData("http://ed-fi.org/CompetencyLevelDescriptor#Proficient", false)]
    [InlineData("uri://ed-fi.org/CompetencyLevelDescriptor#", false)]
    [InlineData("uri://ed-fi.org/CompetencyLevelDescriptor# Proficient", false)]
    [InlineData("uri://ed-fi.org/CompetencyLevelDescriptor", false)]
    [InlineData("Proficient", false)]
    public void A_descriptor_is_an_Ed_Fi_descriptor_uri_of_its_kind(string value, bool valid) =>
        EdFiMappingRules.IsDescriptor(value, "CompetencyLevelDescriptor").Should().Be(valid);

    [Fact]
    public void A_mapping_that_breaks_the_rules_names_each_field()
    {
        var bad = new EdFiMapping(0, 1800,
            [
                new EdFiGradingPeriodMapping("q1", "uri://ed-fi.org/GradingPeriodDescriptor#First Quarter", null, 0),
                new EdFiGradingPeriodMapping("q1", "First Quarter", new string('n', 61), null),
            ],
            [new EdFiLevelMapping("", "uri://ed-fi.org/CompetencyLevelDescriptor#Basic", "uri://ed-fi.org/CompetencyLevelDescriptor#Basic")],
            [new EdFiFrameworkMapping("math", "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade", [new EdFiLevelMapping("1", "nope", null), new EdFiLevelMapping("1", Proficient, null)])]);
        EdFiMappingRules.Validate(bad).Select(e => e.Field).Should().BeEquivalentTo(
        [
            "schoolId", "schoolYear", "gradingPeriods[1].periodCode", "gradingPeriods[0].periodSequence", "gradingPeriods[1].gradingPeriodDescriptor",
            "gradingPeriods[1].gradingPeriodName", "levels[0].levelCode", "levels[0].performanceBaseConversionDescriptor",
            "frameworks[0].levels[1].levelCode", "frameworks[0].levels[0].competencyLevelDescriptor",
        ]);
        EdFiMappingRules.Validate(Mapping()).Should().BeEmpty();
    }
}
