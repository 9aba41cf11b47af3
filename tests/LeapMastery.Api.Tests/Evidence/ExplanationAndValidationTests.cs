using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Evidence;

public sealed class ExplanationAndValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_explanation_shows_counted_and_excluded_evidence_the_method_steps_and_the_rules()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "decayingAverage");
        foreach (var (level, day) in new[] { ("2", 1), ("3", 2), ("1", 3), ("3", 4), ("4", 5) })
            (await s.PostEvidenceAsync("e-1", "A", level, occurredAt: $"2026-03-0{day}T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("e-1", "A", "1", occurredAt: "2026-03-06T10:00:00Z", modality: "selfAssessment")).StatusCode.Should().Be(HttpStatusCode.Created);

        var explanation = await (await s.Http.GetAsync($"/v1/learners/e-1/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        // Scores 1.5, 2.5, 0, 2.5, 3.5 (level minimums) under decaying average w = 0.65:
        // d: 1.5, 2.15, 0.7525, 1.888375, 2.93593125 → 2.94, Proficient.
        explanation.GetProperty("state").GetProperty("score").GetDecimal().Should().Be(2.94m);
        explanation.GetProperty("state").GetProperty("mastered").GetBoolean().Should().BeTrue();
        explanation.GetProperty("method").GetString().Should().Be("decayingAverage");
        explanation.GetProperty("parameters").GetProperty("w").GetDecimal().Should().Be(0.65m);
        explanation.GetProperty("masteryThreshold").GetDecimal().Should().Be(2.5m);
        explanation.GetProperty("counted").GetArrayLength().Should().Be(5);
        explanation.GetProperty("counted")[0].GetProperty("feedback").GetProperty("process").GetString().Should().Be("Used a number line");
        var excluded = explanation.GetProperty("excluded").EnumerateArray().Single();
        excluded.GetProperty("reason").GetString().Should().Be("selfAssessmentNotCounted");
        explanation.GetProperty("steps").EnumerateArray().Select(x => x.GetString()).Should().Contain(x => x!.StartsWith("d5"));
        explanation.GetProperty("rules").EnumerateArray().Should().OnlyContain(r => r.GetProperty("met").GetBoolean());
        explanation.GetProperty("summary").GetString().Should().StartWith("Mastered: your score is 2.94 (Proficient)").And.Contain("not counted");

        var state = await (await s.Http.GetAsync($"/v1/learners/e-1/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        state.GetProperty("score").GetDecimal().Should().Be(2.94m);
        state.GetProperty("frameworkId").GetGuid().Should().Be(s.FrameworkId);
        await (await s.Http.GetAsync($"/v1/learners/e-1/competencies/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Partner_evidence_counts_only_once_an_educator_validates_it()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var created = await (await s.PostEvidenceAsync("v-1", "A", "3", modality: "realWorld", actor: new { kind = "partner", id = "makerspace-7" }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        created.GetProperty("status").GetString().Should().Be("pendingValidation");
        var id = created.GetProperty("evidenceId").GetGuid();

        var state = await (await s.Http.GetAsync($"/v1/learners/v-1/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        state.GetProperty("status").GetString().Should().Be("notYetAssessed");
        var explanation = await (await s.Http.GetAsync($"/v1/learners/v-1/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        explanation.GetProperty("excluded")[0].GetProperty("reason").GetString().Should().Be("pendingValidation");

        var validated = await (await s.Http.PostAsJsonAsync($"/v1/learners/v-1/evidence/{id}/validations", new { decision = "accepted", note = "Checked the mentor's log" }))
            .ShouldBeOkJsonAsync();
        validated.GetProperty("status").GetString().Should().Be("active");
        state = await (await s.Http.GetAsync($"/v1/learners/v-1/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        state.GetProperty("mastered").GetBoolean().Should().BeTrue();

        await (await s.Http.PostAsJsonAsync($"/v1/learners/v-1/evidence/{id}/validations", new { decision = "rejected" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rejected_partner_evidence_never_counts_and_school_evidence_needs_no_validation()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var partner = await (await s.PostEvidenceAsync("v-2", "A", "4", actor: new { kind = "partner" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        (await s.Http.PostAsJsonAsync($"/v1/learners/v-2/evidence/{partner.GetProperty("evidenceId").GetGuid()}/validations", new { decision = "rejected" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var state = await (await s.Http.GetAsync($"/v1/learners/v-2/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        state.GetProperty("status").GetString().Should().Be("notYetAssessed");

        var school = await (await s.PostEvidenceAsync("v-2", "A", "2", actor: new { kind = "educator", id = "t-9" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        school.GetProperty("status").GetString().Should().Be("active");
        await (await s.Http.PostAsJsonAsync($"/v1/learners/v-2/evidence/{school.GetProperty("evidenceId").GetGuid()}/validations", new { decision = "accepted" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Evidence_lists_filter_by_competency_modality_and_dates_in_cursor_pages()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        (await s.PostEvidenceAsync("l-1", "A", "1", occurredAt: "2026-01-10T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("l-1", "B", "2", occurredAt: "2026-02-10T10:00:00Z", modality: "project")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("l-1", "A", "3", occurredAt: "2026-03-10T10:00:00Z", modality: "project")).StatusCode.Should().Be(HttpStatusCode.Created);

        async Task<List<string>> Modalities(string query)
        {
            var result = new List<string>();
            string? cursor = null;
            do
            {
                var page = await (await s.Http.GetAsync($"/v1/learners/l-1/evidence?limit=1&{query}{(cursor is null ? "" : "&cursor=" + cursor)}")).ShouldBeOkJsonAsync();
                result.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("occurredAt").GetString()![..7]));
                cursor = page.GetProperty("nextCursor").GetString();
            } while (cursor is not null);
            return result;
        }

        (await Modalities("")).Should().Equal("2026-01", "2026-02", "2026-03");
        (await Modalities($"competencyId={s.Ids["A"]}")).Should().Equal("2026-01", "2026-03");
        (await Modalities("modality=project")).Should().Equal("2026-02", "2026-03");
        (await Modalities("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z")).Should().Equal("2026-02");
        var problem = await (await s.Http.GetAsync("/v1/learners/l-1/evidence?from=yesterday")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("from");
    }
}
