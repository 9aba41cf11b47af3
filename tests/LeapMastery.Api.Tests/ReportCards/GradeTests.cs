using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;
using NodaTime;

namespace LeapMastery.Api.Tests.ReportCards;

/// <summary>Grades from mastery through HTTP: configured on the framework, shown on report cards and in the CSV, explained.</summary>
public sealed class GradeTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly object Letters = new
    {
        decimals = 1,
        bands = new object[]
        {
            new { grade = "A", minMean = 3.5, noLevelBelow = "3" }, new { grade = "B", minMean = 3.0, noLevelBelow = "2" },
            new { grade = "C", minMean = 2.0 }, new { grade = "D", minMean = 1.0 },
        },
    };

    [Fact]
    public async Task A_framework_grading_scheme_grades_each_report_card_and_says_how()
    {
        api.Clock.Reset(Instant.FromUtc(2026, 1, 15, 12, 0));
        var s = await FrameworkSetup.CreateAsync(api, change: body => body["grading"] = Letters);
        (await (await s.Http.GetAsync($"/v1/frameworks/{s.FrameworkId}")).ShouldBeOkJsonAsync()).GetProperty("grading").GetProperty("bands").GetArrayLength().Should().Be(4);
        var code = $"q1-{Guid.NewGuid():N}"[..12];
        var period = (await (await s.Http.PostAsJsonAsync("/v1/reporting-periods", new { code, title = "Quarter 1", startDate = "2026-01-01", endDate = "2026-03-31" }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("periodId").GetGuid();
        api.Clock.Reset(Instant.FromUtc(2026, 2, 10, 15, 0));
        foreach (var (competency, level) in new[] { ("A", "4"), ("B", "4"), ("C", "3"), ("D", "2") })
            (await s.PostEvidenceAsync("g-1", competency, level, occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("g-2", "A", "1", occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.Http.PutAsJsonAsync("/v1/groups/graded/members", new { members = new[] { "g-1", "g-2", "g-3" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));

        var card = await (await s.Http.GetAsync($"/v1/learners/g-1/report-cards/{period}")).ShouldBeOkJsonAsync();
        var grade = card.GetProperty("frameworks")[0].GetProperty("grade");
        grade.GetProperty("grade").GetString().Should().Be("B");
        grade.GetProperty("mean").GetDecimal().Should().Be(3.3m);
        grade.GetProperty("competenciesGraded").GetInt32().Should().Be(4);
        grade.GetProperty("lowestLevel").GetProperty("code").GetString().Should().Be("2");
        grade.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()).Should().Contain(e => e!.StartsWith("B:") && e.EndsWith("yes"));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/graded/report-cards/{period}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var lines = (await (await s.Http.SendAsync(request)).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().EndWith(",evidence_in_period,framework_grade");
        lines.Where(l => l.StartsWith("g-1,")).Should().HaveCount(6).And.OnlyContain(l => l.EndsWith(",B"));
        lines.Where(l => l.StartsWith("g-2,")).Should().OnlyContain(l => l.EndsWith(",D"), "one Beginning: mean 1.0");
        lines.Where(l => l.StartsWith("g-3,")).Should().OnlyContain(l => l.EndsWith(","), "no level yet: not graded");

        // The Ed-Fi shape carries the grade's values for the SIS's section grade.
        (await s.Http.PutAsJsonAsync("/v1/settings/ed-fi", new
        {
            schoolId = 255901001, schoolYear = 2026,
            gradingPeriods = new[] { new { periodCode = code, gradingPeriodDescriptor = "uri://ed-fi.org/GradingPeriodDescriptor#First Quarter" } },
            levels = new[] { "1", "2", "3", "4" }.Select(l => new { levelCode = l, competencyLevelDescriptor = $"uri://ed-fi.org/CompetencyLevelDescriptor#L{l}" }).ToArray(),
            frameworks = new[] { new { frameworkCode = "math-fractions", objectiveGradeLevelDescriptor = "uri://ed-fi.org/GradeLevelDescriptor#Fifth grade" } },
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        var edFi = await (await s.Http.GetAsync($"/v1/learners/g-1/report-cards/{period}/ed-fi")).ShouldBeOkJsonAsync();
        var edFiGrade = edFi.GetProperty("grades").EnumerateArray().Single();
        edFiGrade.GetProperty("frameworkCode").GetString().Should().Be("math-fractions");
        edFiGrade.GetProperty("gradeTypeDescriptor").GetString().Should().Be("uri://ed-fi.org/GradeTypeDescriptor#Grading Period");
        edFiGrade.GetProperty("letterGradeEarned").GetString().Should().Be("B");
        edFiGrade.GetProperty("numericGradeEarned").GetDecimal().Should().Be(3.3m);
        edFiGrade.GetProperty("diagnosticStatement").GetString().Should().Contain("B: mean ≥ 3 and no level below 2 Developing — yes");
        (await (await s.Http.GetAsync($"/v1/learners/g-3/report-cards/{period}/ed-fi")).ShouldBeOkJsonAsync())
            .GetProperty("grades").GetArrayLength().Should().Be(0, "not graded: no grade to post");
    }

    [Fact]
    public async Task A_grading_scheme_that_does_not_fit_the_scale_is_refused_with_field_errors()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var body = Samples.Framework();
        body["grading"] = new { decimals = 3, bands = new object[] { new { grade = "A", minMean = 7, noLevelBelow = "9" } } };
        var problem = await (await http.PostAsJsonAsync("/v1/frameworks", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(["grading.decimals", "grading.bands[0].minMean", "grading.bands[0].noLevelBelow"]);
    }
}
