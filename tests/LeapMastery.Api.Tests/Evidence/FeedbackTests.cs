using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Evidence;

public sealed class FeedbackTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Feedback_given_later_is_returned_with_progress_and_in_the_explanation()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var evidence = await (await s.PostEvidenceAsync("f-1", "A", "2")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = evidence.GetProperty("evidenceId").GetGuid();

        var given = await (await s.Http.PostAsJsonAsync("/v1/learners/f-1/feedback", new
        {
            authorKind = "peer", authorId = "s-77", evidenceId = id, process = "Try drawing the fraction strips first.",
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        given.GetProperty("authorKind").GetString().Should().Be("peer");

        var progress = await (await s.Http.GetAsync("/v1/learners/f-1/progress")).ShouldBeOkJsonAsync();
        var a = progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "A");
        a.GetProperty("latestFeedback").GetProperty("process").GetString().Should().Be("Try drawing the fraction strips first.");
        a.GetProperty("latestFeedback").GetProperty("authorKind").GetString().Should().Be("peer");

        var explanation = await (await s.Http.GetAsync($"/v1/learners/f-1/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        var counted = explanation.GetProperty("counted")[0];
        counted.GetProperty("feedback").GetProperty("process").GetString().Should().Be("Used a number line");
        counted.GetProperty("laterFeedback")[0].GetProperty("authorId").GetString().Should().Be("s-77");
    }

    [Fact]
    public async Task Feedback_needs_a_known_target_an_author_kind_and_some_content()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        await (await s.Http.PostAsJsonAsync("/v1/learners/f-2/feedback", new { authorKind = "educator", evidenceId = Guid.NewGuid(), effort = "Great persistence" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await s.Http.PostAsJsonAsync("/v1/learners/f-2/feedback", new { authorKind = "robot", evidenceId = Guid.NewGuid() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(["authorKind", "effort"]);
    }
}
