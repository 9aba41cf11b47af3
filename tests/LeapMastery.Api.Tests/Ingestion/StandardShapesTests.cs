using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Ingestion;

public sealed class StandardShapesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string LineItem = "https://lms.example/courses/7/lineitems/12";
    private const string LineItem2 = "https://lms.example/courses/7/lineitems/13";
    private const string Activity = "https://lms.example/activities/fractions-quiz";

    /// <summary>A quiz of one 10-point section on A, known to the LMS by the same id in each standard.</summary>
    private static async Task<Guid> QuizAsync(FrameworkSetup s, bool cutScores = false)
    {
        var quiz = await (await s.Http.PostAsJsonAsync("/v1/assessments", new
        {
            code = "quiz", title = "Quiz", frameworkId = s.FrameworkId,
            sections = new object[] { new { code = "a", competencyId = s.Ids["A"], maxPoints = 10 } },
            cutScores = cutScores ? new object[] { new { minFraction = 0.9, levelCode = "4" }, new { minFraction = 0.7, levelCode = "3" } } : Array.Empty<object>(),
            externalIds = new object[] { new { system = "lti", id = LineItem }, new { system = "oneroster", id = "li-12" }, new { system = "xapi", id = Activity } },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        return quiz.GetProperty("assessmentId").GetGuid();
    }

    private static async Task<JsonElement> StateAsync(FrameworkSetup s, string learner) =>
        await (await s.Http.GetAsync($"/v1/learners/{learner}/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> post) => await (await post).ShouldBeOkJsonAsync();

    [Fact]
    public async Task Each_standard_shape_produces_the_same_mastery_as_the_native_shape()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "average");
        await QuizAsync(s);
        (await s.Http.PostAsJsonAsync("/v1/assessments", new
        {
            code = "quiz-2", title = "Quiz 2", frameworkId = s.FrameworkId,
            sections = new object[] { new { code = "a", competencyId = s.Ids["A"], maxPoints = 10 } },
            externalIds = new object[] { new { system = "lti", id = LineItem2 } },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        // Two results per learner; through LTI they come from two line items, as AGS keeps one current score per line item.
        foreach (var (raw, at, lineItem) in new[] { (7, "2026-03-01T10:00:00Z", LineItem), (9, "2026-03-02T10:00:00Z", LineItem2) })
        {
            (await s.Http.PostAsJsonAsync("/v1/results", new
            {
                learnerId = "native", sourceSystem = "lms", sourceId = $"n-{raw}", modality = "assessment", occurredAt = at,
                alignments = new[] { new { competencyId = s.Ids["A"], raw, max = 10 } },
            })).StatusCode.Should().Be(HttpStatusCode.Created);

            (await Ok(s.Http.PostAsJsonAsync($"/v1/lti/scores?lineItem={Uri.EscapeDataString(lineItem)}", new
            {
                userId = "lti", scoreGiven = raw, scoreMaximum = 10, activityProgress = "Completed", gradingProgress = "FullyGraded", timestamp = at,
            }))).GetProperty("summary").GetProperty("failed").GetInt32().Should().Be(0);

            (await Ok(s.Http.PostAsJsonAsync("/v1/oneroster/assessment-results", new
            {
                assessmentResults = new[]
                {
                    new
                    {
                        sourcedId = $"or-{raw}", status = "active", dateLastModified = at, assessmentLineItem = new { sourcedId = "li-12" },
                        student = new { sourcedId = "oneroster" }, score = raw, scoreDate = at, scoreStatus = "fully graded",
                    },
                },
            }))).GetProperty("summary").GetProperty("recorded").GetInt32().Should().Be(1);

            (await Ok(s.Http.PostAsJsonAsync("/v1/xapi/statements", new[]
            {
                new
                {
                    id = Guid.NewGuid(), actor = new { account = new { homePage = "https://sis.example", name = "xapi" } },
                    verb = new { id = "http://adlnet.gov/expapi/verbs/scored" }, @object = new { id = Activity },
                    result = new { score = new { raw, min = 0, max = 10 } }, timestamp = at,
                },
            }))).GetProperty("summary").GetProperty("recorded").GetInt32().Should().Be(1);
        }

        var native = await StateAsync(s, "native");
        native.GetProperty("score").GetDecimal().Should().Be(3.2m, "(2.8 + 3.6) / 2 on the linear 0–4 scale");
        foreach (var learner in new[] { "lti", "oneroster", "xapi" })
        {
            var state = await StateAsync(s, learner);
            state.GetProperty("score").GetDecimal().Should().Be(native.GetProperty("score").GetDecimal(), learner);
            state.GetProperty("level").GetProperty("code").GetString().Should().Be(native.GetProperty("level").GetProperty("code").GetString(), learner);
            state.GetProperty("mastered").GetBoolean().Should().Be(native.GetProperty("mastered").GetBoolean(), learner);
        }
    }

    [Fact]
    public async Task An_LTI_score_not_fully_graded_does_not_count_until_a_fully_graded_one_arrives()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        await QuizAsync(s, cutScores: true);
        var url = $"/v1/lti/scores?lineItem={Uri.EscapeDataString(LineItem)}";
        var pending = await Ok(s.Http.PostAsJsonAsync(url, new { userId = "u-1", scoreGiven = 9, scoreMaximum = 10, activityProgress = "Submitted", gradingProgress = "Pending", timestamp = "2026-03-01T10:00:00Z" }));
        pending.GetProperty("items")[0].GetProperty("status").GetString().Should().Be("held");
        (await StateAsync(s, "u-1")).GetProperty("status").GetString().Should().Be("notYetAssessed");

        var graded = await Ok(s.Http.PostAsJsonAsync(url, new { userId = "u-1", scoreGiven = 9, scoreMaximum = 10, activityProgress = "Completed", gradingProgress = "FullyGraded", timestamp = "2026-03-01T11:00:00Z" }));
        graded.GetProperty("items")[0].GetProperty("status").GetString().Should().Be("recorded");
        (await StateAsync(s, "u-1")).GetProperty("level").GetProperty("code").GetString().Should().Be("4", "0.9 reaches the top cut score");

        var same = await Ok(s.Http.PostAsJsonAsync(url, new { userId = "u-1", scoreGiven = 9, scoreMaximum = 10, activityProgress = "Completed", gradingProgress = "FullyGraded", timestamp = "2026-03-01T11:00:00Z" }));
        same.GetProperty("items")[0].GetProperty("status").GetString().Should().Be("duplicate");
        var regraded = await Ok(s.Http.PostAsJsonAsync(url, new { userId = "u-1", scoreGiven = 7, scoreMaximum = 10, activityProgress = "Completed", gradingProgress = "FullyGraded", timestamp = "2026-03-02T11:00:00Z" }));
        regraded.GetProperty("items")[0].GetProperty("status").GetString().Should().Be("corrected");
        var state = await StateAsync(s, "u-1");
        state.GetProperty("level").GetProperty("code").GetString().Should().Be("3");
        state.GetProperty("evidenceCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Unknown_external_ids_and_bad_scores_are_clear_per_item_errors()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        await QuizAsync(s);
        var lti = await Ok(s.Http.PostAsJsonAsync("/v1/lti/scores?lineItem=unknown", new { userId = "u", scoreGiven = 1, scoreMaximum = 2, gradingProgress = "FullyGraded" }));
        lti.GetProperty("items")[0].GetProperty("problem").GetProperty("errors")[0].GetProperty("name").GetString().Should().Be("lineItem");

        var xapi = await Ok(s.Http.PostAsJsonAsync("/v1/xapi/statements", new object[]
        {
            new { id = Guid.NewGuid(), actor = new { account = new { name = "x" } }, @object = new { id = "https://unknown.example/a" }, result = new { score = new { scaled = 0.5 } } },
            new { id = Guid.NewGuid(), actor = new { mbox = "mailto:someone@example.org" }, @object = new { id = Activity }, result = new { score = new { scaled = 0.5 } } },
            new { id = Guid.NewGuid(), actor = new { account = new { name = "x" } }, @object = new { id = Activity }, result = new { score = new { raw = 11, max = 10 } } },
            new { id = Guid.NewGuid(), actor = new { account = new { name = "x" } }, @object = new { id = Activity }, result = new { score = new { scaled = 0.8 } } },
        }));
        var names = xapi.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString() == "failed"
            ? i.GetProperty("problem").GetProperty("errors")[0].GetProperty("name").GetString() : i.GetProperty("status").GetString()).ToList();
        names.Should().Equal("object.id", "actor.account", "result.score.raw", "recorded");

        var oneRoster = await Ok(s.Http.PostAsJsonAsync("/v1/oneroster/assessment-results", new
        {
            assessmentResult = new
            {
                sourcedId = "r1", assessmentLineItem = new { sourcedId = "li-12" }, student = new { sourcedId = "s-1" }, scoreStatus = "fully graded",
                learningObjectiveSet = new[] { new { source = "CASE", learningObjectiveResults = new[] { new { learningObjectiveId = "no-such-case-id", score = 3 } } } },
            },
        }));
        oneRoster.GetProperty("items")[0].GetProperty("problem").GetProperty("errors")[0].GetProperty("name").GetString()
            .Should().StartWith("learningObjectiveSet[0].learningObjectiveResults[0]");
        (await api.EvidenceRecordedCountAsync(s.Tenant.TenantId)).Should().Be(1, "only the one good statement");
    }
}
