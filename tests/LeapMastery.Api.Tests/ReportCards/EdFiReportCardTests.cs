using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using NodaTime;

namespace LeapMastery.Api.Tests.ReportCards;

public sealed class EdFiReportCardTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private const string Proficient = "uri://ed-fi.org/CompetencyLevelDescriptor#Proficient";
    private const string Quarter = "uri://ed-fi.org/GradingPeriodDescriptor#First Quarter";
    private const string Fifth = "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade";

    private static object Settings(string? periodCode, string frameworkCode = "math-fractions") => new
    {
        schoolId = 255901001, schoolYear = 2026,
        gradingPeriods = periodCode is null ? Array.Empty<object>() : [new { periodCode, gradingPeriodDescriptor = Quarter }],
        levels = new object[]
        {
            new { levelCode = "1", competencyLevelDescriptor = "uri://ed-fi.org/CompetencyLevelDescriptor#Below Basic" },
            new { levelCode = "2", competencyLevelDescriptor = "uri://ed-fi.org/CompetencyLevelDescriptor#Basic" },
            new { levelCode = "3", competencyLevelDescriptor = Proficient, performanceBaseConversionDescriptor = "uri://ed-fi.org/PerformanceBaseConversionDescriptor#Proficient" },
            new { levelCode = "4", competencyLevelDescriptor = "uri://ed-fi.org/CompetencyLevelDescriptor#Advanced" },
        },
        frameworks = new[] { new { frameworkCode, objectiveGradeLevelDescriptor = Fifth } },
    };

    private async Task<(FrameworkSetup S, Guid Period, string Code)> SetupAsync()
    {
        api.Clock.Reset(Instant.FromUtc(2026, 1, 15, 12, 0));
        var s = await FrameworkSetup.CreateAsync(api);
        var code = $"q1-{Guid.NewGuid():N}"[..12];
        var period = await (await s.Http.PostAsJsonAsync("/v1/reporting-periods", new { code, title = "Quarter 1", startDate = "2026-01-01", endDate = "2026-03-31" }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        api.Clock.Reset(Instant.FromUtc(2026, 2, 10, 15, 0));
        (await s.PostEvidenceAsync("ef-1", "A", "3", occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("ef-1", "B", "2", occurredAt: "2026-02-10T14:30:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("ef-2", "A", "4", occurredAt: "2026-02-10T14:30:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));
        return (s, period.GetProperty("periodId").GetGuid(), code);
    }

    [Fact]
    public async Task A_learners_card_in_the_Ed_Fi_shape_has_an_objective_and_a_learning_standard_grade_per_assessed_competency()
    {
        var (s, period, code) = await SetupAsync();
        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", Settings(code))).StatusCode.Should().Be(HttpStatusCode.OK);
        var card = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}/ed-fi")).ShouldBeOkJsonAsync();
        var json = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}")).ShouldBeOkJsonAsync();

        card.GetProperty("studentUniqueId").GetString().Should().Be("ef-1");
        card.GetProperty("grades").GetArrayLength().Should().Be(0, "the framework has no grading scheme");
        var periodReference = card.GetProperty("gradingPeriodReference");
        (periodReference.GetProperty("gradingPeriodDescriptor").GetString(), periodReference.GetProperty("gradingPeriodName").GetString(),
            periodReference.GetProperty("schoolId").GetInt64(), periodReference.GetProperty("schoolYear").GetInt32())
            .Should().Be((Quarter, code, 255901001L, 2026));
        periodReference.TryGetProperty("periodSequence", out _).Should().BeFalse("left out when the district maps none");

        var objectives = card.GetProperty("studentCompetencyObjectives").EnumerateArray()
            .ToDictionary(o => o.GetProperty("objectiveCompetencyObjectiveReference").GetProperty("objective").GetString()!);
        objectives.Keys.Should().BeEquivalentTo(["A", "B"], "only assessed competencies have a competency level");
        objectives["A"].GetProperty("competencyLevelDescriptor").GetString().Should().Be(Proficient);
        objectives["B"].GetProperty("competencyLevelDescriptor").GetString().Should().Be("uri://ed-fi.org/CompetencyLevelDescriptor#Basic");
        objectives["A"].GetProperty("objectiveCompetencyObjectiveReference").GetProperty("objectiveGradeLevelDescriptor").GetString().Should().Be(Fifth);
        objectives["A"].GetProperty("objectiveCompetencyObjectiveReference").GetProperty("educationOrganizationId").GetInt64().Should().Be(255901001);
        objectives["A"].GetProperty("studentReference").GetProperty("studentUniqueId").GetString().Should().Be("ef-1");
        objectives["A"].GetProperty("diagnosticStatement").GetString().Should().Be("Accurate", "the period's mastery feedback, as on the JSON card");

        var scores = json.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        var grades = card.GetProperty("learningStandardGrades").EnumerateArray()
            .ToDictionary(g => g.GetProperty("learningStandardReference").GetProperty("learningStandardId").GetString()!);
        grades.Keys.Should().BeEquivalentTo(["A", "B"]);
        grades["A"].GetProperty("letterGradeEarned").GetString().Should().Be("3");
        grades["A"].GetProperty("numericGradeEarned").GetDecimal().Should().Be(scores["A"].GetProperty("score").GetDecimal());
        grades["A"].GetProperty("performanceBaseConversionDescriptor").GetString().Should().Be("uri://ed-fi.org/PerformanceBaseConversionDescriptor#Proficient");
        grades["B"].TryGetProperty("performanceBaseConversionDescriptor", out _).Should().BeFalse("level 2 maps no performance level");

        var reportCard = card.GetProperty("reportCard");
        reportCard.GetProperty("studentReference").GetProperty("studentUniqueId").GetString().Should().Be("ef-1");
        reportCard.GetProperty("educationOrganizationReference").GetProperty("educationOrganizationId").GetInt64().Should().Be(255901001);
        var references = reportCard.GetProperty("studentCompetencyObjectives").EnumerateArray().Select(r => r.GetProperty("studentCompetencyObjectiveReference")).ToList();
        references.Select(r => r.GetProperty("objective").GetString()).Should().BeEquivalentTo(["A", "B"]);
        references.Should().OnlyContain(r => r.GetProperty("gradingPeriodName").GetString() == code && r.GetProperty("studentUniqueId").GetString() == "ef-1"
            && r.GetProperty("gradingPeriodSchoolYear").GetInt32() == 2026 && r.GetProperty("objectiveGradeLevelDescriptor").GetString() == Fifth);

        // A closed period's Ed-Fi card is as fixed as its JSON card.
        (await s.PostEvidenceAsync("ef-1", "C", "4", occurredAt: "2026-03-30T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        var again = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}/ed-fi")).ShouldBeOkJsonAsync();
        again.GetRawText().Should().Be(card.GetRawText());
    }

    [Fact]
    public async Task Gaps_in_the_mapping_are_409s_that_name_the_setting_and_a_framework_not_listed_is_left_out()
    {
        var (s, period, code) = await SetupAsync();
        var none = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        none.FieldErrors().Should().Equal("settings");
        await (await s.Http.GetAsync("/v1/settings/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", Settings(periodCode: null))).StatusCode.Should().Be(HttpStatusCode.OK);
        var unmapped = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        unmapped.FieldErrors().Should().Equal("gradingPeriods");
        unmapped.GetProperty("detail").GetString().Should().Contain(code);

        var partial = JsonSerializer.SerializeToNode(Settings(code))!;
        partial["levels"]!.AsArray().RemoveAt(3);
        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", partial)).StatusCode.Should().Be(HttpStatusCode.OK);
        var level = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        level.FieldErrors().Should().Equal("levels");
        level.GetProperty("detail").GetString().Should().Contain("'4'");

        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", Settings(code))).StatusCode.Should().Be(HttpStatusCode.OK);
        var longId = "learner-" + new string('x', 30);
        (await s.PostEvidenceAsync(longId, "A", "3", occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        var tooLong = await (await s.Http.GetAsync($"/v1/learners/{longId}/report-cards/{period}/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        tooLong.FieldErrors().Should().Equal("learnerId");
        tooLong.GetProperty("detail").GetString().Should().Contain("32-character studentUniqueId");

        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", Settings(code, frameworkCode: "science"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var empty = await (await s.Http.GetAsync($"/v1/learners/ef-1/report-cards/{period}/ed-fi")).ShouldBeOkJsonAsync();
        empty.GetProperty("studentCompetencyObjectives").GetArrayLength().Should().Be(0, "only the frameworks the settings list go to the state system");
        empty.GetProperty("learningStandardGrades").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_Ed_Fi_settings_refuse_what_is_not_an_Ed_Fi_mapping_and_write_nothing()
    {
        var (s, _, code) = await SetupAsync();
        var bad = JsonSerializer.SerializeToNode(Settings(code))!;
        bad["schoolId"] = 0;
        bad["levels"]![0]!["competencyLevelDescriptor"] = "Below Basic";
        bad["frameworks"]![0]!["objectiveGradeLevelDescriptor"] = Proficient;
        var problem = await (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", bad)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().BeEquivalentTo(["schoolId", "levels[0].competencyLevelDescriptor", "frameworks[0].objectiveGradeLevelDescriptor"]);
        var missing = JsonSerializer.SerializeToNode(Settings(code))!.AsObject();
        missing.Remove("schoolYear");
        (await (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", missing)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("schoolYear");
        await (await s.Http.GetAsync("/v1/settings/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", Settings(code))).StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await (await s.Http.GetAsync("/v1/settings/ed-fi")).ShouldBeOkJsonAsync();
        stored.GetProperty("schoolId").GetInt64().Should().Be(255901001);
        stored.GetProperty("gradingPeriods")[0].GetProperty("periodCode").GetString().Should().Be(code);
        var other = await (await api.NewTenantAsync()).AdminAsync();
        await (await other.GetAsync("/v1/settings/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_groups_Ed_Fi_cards_are_paginated_like_its_report_cards()
    {
        var (s, period, code) = await SetupAsync();
        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", Settings(code))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await s.Http.PutAsJsonAsync("/v1/groups/ef-sec/members", new { members = new[] { "ef-2", "ef-1", "ef-3" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        var first = await (await s.Http.GetAsync($"/v1/groups/ef-sec/report-cards/{period}/ed-fi?limit=2")).ShouldBeOkJsonAsync();
        first.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("studentUniqueId").GetString()).Should().Equal("ef-1", "ef-2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await s.Http.GetAsync($"/v1/groups/ef-sec/report-cards/{period}/ed-fi?limit=2&cursor={Uri.EscapeDataString(cursor!)}")).ShouldBeOkJsonAsync();
        var last = second.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        last.GetProperty("studentUniqueId").GetString().Should().Be("ef-3");
        last.GetProperty("studentCompetencyObjectives").GetArrayLength().Should().Be(0, "ef-3 has no evidence");
        second.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        first.GetProperty("items")[1].GetProperty("studentCompetencyObjectives")[0].GetProperty("competencyLevelDescriptor").GetString()
            .Should().Be("uri://ed-fi.org/CompetencyLevelDescriptor#Advanced");
        await (await s.Http.GetAsync($"/v1/groups/no-such/report-cards/{period}/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await s.Http.GetAsync($"/v1/groups/ef-sec/report-cards/{Guid.NewGuid()}/ed-fi")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
