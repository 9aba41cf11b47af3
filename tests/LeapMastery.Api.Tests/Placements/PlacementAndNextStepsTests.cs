using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Placements;

public sealed class PlacementAndNextStepsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static JsonElement Competency(JsonElement progress, string code) =>
        progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static async Task<JsonElement> ProgressAsync(FrameworkSetup s, string learner) =>
        await (await s.Http.GetAsync($"/v1/learners/{learner}/progress")).ShouldBeOkJsonAsync();

    [Fact]
    public async Task A_learner_placed_at_step_4_has_steps_1_to_3_placed_not_mastered_and_evidence_on_step_2_is_computed_normally()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var placed = await s.Http.PostAsJsonAsync("/v1/learners/p-1/placements",
            new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 4, basis = "preAssessment", note = "Diagnostic, fall" });
        var placement = await placed.ShouldBeOkJsonAsync(HttpStatusCode.Created);
        placement.GetProperty("step").GetInt32().Should().Be(4);

        var progress = await ProgressAsync(s, "p-1");
        foreach (var code in new[] { "A", "B", "C" })
        {
            Competency(progress, code).GetProperty("placed").GetBoolean().Should().BeTrue(code);
            Competency(progress, code).GetProperty("mastered").GetBoolean().Should().BeFalse(code);
            Competency(progress, code).GetProperty("status").GetString().Should().Be("notYetAssessed", code);
        }
        Competency(progress, "D").GetProperty("placed").GetBoolean().Should().BeFalse();
        var fractions = progress.GetProperty("frameworks")[0].GetProperty("progressions")[0];
        fractions.GetProperty("position").GetProperty("code").GetString().Should().Be("D");
        fractions.GetProperty("stepsPlaced").GetInt32().Should().Be(3);
        fractions.GetProperty("stepsMastered").GetInt32().Should().Be(0);
        fractions.GetProperty("percent").GetDecimal().Should().Be(75m);

        (await s.PostEvidenceAsync("p-1", "B", "2")).StatusCode.Should().Be(HttpStatusCode.Created);
        var after = Competency(await ProgressAsync(s, "p-1"), "B");
        after.GetProperty("status").GetString().Should().Be("inProgress");
        after.GetProperty("level").GetProperty("code").GetString().Should().Be("2");
        after.GetProperty("placed").GetBoolean().Should().BeTrue();
        after.GetProperty("mastered").GetBoolean().Should().BeFalse();

        (await s.PostEvidenceAsync("p-1", "B", "4")).StatusCode.Should().Be(HttpStatusCode.Created);
        Competency(await ProgressAsync(s, "p-1"), "B").GetProperty("mastered").GetBoolean().Should().BeTrue("later evidence on a placed step can show mastery");

        var list = await (await s.Http.GetAsync("/v1/learners/p-1/placements")).ShouldBeOkJsonAsync();
        list.GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Placement_rejects_steps_outside_the_progression_and_unknown_progressions()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var problem = await (await s.Http.PostAsJsonAsync("/v1/learners/p-2/placements",
            new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 9, basis = "educator" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("step");
        problem = await (await s.Http.PostAsJsonAsync("/v1/learners/p-2/placements",
            new { frameworkId = s.FrameworkId, progressionCode = "nope", step = 1, basis = "educator" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("progressionCode");
        problem = await (await s.Http.PostAsJsonAsync("/v1/learners/p-2/placements",
            new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 1, basis = "gradeLevel" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("basis");
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(1);
    }

    [Fact]
    public async Task Next_steps_advance_to_unlocked_competencies_and_go_deeper_on_mastered_ones()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var next = await (await s.Http.GetAsync("/v1/learners/n-1/next-steps")).ShouldBeOkJsonAsync();
        next.GetProperty("advance").EnumerateArray().Select(a => a.GetProperty("code").GetString()).Should().Equal("A", "B.X");
        next.GetProperty("advance")[0].GetProperty("currentStepOf").EnumerateArray().Select(p => p.GetString()).Should().Equal("fractions");
        next.GetProperty("goDeeper").GetArrayLength().Should().Be(0);

        (await s.PostEvidenceAsync("n-1", "A", "3")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("n-1", "B", "4")).StatusCode.Should().Be(HttpStatusCode.Created);
        next = await (await s.Http.GetAsync("/v1/learners/n-1/next-steps")).ShouldBeOkJsonAsync();
        next.GetProperty("advance")[0].GetProperty("code").GetString().Should().Be("C");
        next.GetProperty("advance").EnumerateArray().Select(a => a.GetProperty("code").GetString()).Should().NotContain(["A", "B", "D"]);
        next.GetProperty("goDeeper").EnumerateArray().Select(a => a.GetProperty("code").GetString()).Should().Equal("B.X");
    }

    [Fact]
    public async Task Placement_unlocks_advance_but_not_go_deeper()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        (await s.Http.PostAsJsonAsync("/v1/learners/n-2/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", competencyId = s.Ids["C"], basis = "priorRecords" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var next = await (await s.Http.GetAsync("/v1/learners/n-2/next-steps")).ShouldBeOkJsonAsync();
        next.GetProperty("advance")[0].GetProperty("code").GetString().Should().Be("C");
        next.GetProperty("goDeeper").GetArrayLength().Should().Be(0, "B is placed, not mastered");
    }
}
