using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Assessments;

public sealed class AttemptTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>A quiz on A (10 points) and B (4 points) with the usual cut scores.</summary>
    private static async Task<Guid> QuizAsync(FrameworkSetup s, int? maxAttempts = null, bool requirePrerequisites = false, string code = "quiz-1")
    {
        var quiz = await (await s.Http.PostAsJsonAsync("/v1/assessments", new
        {
            code, title = "Fractions quiz", frameworkId = s.FrameworkId,
            sections = new object[] { new { code = "s-a", competencyId = s.Ids["A"], maxPoints = 10 }, new { code = "s-b", competencyId = s.Ids["B"], maxPoints = 4 } },
            cutScores = new object[] { new { minFraction = 0.9, levelCode = "4" }, new { minFraction = 0.75, levelCode = "3" }, new { minFraction = 0.5, levelCode = "2" } },
            attemptPolicy = new { maxAttempts, requirePrerequisites },
            externalIds = new object[] { new { system = "lti", id = $"https://lms.example/lineitems/{code}" } },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        return quiz.GetProperty("assessmentId").GetGuid();
    }

    private static async Task<JsonElement> AttemptAsync(FrameworkSetup s, string learner, Guid quiz, decimal a, decimal b)
    {
        var started = await (await s.Http.PostAsJsonAsync($"/v1/learners/{learner}/attempts", new { assessmentId = quiz, declaredBy = "learner" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = started.GetProperty("attemptId").GetGuid();
        (await s.Http.PostAsJsonAsync($"/v1/learners/{learner}/attempts/{id}/submission", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
        return await (await s.Http.PostAsJsonAsync($"/v1/learners/{learner}/attempts/{id}/score", new
        {
            sections = new[] { new { sectionCode = "s-a", points = a }, new { sectionCode = "s-b", points = b } },
            feedback = new { effort = "Persisted", process = "Checked with a model", mastery = "Mostly there" },
        })).ShouldBeOkJsonAsync();
    }

    private static async Task<JsonElement> StateAsync(FrameworkSetup s, string learner, string code) =>
        await (await s.Http.GetAsync($"/v1/learners/{learner}/competencies/{s.Ids[code]}")).ShouldBeOkJsonAsync();

    [Fact]
    public async Task A_scored_attempt_yields_evidence_through_the_cut_scores_and_a_retake_follows_most_recent()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        var quiz = await QuizAsync(s);
        var first = await AttemptAsync(s, "q-1", quiz, a: 6, b: 4);
        first.GetProperty("status").GetString().Should().Be("scored");
        first.GetProperty("number").GetInt32().Should().Be(1);
        (await StateAsync(s, "q-1", "A")).GetProperty("level").GetProperty("code").GetString().Should().Be("2", "6/10 = 0.6 ≥ 0.5 → Developing");
        (await StateAsync(s, "q-1", "B")).GetProperty("level").GetProperty("code").GetString().Should().Be("4", "4/4 ≥ 0.9 → Extending");

        var retake = await AttemptAsync(s, "q-1", quiz, a: 8, b: 2);
        retake.GetProperty("number").GetInt32().Should().Be(2);
        (await StateAsync(s, "q-1", "A")).GetProperty("level").GetProperty("code").GetString().Should().Be("3", "the retake is the most recent: 0.8 ≥ 0.75");
        (await StateAsync(s, "q-1", "B")).GetProperty("level").GetProperty("code").GetString().Should().Be("2");

        var evidence = await (await s.Http.GetAsync($"/v1/learners/q-1/evidence/{retake.GetProperty("evidenceId").GetGuid()}")).ShouldBeOkJsonAsync();
        evidence.GetProperty("feedback").GetProperty("process").GetString().Should().Be("Checked with a model");
        (await (await s.Http.GetAsync("/v1/learners/q-1/attempts")).ShouldBeOkJsonAsync()).GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task A_voided_attempt_evidence_stops_counting_and_the_attempt_stays_in_history()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        var quiz = await QuizAsync(s);
        await AttemptAsync(s, "q-2", quiz, a: 5, b: 2);
        var second = await AttemptAsync(s, "q-2", quiz, a: 10, b: 4);
        (await StateAsync(s, "q-2", "A")).GetProperty("level").GetProperty("code").GetString().Should().Be("4");

        var voided = await (await s.Http.PostAsJsonAsync($"/v1/learners/q-2/attempts/{second.GetProperty("attemptId").GetGuid()}/void", new { reason = "Answer key leaked" }))
            .ShouldBeOkJsonAsync();
        voided.GetProperty("status").GetString().Should().Be("voided");
        (await StateAsync(s, "q-2", "A")).GetProperty("level").GetProperty("code").GetString().Should().Be("2", "the first attempt is the most recent counted one");
        var attempts = await (await s.Http.GetAsync("/v1/learners/q-2/attempts")).ShouldBeOkJsonAsync();
        attempts.EnumerateArray().Select(a => a.GetProperty("status").GetString()).Should().Equal("scored", "voided");
        await (await s.Http.PostAsJsonAsync($"/v1/learners/q-2/attempts/{second.GetProperty("attemptId").GetGuid()}/score",
            new { sections = new[] { new { sectionCode = "s-a", points = 1 } } })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rescoring_corrects_the_same_evidence()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var quiz = await QuizAsync(s);
        var scored = await AttemptAsync(s, "q-3", quiz, a: 4, b: 1);
        var rescored = await (await s.Http.PostAsJsonAsync($"/v1/learners/q-3/attempts/{scored.GetProperty("attemptId").GetGuid()}/score",
            new { sections = new[] { new { sectionCode = "s-a", points = 9.5m }, new { sectionCode = "s-b", points = 3m } } })).ShouldBeOkJsonAsync();
        rescored.GetProperty("evidenceId").GetGuid().Should().Be(scored.GetProperty("evidenceId").GetGuid());
        (await StateAsync(s, "q-3", "A")).GetProperty("level").GetProperty("code").GetString().Should().Be("4");
        (await StateAsync(s, "q-3", "A")).GetProperty("evidenceCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task The_attempt_limit_counts_attempts_that_were_not_voided()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var quiz = await QuizAsync(s, maxAttempts: 1);
        var first = await AttemptAsync(s, "q-4", quiz, a: 3, b: 1);
        await (await s.Http.PostAsJsonAsync("/v1/learners/q-4/attempts", new { assessmentId = quiz })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await s.Http.PostAsJsonAsync($"/v1/learners/q-4/attempts/{first.GetProperty("attemptId").GetGuid()}/void", new { reason = "Fire drill" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await s.Http.PostAsJsonAsync("/v1/learners/q-4/attempts", new { assessmentId = quiz })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Prerequisites_gate_an_attempt_only_where_the_assessment_asks_and_placement_satisfies_them()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var quiz = await QuizAsync(s, requirePrerequisites: true, code: "gated");
        var problem = await (await s.Http.PostAsJsonAsync("/v1/learners/q-5/attempts", new { assessmentId = quiz })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("A");
        problem.FieldErrors().Should().Equal(["assessmentId"], "the domain's refusal names the field it is about");
        (await s.Http.PostAsJsonAsync("/v1/learners/q-5/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 2, basis = "educator" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.Http.PostAsJsonAsync("/v1/learners/q-5/attempts", new { assessmentId = quiz })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bad_scores_and_bad_assessments_are_field_errors()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var quiz = await QuizAsync(s);
        var started = await (await s.Http.PostAsJsonAsync("/v1/learners/q-6/attempts", new { assessmentId = quiz })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = started.GetProperty("attemptId").GetGuid();
        var problem = await (await s.Http.PostAsJsonAsync($"/v1/learners/q-6/attempts/{id}/score",
            new { sections = new[] { new { sectionCode = "s-a", points = 11 }, new { sectionCode = "nope", points = 1 } } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(["sections[0].points", "sections[1].sectionCode"]);

        var bad = await (await s.Http.PostAsJsonAsync("/v1/assessments", new
        {
            code = "bad", title = "Bad", frameworkId = s.FrameworkId,
            sections = new object[] { new { code = "x", competencyId = Guid.NewGuid(), maxPoints = 0 } },
            cutScores = new object[] { new { minFraction = 1.5, levelCode = "9" } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors().Should().Contain(["sections[0].maxPoints", "sections[0].competencyId"]);
        bad.FieldErrors().Should().Contain(f => f.StartsWith("cutScores[0]"));
        await (await s.Http.PostAsJsonAsync($"/v1/learners/q-6/attempts/{Guid.NewGuid()}/void", new { reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
