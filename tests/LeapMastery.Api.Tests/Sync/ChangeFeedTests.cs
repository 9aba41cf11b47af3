using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using Npgsql;

namespace LeapMastery.Api.Tests.Sync;

public sealed class ChangeFeedTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static Task<List<JsonElement>> ReadAllAsync(HttpClient http, string query = "", int limit = 500) => ChangeFeedReader.ReadAllAsync(http, query, limit);

    private static async Task<List<Guid>> FeedEventIdsInDatabaseAsync(ApiFactory api, string tenantId)
    {
        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select id from leap.mt_events where tenant_id = @t and type in ('evidence_recorded','evidence_corrected','evidence_retracted'," +
            "'competency_state_changed','recognition_awarded','recognition_revoked','recognition_flagged_for_review') order by seq_id", conn);
        cmd.Parameters.AddWithValue("t", tenantId);
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    [Fact]
    public async Task Read_from_cursor_0_in_pages_while_writes_continue_the_feed_holds_every_change_exactly_once_in_order()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        var posted = new ConcurrentBag<Guid>();
        var levels = new[] { "1", "2", "3", "4" };
        var codes = new[] { "A", "B", "C", "D" };

        // Four writers post evidence for six learners, concurrently, while the reader pages through the feed.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var response = await s.PostEvidenceAsync($"feed-{(w * 20 + i) % 6}", codes[i % 4], levels[(w + i) % 4],
                    occurredAt: $"2026-03-01T{10 + w:00}:{i:00}:00Z");
                var body = await response.ShouldBeOkJsonAsync(HttpStatusCode.Created);
                posted.Add(body.GetProperty("evidenceId").GetGuid());
            }
        })).ToArray();

        var seen = new List<JsonElement>();
        var after = "0";
        var pages = 0;
        var trace = new List<string>();
        while (true)
        {
            var done = writers.All(w => w.IsCompleted);
            var page = await (await s.Http.GetAsync($"/v1/changes?after={after}&limit=7")).ShouldBeOkJsonAsync();
            pages++;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            after = page.GetProperty("nextCursor").GetString()!;
            trace.Add(after + "/" + page.GetProperty("items").GetArrayLength());
            if (done && !page.GetProperty("hasMore").GetBoolean()) break;
            if (!page.GetProperty("hasMore").GetBoolean()) await Task.Delay(20);
        }
        await Task.WhenAll(writers);

        pages.Should().BeGreaterThan(10);
        var ids = seen.Select(i => i.GetProperty("id").GetGuid()).ToList();
        ids.Should().OnlyHaveUniqueItems("no change is repeated");
        seen.Select(i => long.Parse(i.GetProperty("cursor").GetString()!)).Should().BeInAscendingOrder("one total order");
        var inDb = await FeedEventIdsInDatabaseAsync(api, s.Tenant.TenantId);
        var missing = inDb.Except(ids).ToList();
        if (missing.Count > 0)
        {
            await using var conn = new NpgsqlConnection(api.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select string_agg(seq_id || ':' || type || ':' || version || ':' || to_char(timestamp, 'HH24:MI:SS.US'), ', ') from leap.mt_events where id = any(@ids)", conn);
            cmd.Parameters.AddWithValue("ids", missing.ToArray());
            throw new Exception("missing " + await cmd.ExecuteScalarAsync() + " pages: " + string.Join(",", trace));
        }
        ids.Should().Equal(inDb, "every change, exactly once, in the order of the store");
        seen.Where(i => i.GetProperty("type").GetString() == "evidenceRecorded").Select(i => i.GetProperty("evidence").GetProperty("evidenceId").GetGuid())
            .Should().BeEquivalentTo(posted);
        seen.Should().Contain(i => i.GetProperty("type").GetString() == "masteryReached");
        seen.Should().Contain(i => i.GetProperty("type").GetString() == "masteryLost");

        // Polling again from the last cursor finds nothing new; a new write shows up after it.
        var empty = await (await s.Http.GetAsync($"/v1/changes?after={after}")).ShouldBeOkJsonAsync();
        empty.GetProperty("items").GetArrayLength().Should().Be(0);
        empty.GetProperty("nextCursor").GetString().Should().Be(after);
        (await s.PostEvidenceAsync("feed-late", "A", "3")).StatusCode.Should().Be(HttpStatusCode.Created);
        var late = await (await s.Http.GetAsync($"/v1/changes?after={after}")).ShouldBeOkJsonAsync();
        late.GetProperty("items")[0].GetProperty("learnerId").GetString().Should().Be("feed-late");
    }

    [Fact]
    public async Task Each_kind_of_change_names_its_learner_and_what_changed()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        var badge = await (await s.Http.PostAsJsonAsync("/v1/recognitions", new
        {
            code = "a-badge", name = "A", description = "Mastered A.", kind = "badge",
            criteria = new { kind = "competencyMastered", competencyId = s.Ids["A"] },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var evidence = await (await s.PostEvidenceAsync("kinds-1", "A", "3")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var evidenceId = evidence.GetProperty("evidenceId").GetGuid();
        (await s.Http.PostAsJsonAsync($"/v1/learners/kinds-1/evidence/{evidenceId}/corrections",
            new { reason = "Rescored", alignments = new[] { new { competencyId = s.Ids["A"], level = "4" } } })).StatusCode.Should().Be(HttpStatusCode.OK);
        var award = (await (await s.Http.GetAsync("/v1/learners/kinds-1/recognitions")).ShouldBeOkJsonAsync())[0].GetProperty("awardId").GetGuid();
        (await s.Http.PostAsJsonAsync($"/v1/learners/kinds-1/recognitions/{award}/revocation", new { reason = "Issued in error" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await s.Http.PostAsJsonAsync($"/v1/learners/kinds-1/evidence/{evidenceId}/retractions", new { reason = "Wrong learner" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var all = await ReadAllAsync(s.Http);
        all.Select(c => c.GetProperty("type").GetString()).Should().Equal(
            "evidenceRecorded", "masteryReached", "recognitionAwarded", "evidenceCorrected", "levelChanged", "recognitionRevoked", "evidenceRetracted", "masteryLost");
        all.Should().OnlyContain(c => c.GetProperty("learnerId").GetString() == "kinds-1");
        var reached = all[1].GetProperty("competency");
        reached.GetProperty("competencyId").GetGuid().Should().Be(s.Ids["A"]);
        reached.GetProperty("fromLevel").ValueKind.Should().Be(JsonValueKind.Null);
        reached.GetProperty("toLevel").GetString().Should().Be("3");
        all[2].GetProperty("recognition").GetProperty("recognitionId").GetGuid().Should().Be(badge.GetProperty("recognitionId").GetGuid());
        all[3].GetProperty("evidence").GetProperty("reason").GetString().Should().Be("Rescored");
        all[4].GetProperty("competency").GetProperty("toLevel").GetString().Should().Be("4");
        all[5].GetProperty("recognition").GetProperty("reason").GetString().Should().Be("Issued in error");
        all[6].GetProperty("evidence").GetProperty("competencyIds").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(s.Ids["A"]);

        var onlyMastery = await ReadAllAsync(s.Http, "&types=masteryReached,masteryLost", limit: 1);
        onlyMastery.Select(c => c.GetProperty("type").GetString()).Should().Equal("masteryReached", "masteryLost");
    }

    [Fact]
    public async Task Bad_cursors_limits_and_types_get_field_errors_and_another_tenant_sees_nothing()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        (await s.PostEvidenceAsync("iso-1", "A", "3")).StatusCode.Should().Be(HttpStatusCode.Created);

        (await (await s.Http.GetAsync("/v1/changes?after=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("after");
        (await (await s.Http.GetAsync("/v1/changes?after=-1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("after");
        (await (await s.Http.GetAsync("/v1/changes?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("limit");
        (await (await s.Http.GetAsync("/v1/changes?types=evidenceRecorded,gradeChanged")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("types");

        using var evidenceOnly = await s.Tenant.WithScopesAsync("evidence:write");
        (await evidenceOnly.GetAsync("/v1/changes")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var b = await api.NewTenantAsync();
        using var other = await b.AdminAsync();
        (await ReadAllAsync(other)).Should().BeEmpty();
        (await ReadAllAsync(s.Http)).Should().NotBeEmpty();
    }
}
