using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Evidence;

public sealed class EvidenceAndProgressTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private sealed record Setup(TestTenant Tenant, HttpClient Http, Guid FrameworkId, Dictionary<string, Guid> Ids);

    private async Task<Setup> GivenAFrameworkAsync(string method = "mostRecent")
    {
        var tenant = await api.NewTenantAsync();
        var http = await tenant.AdminAsync();
        var fw = await (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework(method: method))).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var ids = fw.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("competencyId").GetGuid());
        return new Setup(tenant, http, fw.GetProperty("frameworkId").GetGuid(), ids);
    }

    private static object Evidence(Guid competencyId, string level, string? sourceId = null, string occurredAt = "2026-03-01T14:30:00Z", string modality = "assessment") => new
    {
        sourceSystem = "canvas-district-12",
        sourceId = sourceId ?? Guid.NewGuid().ToString(),
        modality,
        occurredAt,
        alignments = new[] { new { competencyId, level } },
        feedback = new { effort = "Kept at it", process = "Drew a model first", mastery = "Correct and explained" },
    };

    private static JsonElement Competency(JsonElement progress, string code) =>
        progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Posted_evidence_shows_in_the_next_progress_read()
    {
        var s = await GivenAFrameworkAsync();
        var response = await s.Http.PostAsJsonAsync("/v1/learners/learner-1/evidence", Evidence(s.Ids["A"], "3"));
        var created = await response.ShouldBeOkJsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().EndWith($"/v1/learners/learner-1/evidence/{created.GetProperty("evidenceId").GetGuid()}");

        var progress = await (await s.Http.GetAsync("/v1/learners/learner-1/progress")).ShouldBeOkJsonAsync();
        var a = Competency(progress, "A");
        a.GetProperty("status").GetString().Should().Be("mastered");
        a.GetProperty("score").GetDecimal().Should().Be(2.5m);
        a.GetProperty("level").GetProperty("label").GetString().Should().Be("Proficient");
        a.GetProperty("evidenceCount").GetInt32().Should().Be(1);
        a.GetProperty("modalities").EnumerateArray().Select(m => m.GetString()).Should().Equal("assessment");
        a.GetProperty("policy").GetProperty("method").GetString().Should().Be("mostRecent");
        Competency(progress, "B").GetProperty("status").GetString().Should().Be("notYetAssessed");
        var fractions = progress.GetProperty("frameworks")[0].GetProperty("progressions")[0];
        fractions.GetProperty("position").GetProperty("code").GetString().Should().Be("B");
        fractions.GetProperty("stepsDone").GetInt32().Should().Be(1);
        fractions.GetProperty("percent").GetDecimal().Should().Be(25m);
    }

    [Fact]
    public async Task The_same_evidence_posted_twice_with_the_same_source_id_counts_once()
    {
        var s = await GivenAFrameworkAsync();
        var body = Evidence(s.Ids["A"], "3", sourceId: "result-88123");
        var first = await (await s.Http.PostAsJsonAsync("/v1/learners/learner-2/evidence", body)).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var retry = await s.Http.PostAsJsonAsync("/v1/learners/learner-2/evidence", body);
        var second = await retry.ShouldBeOkJsonAsync(HttpStatusCode.OK);
        second.GetProperty("evidenceId").GetGuid().Should().Be(first.GetProperty("evidenceId").GetGuid());
        retry.Headers.GetValues("Idempotent-Replay").Should().Equal("true");

        var progress = await (await s.Http.GetAsync("/v1/learners/learner-2/progress")).ShouldBeOkJsonAsync();
        Competency(progress, "A").GetProperty("evidenceCount").GetInt32().Should().Be(1);
        (await api.EvidenceRecordedCountAsync(s.Tenant.TenantId)).Should().Be(1);
    }

    private static async Task<string?> Level(Setup s, string learner, string? asOf)
    {
        var progress = await (await s.Http.GetAsync($"/v1/learners/{learner}/progress{(asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf))}")).ShouldBeOkJsonAsync();
        if (progress.GetProperty("frameworks").GetArrayLength() == 0) return null; // the framework did not exist yet
        var level = Competency(progress, "A").GetProperty("level");
        return level.ValueKind == JsonValueKind.Null ? null : level.GetProperty("code").GetString();
    }

    [Fact]
    public async Task As_of_a_local_date_means_the_end_of_that_day_in_the_tenant_time_zone()
    {
        var s = await GivenAFrameworkAsync();
        (await s.Http.PostAsJsonAsync("/v1/learners/learner-4/evidence", Evidence(s.Ids["A"], "3"))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Level(s, "learner-4", "2020-01-01")).Should().BeNull("nothing had been recorded by then, not even the framework");
        (await Level(s, "learner-4", DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"))).Should().Be("3");
        var problem = await (await s.Http.GetAsync("/v1/learners/learner-4/progress?asOf=yesterday")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("asOf");
    }

    [Theory]
    [InlineData("unknownCompetency", "alignments[0].competencyId")]
    [InlineData("rawOverMax", "alignments[0].raw")]
    [InlineData("unknownLevel", "alignments[0].level")]
    [InlineData("future", "occurredAt")]
    [InlineData("modality", "modality")]
    [InlineData("bothScores", "alignments[0]")]
    public async Task Bad_evidence_is_a_400_naming_the_field_and_nothing_is_written(string kind, string field)
    {
        var s = await GivenAFrameworkAsync();
        var a = s.Ids["A"];
        object body = kind switch
        {
            "unknownCompetency" => Evidence(Guid.NewGuid(), "3"),
            "rawOverMax" => new { sourceSystem = "lms", modality = "assessment", occurredAt = "2026-03-01T00:00:00Z", alignments = new[] { new { competencyId = a, raw = 11, max = 10 } } },
            "unknownLevel" => Evidence(a, "9"),
            "future" => Evidence(a, "3", occurredAt: DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ")),
            "modality" => Evidence(a, "3", modality: "vibes"),
            _ => new { sourceSystem = "lms", modality = "assessment", occurredAt = "2026-03-01T00:00:00Z", alignments = new[] { new { competencyId = a, level = "3", points = 2 } } },
        };
        var problem = await (await s.Http.PostAsJsonAsync("/v1/learners/learner-5/evidence", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(f => f.StartsWith(field), string.Join(", ", problem.FieldErrors()));
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(1, "only the framework");
    }

    [Fact]
    public async Task Fifty_concurrent_posts_for_one_learner_are_each_recorded_once()
    {
        var s = await GivenAFrameworkAsync("average");
        var posts = Enumerable.Range(0, 50).Select(i => s.Http.PostAsJsonAsync("/v1/learners/busy-learner/evidence",
            Evidence(s.Ids["A"], (i % 4 + 1).ToString(), sourceId: $"r-{i}", occurredAt: $"2026-03-01T10:{i:00}:00Z")));
        var responses = await Task.WhenAll(posts);
        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);

        var progress = await (await s.Http.GetAsync("/v1/learners/busy-learner/progress")).ShouldBeOkJsonAsync();
        var a = Competency(progress, "A");
        a.GetProperty("evidenceCount").GetInt32().Should().Be(50);
        // Levels 1–4 in turn: 13 × 0 + 13 × 1.5 + 12 × 2.5 + 12 × 3.5 = 91.5 over 50 scores → 1.83 (nothing lost, nothing doubled).
        a.GetProperty("score").GetDecimal().Should().Be(1.83m);
    }

    [Fact]
    public async Task Fifty_concurrent_posts_for_fifty_learners_are_each_recorded_once()
    {
        var s = await GivenAFrameworkAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            s.Http.PostAsJsonAsync($"/v1/learners/learner-{i}/evidence", Evidence(s.Ids["A"], "3", sourceId: $"x-{i}"))));
        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        (await api.EvidenceRecordedCountAsync(s.Tenant.TenantId)).Should().Be(50);
        foreach (var i in new[] { 0, 17, 49 })
            (await Level(s, $"learner-{i}", null)).Should().Be("3");
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_change_a_learner_evidence()
    {
        var s = await GivenAFrameworkAsync();
        var created = await (await s.Http.PostAsJsonAsync("/v1/learners/shared-id/evidence", Evidence(s.Ids["A"], "3"))).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var evidenceId = created.GetProperty("evidenceId").GetGuid();
        var other = await api.NewTenantAsync();
        using var otherHttp = await other.AdminAsync();
        await (await otherHttp.GetAsync($"/v1/learners/shared-id/evidence/{evidenceId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherHttp.PostAsJsonAsync($"/v1/learners/shared-id/evidence/{evidenceId}/retractions", new { reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var progress = await (await otherHttp.GetAsync("/v1/learners/shared-id/progress")).ShouldBeOkJsonAsync();
        progress.GetProperty("frameworks").GetArrayLength().Should().Be(0);
        (await otherHttp.PostAsJsonAsync("/v1/learners/shared-id/evidence", Evidence(s.Ids["A"], "3"))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the competency belongs to another tenant");
    }
}
