using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Frameworks;

/// <summary>
/// A policy preview over a group (issue 16): per learner × competency the current and the previewed mastery, the
/// recognitions it would award or flag, totals; nothing written; and the revision with that policy then decides the same.
/// </summary>
public sealed class PolicyPreviewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Scale(decimal threshold) => new
    {
        minPoints = 0, maxPoints = 4, masteryThreshold = threshold,
        levels = new object[]
        {
            new { code = "1", label = "Beginning", minScore = 0 }, new { code = "2", label = "Developing", minScore = 1.5 },
            new { code = "3", label = "Proficient", minScore = 2.5 }, new { code = "4", label = "Extending", minScore = 3.5 },
        },
    };

    private async Task<FrameworkSetup> SetupAsync()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        (await s.Http.PostAsJsonAsync("/v1/recognitions", new
        {
            code = "a-badge", name = "A shown", description = "A mastered.", kind = "badge",
            criteria = new { kind = "competencyMastered", competencyId = s.Ids["A"] },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.Http.PutAsJsonAsync("/v1/groups/pp/members", new { members = new[] { "pp-1", "pp-2", "pp-3", "pp-4", "pp-5" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        // pp-1: 4 then 1 (awarded on the 4, flagged on the 1; highest: mastered again); pp-2: 3 (mastered at 2.5, not at 3.5);
        // pp-3: 4; pp-4: nothing; pp-5: a 1, then a 4 that happened earlier (mostRecent never mastered, so never awarded).
        (await s.PostEvidenceAsync("pp-1", "A", "4", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("pp-1", "A", "1", occurredAt: "2026-03-02T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("pp-2", "A", "3", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("pp-3", "A", "4", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("pp-5", "A", "1", occurredAt: "2026-03-02T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("pp-5", "A", "4", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        return s;
    }

    private static readonly object Highest = new { method = "highest", parameters = new Dictionary<string, decimal>(), minEvidence = 1, minModalities = 1, countSelfAssessment = false };

    [Fact]
    public async Task A_preview_shows_who_gains_and_loses_writes_nothing_and_the_revision_then_decides_the_same()
    {
        var s = await SetupAsync();
        var events = await api.EventCountAsync(s.Tenant.TenantId);

        var preview = await (await s.Http.PostAsJsonAsync($"/v1/frameworks/{s.FrameworkId}/policy-previews",
            new { groupId = "pp", policy = Highest, masteryThreshold = 3.5 })).ShouldBeOkJsonAsync();
        var totals = preview.GetProperty("totals");
        totals.GetProperty("learners").GetInt32().Should().Be(5);
        totals.GetProperty("gains").GetInt32().Should().Be(2);
        totals.GetProperty("loses").GetInt32().Should().Be(1);
        totals.GetProperty("keepsMastery").GetInt32().Should().Be(1);
        totals.GetProperty("recognitionsEarned").GetInt32().Should().Be(1);
        totals.GetProperty("awardsFlagged").GetInt32().Should().Be(1);
        totals.GetProperty("reviewsCleared").GetInt32().Should().Be(1);
        var learners = preview.GetProperty("learners").EnumerateArray().ToDictionary(l => l.GetProperty("learnerId").GetString()!);
        var a1 = learners["pp-1"].GetProperty("competencies").EnumerateArray().Single();
        a1.GetProperty("change").GetString().Should().Be("gains");
        a1.GetProperty("current").GetProperty("score").GetDecimal().Should().Be(0m);
        a1.GetProperty("previewed").GetProperty("score").GetDecimal().Should().Be(3.5m);
        learners["pp-1"].GetProperty("wouldEarn").GetArrayLength().Should().Be(0, "pp-1 holds the badge already");
        learners["pp-1"].GetProperty("wouldClearReview").EnumerateArray().Single().GetProperty("code").GetString().Should().Be("a-badge");
        learners["pp-5"].GetProperty("wouldEarn").EnumerateArray().Single().GetProperty("code").GetString().Should().Be("a-badge");
        learners["pp-2"].GetProperty("competencies")[0].GetProperty("change").GetString().Should().Be("loses");
        learners["pp-2"].GetProperty("wouldFlag").EnumerateArray().Single().GetProperty("awardId").GetGuid().Should().NotBeEmpty();
        learners["pp-4"].GetProperty("competencies").GetArrayLength().Should().Be(0, "no evidence, nothing to change");
        preview.GetProperty("policy").GetProperty("method").GetString().Should().Be("highest");

        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(events, "a preview writes nothing");
        var framework = await (await s.Http.GetAsync($"/v1/frameworks/{s.FrameworkId}")).ShouldBeOkJsonAsync();
        framework.GetProperty("version").GetInt32().Should().Be(1);

        // Apply it: the revision's recomputation decides what the preview said.
        var body = Samples.Framework(method: "highest");
        body["scale"] = Scale(3.5m);
        var revised = await (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", body)).ShouldBeOkJsonAsync();
        var href = revised.GetProperty("recomputation").GetProperty("href").GetString()!;
        for (var i = 0; i < 300 && (await (await s.Http.GetAsync(href)).ShouldBeOkJsonAsync()).GetProperty("status").GetString() != "finished"; i++) await Task.Delay(50);
        foreach (var (learner, expected) in learners)
        {
            var progress = await (await s.Http.GetAsync($"/v1/learners/{learner}/progress")).ShouldBeOkJsonAsync();
            var a = progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "A");
            var previewedA = expected.GetProperty("competencies").EnumerateArray().SingleOrDefault(c => c.GetProperty("code").GetString() == "A");
            a.GetProperty("mastered").GetBoolean().Should().Be(previewedA.ValueKind == JsonValueKind.Object && previewedA.GetProperty("previewed").GetProperty("mastered").GetBoolean(), learner);
            if (previewedA.ValueKind == JsonValueKind.Object)
                a.GetProperty("score").GetDecimal().Should().Be(previewedA.GetProperty("previewed").GetProperty("score").GetDecimal(), learner);
            var awards = await (await s.Http.GetAsync($"/v1/learners/{learner}/recognitions")).ShouldBeOkJsonAsync();
            var flagged = awards.EnumerateArray().Where(w => w.GetProperty("flaggedForReview").GetBoolean()).Select(w => w.GetProperty("awardId").GetGuid()).ToList();
            flagged.Should().BeEquivalentTo(expected.GetProperty("wouldFlag").EnumerateArray().Select(f => f.GetProperty("awardId").GetGuid()), learner);
        }
        (await (await s.Http.GetAsync("/v1/learners/pp-5/recognitions")).ShouldBeOkJsonAsync()).GetArrayLength().Should().Be(1, "pp-5 earned the badge, as previewed");
    }

    [Fact]
    public async Task A_preview_streams_as_csv_and_refuses_what_a_revision_would_refuse()
    {
        var s = await SetupAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/frameworks/{s.FrameworkId}/policy-previews")
        {
            Content = JsonContent.Create(new { groupId = "pp", policy = Highest }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await s.Http.SendAsync(request);
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("learner_id,competency_code,competency_id,current_score,current_level,current_mastered,previewed_score,previewed_level,previewed_mastered,change");
        lines.Should().HaveCount(5, "pp-1, pp-2, pp-3 and pp-5 have evidence on A");
        lines.Should().Contain($"pp-1,A,{s.Ids["A"]},0.00,1,false,3.50,4,true,gains");

        var unknown = await (await s.Http.PostAsJsonAsync($"/v1/frameworks/{s.FrameworkId}/policy-previews",
            new { groupId = "pp", policy = new { method = "median-ish", parameters = new Dictionary<string, decimal>(), minEvidence = 1, minModalities = 1, countSelfAssessment = false } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unknown.FieldErrors().Should().Contain("policy.method");
        var nothing = await (await s.Http.PostAsJsonAsync($"/v1/frameworks/{s.FrameworkId}/policy-previews", new { groupId = "pp" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        nothing.FieldErrors().Should().Contain("policy");
        var tooHigh = await (await s.Http.PostAsJsonAsync($"/v1/frameworks/{s.FrameworkId}/policy-previews", new { groupId = "pp", masteryThreshold = 9 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        tooHigh.FieldErrors().Should().Contain("masteryThreshold");
        (await s.Http.PostAsJsonAsync($"/v1/frameworks/{s.FrameworkId}/policy-previews", new { groupId = "nobody", policy = Highest })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await s.Http.PostAsJsonAsync($"/v1/frameworks/{Guid.NewGuid()}/policy-previews", new { groupId = "pp", policy = Highest })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
