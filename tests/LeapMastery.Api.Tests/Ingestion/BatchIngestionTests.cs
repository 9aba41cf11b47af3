using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using Npgsql;

namespace LeapMastery.Api.Tests.Ingestion;

public sealed class BatchIngestionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Result(FrameworkSetup s, int i, string? competency = "A") => new
    {
        learnerId = $"b-{i % 250}",
        sourceSystem = "canvas",
        sourceId = $"r-{i}",
        modality = "assessment",
        occurredAt = "2026-03-01T10:00:00Z",
        alignments = new[] { new { competencyId = competency is null ? Guid.NewGuid() : s.Ids[competency], raw = i % 10, max = 10 } },
    };

    private static async Task<long> EvidenceEvents(ApiFactory api, string tenant) =>
        await Database.CountAsync(api.ConnectionString, "select count(*) from leap.mt_events where tenant_id = @t and type = 'evidence_recorded'", ("t", tenant));

    [Fact]
    public async Task A_batch_of_1000_with_10_malformed_stores_990_reports_the_10_and_a_resubmission_stores_nothing_new()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var malformed = Enumerable.Range(0, 10).Select(k => k * 97 + 5).ToHashSet();
        var items = Enumerable.Range(0, 1000).Select(i => malformed.Contains(i)
            ? (i % 2 == 0 ? Result(s, i, competency: null) : new { learnerId = "bad id!", sourceSystem = "canvas", sourceId = $"r-{i}", modality = "vibes" })
            : Result(s, i)).ToList();

        var first = await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items })).ShouldBeOkJsonAsync();
        first.GetProperty("summary").GetProperty("recorded").GetInt32().Should().Be(990);
        first.GetProperty("summary").GetProperty("failed").GetInt32().Should().Be(10);
        var failed = first.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() == "failed").ToList();
        failed.Select(i => i.GetProperty("index").GetInt32()).Should().BeEquivalentTo(malformed);
        failed.Should().OnlyContain(i => i.GetProperty("problem").GetProperty("errors").GetArrayLength() > 0);
        (await EvidenceEvents(api, s.Tenant.TenantId)).Should().Be(990);

        var again = await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items })).ShouldBeOkJsonAsync();
        again.GetProperty("summary").GetProperty("recorded").GetInt32().Should().Be(0);
        again.GetProperty("summary").GetProperty("duplicates").GetInt32().Should().Be(990);
        (await EvidenceEvents(api, s.Tenant.TenantId)).Should().Be(990);

        var progress = await (await s.Http.GetAsync($"/v1/learners/b-7/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        progress.GetProperty("evidenceCount").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task A_single_result_answers_201_then_200_for_the_retry()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var first = await s.Http.PostAsJsonAsync("/v1/results", Result(s, 3));
        var body = await first.ShouldBeOkJsonAsync(HttpStatusCode.Created);
        first.Headers.Location!.ToString().Should().Contain($"/v1/learners/b-3/evidence/{body.GetProperty("evidenceId").GetGuid()}");
        var retry = await (await s.Http.PostAsJsonAsync("/v1/results", Result(s, 3))).ShouldBeOkJsonAsync();
        retry.GetProperty("status").GetString().Should().Be("duplicate");
        retry.GetProperty("evidenceId").GetGuid().Should().Be(body.GetProperty("evidenceId").GetGuid());
        var problem = await (await s.Http.PostAsJsonAsync("/v1/results", Result(s, 4, competency: null))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("alignments[0].competencyId");
    }

    [Fact]
    public async Task Killing_database_connections_mid_batch_loses_nothing_that_was_acknowledged()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var items = Enumerable.Range(0, 3000).Select(i => Result(s, i)).ToList();
        using var stop = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            var database = new NpgsqlConnectionStringBuilder(api.ConnectionString).Database;
            var kills = 0;
            while (!stop.IsCancellationRequested && kills < 40)
            {
                await Task.Delay(10);
                await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(
                    "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = @d and pid <> pg_backend_pid() and state <> 'idle'", conn);
                cmd.Parameters.AddWithValue("d", database!);
                kills += Convert.ToInt32(await cmd.ExecuteScalarAsync());
            }
            return kills;
        });

        var response = await s.Http.PostAsJsonAsync("/v1/results/batches", new { items });
        await stop.CancelAsync();
        var kills = await killer;
        kills.Should().BeGreaterThan(0, "the test must actually cut connections while the batch is being written");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            // The cut came before any item was written (reading the tenant's frameworks, the client's standing): nothing is
            // acknowledged, and the answer says to send it again.
            (await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString().Should().Contain("Send it again");
            response.Headers.RetryAfter.Should().NotBeNull();
        }
        else
        {
            var result = await response.ShouldBeOkJsonAsync();
            var acknowledged = result.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("status").GetString() is "recorded" or "duplicate")
                .Select(i => i.GetProperty("evidenceId").GetGuid()).ToList();
            foreach (var evidenceId in acknowledged)
            {
                var stored = await Database.CountAsync(api.ConnectionString,
                    "select count(*) from leap.mt_events where type = 'evidence_recorded' and data->>'evidenceId' = @id", ("id", evidenceId.ToString()));
                stored.Should().Be(1, $"evidence {evidenceId} was acknowledged (connections killed: {kills})");
            }
        }

        // Whatever was not acknowledged is simply sent again; in the end every result is stored exactly once.
        var again = await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items })).ShouldBeOkJsonAsync();
        again.GetProperty("summary").GetProperty("failed").GetInt32().Should().Be(0);
        (await EvidenceEvents(api, s.Tenant.TenantId)).Should().Be(3000);
    }
}
