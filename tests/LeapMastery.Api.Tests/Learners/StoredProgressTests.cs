using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Learners;
using LeapMastery.Api.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace LeapMastery.Api.Tests.Learners;

/// <summary>
/// Progress now is served from each competency's stored state; it must always equal what the events give (the as-of path,
/// which computes from the whole record), after every kind of write and across a framework revision.
/// </summary>
public sealed class StoredProgressTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Learner = "sp-1";

    private static async Task ShouldMatchTheEventsAsync(FrameworkSetup s, string after)
    {
        var stored = await (await s.Http.GetAsync($"/v1/learners/{Learner}/progress")).ShouldBeOkJsonAsync();
        var computed = await (await s.Http.GetAsync($"/v1/learners/{Learner}/progress?asOf=2099-01-01T00:00:00Z")).ShouldBeOkJsonAsync();
        stored.GetProperty("frameworks").GetRawText().Should().Be(computed.GetProperty("frameworks").GetRawText(), $"stored progress after {after} is what the events give");
    }

    private async Task<Guid> EvidenceAsync(FrameworkSetup s, object body) =>
        (await (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/evidence", body)).ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("evidenceId").GetGuid();

    [Fact]
    public async Task Stored_progress_equals_the_progress_the_events_give_after_every_kind_of_write()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "average");
        await ShouldMatchTheEventsAsync(s, "nothing");

        var first = await EvidenceAsync(s, new
        {
            sourceSystem = "lms", sourceId = "e-1", modality = "assessment", occurredAt = "2026-03-01T10:00:00Z",
            alignments = new object[] { new { competencyId = s.Ids["A"], level = "3" }, new { competencyId = s.Ids["C"], raw = 7, max = 10 } },
            feedback = new { effort = "Kept going", process = "Drew it", mastery = "Nearly" },
        });
        await ShouldMatchTheEventsAsync(s, "evidence on two competencies");

        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/evidence", new
        {
            sourceSystem = "lms", sourceId = "e-1", modality = "assessment", occurredAt = "2026-03-01T10:00:00Z",
            alignments = new object[] { new { competencyId = s.Ids["A"], level = "1" } },
        })).StatusCode.Should().Be(HttpStatusCode.OK, "a repeat of the same source id records nothing");
        await (await s.PostEvidenceAsync(Learner, "B", "2", occurredAt: "2026-03-02T10:00:00Z")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        await (await s.PostEvidenceAsync(Learner, "B", "4", occurredAt: "2026-03-01T09:00:00Z", modality: "selfAssessment")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var partner = (await (await s.PostEvidenceAsync(Learner, "B", "4", modality: "realWorld", actor: new { kind = "partner", id = "m-1" }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("evidenceId").GetGuid();
        await ShouldMatchTheEventsAsync(s, "a repeat, a self-assessment and partner evidence");

        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/evidence/{partner}/validations", new { decision = "accepted" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldMatchTheEventsAsync(s, "a validation");

        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/evidence/{first}/corrections", new
        {
            reason = "Wrong competency", alignments = new object[] { new { competencyId = s.Ids["D"], level = "4" } },
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldMatchTheEventsAsync(s, "a correction that moves evidence from A and C to D");

        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/feedback", new { authorKind = "educator", evidenceId = first, mastery = "Now it is D." }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await ShouldMatchTheEventsAsync(s, "feedback on evidence");

        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/evidence/{partner}/retractions", new { reason = "Duplicate upload" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldMatchTheEventsAsync(s, "a retraction");

        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 3, basis = "preAssessment" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await ShouldMatchTheEventsAsync(s, "a placement");

        var quiz = (await (await s.Http.PostAsJsonAsync("/v1/assessments", new
        {
            code = "quiz-sp", title = "Quiz", frameworkId = s.FrameworkId,
            sections = new object[] { new { code = "s-a", competencyId = s.Ids["A"], maxPoints = 10 } },
            cutScores = new object[] { new { minFraction = 0.9, levelCode = "4" }, new { minFraction = 0.75, levelCode = "3" }, new { minFraction = 0.5, levelCode = "2" } },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("assessmentId").GetGuid();
        var attempt = (await (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/attempts", new { assessmentId = quiz }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("attemptId").GetGuid();
        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/attempts/{attempt}/score", new { sections = new[] { new { sectionCode = "s-a", points = 8 } } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/feedback", new { authorKind = "educator", attemptId = attempt, process = "Show the steps." }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await ShouldMatchTheEventsAsync(s, "an attempt scored, then feedback on the attempt");
        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/attempts/{attempt}/score", new { sections = new[] { new { sectionCode = "s-a", points = 10 } } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldMatchTheEventsAsync(s, "a rescore");
        (await s.Http.PostAsJsonAsync($"/v1/learners/{Learner}/attempts/{attempt}/void", new { reason = "Fire drill" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldMatchTheEventsAsync(s, "a voided attempt");

        var items = new[] { "A", "B", "C" }.Select((c, i) => new
        {
            learnerId = Learner, sourceSystem = "canvas", sourceId = $"b-{i}", modality = "project", occurredAt = "2026-03-05T10:00:00Z",
            alignments = new[] { new { competencyId = s.Ids[c], raw = 6 + i, max = 10 } },
        }).ToArray();
        await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items = items.Concat(items).ToArray() })).ShouldBeOkJsonAsync();
        await ShouldMatchTheEventsAsync(s, "a batch with each item twice");

        // A revision: until the recomputation reaches the learner the answer is computed; after it, stored again. Both agree.
        var revised = Samples.Framework(method: "highest");
        (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", revised)).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldMatchTheEventsAsync(s, "a revision");
        for (var i = 0; i < 100; i++)
        {
            var list = await (await s.Http.GetAsync($"/v1/frameworks/{s.FrameworkId}/recomputations")).ShouldBeOkJsonAsync();
            if (list[0].GetProperty("status").GetString() == "finished") break;
            await Task.Delay(50);
        }
        var progress = await (await s.Http.GetAsync($"/v1/learners/{Learner}/progress")).ShouldBeOkJsonAsync();
        progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() != "notYetAssessed")
            .Should().OnlyContain(c => c.GetProperty("frameworkVersion").GetInt32() == 2 && c.GetProperty("policy").GetProperty("method").GetString() == "highest");
        await ShouldMatchTheEventsAsync(s, "the recomputation");
        var store = api.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession(s.Tenant.TenantId);
        var stream = LearnerStreams.StreamId(s.Tenant.TenantId, Learner);
        (await query.Query<LearnerCompetencyState>().Where(x => x.LearnerStream == stream).ToListAsync())
            .Should().NotBeEmpty().And.OnlyContain(x => x.State.FrameworkVersion == 2, "the recomputation stored every state under the new version");
    }

    [Fact]
    public async Task A_recomputation_that_changes_no_level_still_stores_every_state_under_the_new_version()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "average");
        await (await s.PostEvidenceAsync("sp-2", "A", "3")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var revised = Samples.Framework(method: "highest");
        (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", revised)).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 100; i++)
        {
            var list = await (await s.Http.GetAsync($"/v1/frameworks/{s.FrameworkId}/recomputations")).ShouldBeOkJsonAsync();
            if (list[0].GetProperty("status").GetString() == "finished") break;
            await Task.Delay(50);
        }
        var store = api.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession(s.Tenant.TenantId);
        var stream = LearnerStreams.StreamId(s.Tenant.TenantId, "sp-2");
        var state = (await query.Query<LearnerCompetencyState>().Where(x => x.LearnerStream == stream).ToListAsync()).Single();
        state.State.FrameworkVersion.Should().Be(2, "one piece of evidence at Proficient stays Proficient, yet the state is the new version's");
        state.State.Policy.Method.Should().Be("highest");
    }
}
