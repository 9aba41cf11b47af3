using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;
using Npgsql;

namespace LeapMastery.Api.Tests.Learners;

/// <summary>
/// A database written by the release that kept one whole-record document per learner holds the learner events and no stored
/// learner state; the new release builds that state from the events at start-up and answers exactly as before.
/// </summary>
public sealed class UpgradeTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Stored_learner_state_is_built_from_the_events_at_start_up_and_answers_as_before()
    {
        var learners = new[] { "up-1", "up-2", "up-3" };
        string admin, secret;
        var before = new Dictionary<string, string>();
        await using (var old = new NodeOnDatabase(_database))
        {
            await old.InitializeAsync();
            var s = await FrameworkSetup.CreateAsync(old, method: "decayingAverage");
            (admin, secret) = (s.Tenant.AdminClientId, s.Tenant.AdminSecret);
            foreach (var (learner, i) in learners.Select((l, i) => (l, i)))
            {
                for (var k = 0; k < 4; k++)
                    await (await s.PostEvidenceAsync(learner, k % 2 == 0 ? "A" : "B", $"{1 + (i + k) % 4}", occurredAt: $"2026-03-0{1 + k}T10:00:00Z", sourceId: $"{learner}-{k}"))
                        .ShouldBeOkJsonAsync(HttpStatusCode.Created);
                (await s.Http.PostAsJsonAsync($"/v1/learners/{learner}/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 2, basis = "preAssessment" }))
                    .StatusCode.Should().Be(HttpStatusCode.Created);
            }
            foreach (var learner in learners) before[learner] = await SnapshotAsync(s.Http, learner);
        }

        // What the earlier release left: the events (and its whole-record documents), none of the stored learner state.
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            foreach (var table in new[] { "mt_doc_learnersummary", "mt_doc_learnerevidence", "mt_doc_learnercompetencystate" })
                await new NpgsqlCommand($"delete from leap.{table}", connection).ExecuteNonQueryAsync();
        }

        await using var upgraded = new NodeOnDatabase(_database);
        await upgraded.InitializeAsync();
        using var http = await upgraded.ClientAsync(admin, secret);
        for (var i = 0; i < 100 && (await http.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK; i++) await Task.Delay(50);
        foreach (var learner in learners)
            (await SnapshotAsync(http, learner)).Should().Be(before[learner], $"{learner} answers after the upgrade as before it");
        upgraded.Logs.Should().Contain(l => l.Contains("Stored learner state: 3 of 3 learners built"));

        // And it keeps working: a repeat is still recognized, new evidence counts on top.
        (await http.PostAsJsonAsync("/v1/learners/up-1/evidence", new
        {
            sourceSystem = "lms", sourceId = "up-1-0", modality = "assessment", occurredAt = "2026-03-01T10:00:00Z",
            alignments = new[] { new { competencyId = Guid.Parse(await CompetencyIdAsync(http, "A")), level = "4" } },
        })).StatusCode.Should().Be(HttpStatusCode.OK, "the repeat is found through the rebuilt source index");
    }

    private static async Task<string> CompetencyIdAsync(HttpClient http, string code)
    {
        var progress = await (await http.GetAsync("/v1/learners/up-1/progress")).ShouldBeOkJsonAsync();
        return progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == code).GetProperty("competencyId").GetString()!;
    }

    private static async Task<string> SnapshotAsync(HttpClient http, string learner)
    {
        var progress = await (await http.GetAsync($"/v1/learners/{learner}/progress")).ShouldBeOkJsonAsync();
        var evidence = await (await http.GetAsync($"/v1/learners/{learner}/evidence")).ShouldBeOkJsonAsync();
        var placements = await (await http.GetAsync($"/v1/learners/{learner}/placements")).ShouldBeOkJsonAsync();
        return progress.GetProperty("frameworks").GetRawText() + evidence.GetRawText() + placements.GetRawText();
    }
}
