using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Frameworks;

/// <summary>
/// A framework revision recomputes every learner in the background, durably: the API is stopped in the middle of it and
/// started again on the same database, and every learner ends with the right award, none twice.
/// </summary>
public sealed class RecomputationTests : IAsyncLifetime
{
    private const int Learners = 24;
    private string _database = "";

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_recomputation_interrupted_by_a_restart_resumes_and_awards_every_learner_exactly_once()
    {
        Guid frameworkId;
        string tenantAdmin, tenantSecret, href;
        await using (var first = new NodeOnDatabase(_database, ("Recomputations:LearnersPerTransaction", "2"), ("Recomputations:PauseBetweenTransactions", "00:00:00.150")))
        {
            await first.InitializeAsync();
            var s = await FrameworkSetup.CreateAsync(first, method: "mostRecent");
            (tenantAdmin, tenantSecret, frameworkId) = (s.Tenant.AdminClientId, s.Tenant.AdminSecret, s.FrameworkId);
            await (await s.Http.PostAsJsonAsync("/v1/recognitions", new
            {
                code = "fractions-badge", name = "Fractions foundations", description = "A, B and C mastered.", kind = "badge",
                criteria = new { kind = "allOf", children = new[] { "A", "B", "C" }.Select(c => new { kind = "competencyMastered", competencyId = s.Ids[c] }).ToArray() },
            })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
            // Under mostRecent, A ends at Beginning: no learner holds the badge. Under highest, A is Extending: every learner earns it.
            var items = Enumerable.Range(0, Learners).SelectMany(i => new[]
            {
                Item(s, i, "A", "4", "2026-03-01T10:00:00Z"), Item(s, i, "A", "1", "2026-03-02T10:00:00Z"),
                Item(s, i, "B", "3", "2026-03-01T10:00:00Z"), Item(s, i, "C", "3", "2026-03-01T10:00:00Z"),
            }).ToArray();
            (await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items })).ShouldBeOkJsonAsync())
                .GetProperty("summary").GetProperty("recorded").GetInt32().Should().Be(Learners * 4);
            (await AwardsAsync(s.Http, "rc-0")).GetArrayLength().Should().Be(0);

            var revised = await (await s.Http.PutAsJsonAsync($"/v1/frameworks/{frameworkId}", Samples.Framework(method: "highest"))).ShouldBeOkJsonAsync();
            var link = revised.GetProperty("recomputation");
            link.GetProperty("fromVersion").GetInt32().Should().Be(1);
            link.GetProperty("toVersion").GetInt32().Should().Be(2);
            href = link.GetProperty("href").GetString()!;

            // Stop the node once the recomputation is under way, well before it can finish.
            JsonElement status = default;
            for (var i = 0; i < 200; i++)
            {
                status = await (await s.Http.GetAsync(href)).ShouldBeOkJsonAsync();
                if (status.GetProperty("learnersDone").GetInt32() > 0) break;
                await Task.Delay(20);
            }
            status.GetProperty("status").GetString().Should().Be("running");
            status.GetProperty("learnersDone").GetInt32().Should().BeInRange(1, Learners - 1);
        }

        await using var second = new NodeOnDatabase(_database);
        await second.InitializeAsync();
        using var http = await second.ClientAsync(tenantAdmin, tenantSecret);
        var interrupted = await (await http.GetAsync(href)).ShouldBeOkJsonAsync();
        interrupted.GetProperty("learnersDone").GetInt32().Should().BeLessThan(Learners, "the first node stopped in the middle");

        JsonElement done = default;
        for (var i = 0; i < 300; i++)
        {
            done = await (await http.GetAsync(href)).ShouldBeOkJsonAsync();
            if (done.GetProperty("status").GetString() == "finished") break;
            await Task.Delay(50);
        }
        done.GetProperty("status").GetString().Should().Be("finished");
        done.GetProperty("learnersDone").GetInt32().Should().Be(Learners);
        done.GetProperty("learnersTotal").GetInt32().Should().Be(Learners);
        done.GetProperty("learnersChanged").GetInt32().Should().Be(Learners);
        done.GetProperty("failures").GetInt32().Should().Be(0);
        done.GetProperty("finishedAt").GetString().Should().NotBeNull();

        for (var i = 0; i < Learners; i++)
            (await AwardsAsync(http, $"rc-{i}")).GetArrayLength().Should().Be(1, $"learner rc-{i} meets the criteria under the new policy, and is awarded once");
        var awarded = await Database.CountAsync(second.ConnectionString, "select count(*) from leap.mt_events where type = 'recognition_awarded'");
        awarded.Should().Be(Learners);

        var list = await (await http.GetAsync($"/v1/frameworks/{frameworkId}/recomputations")).ShouldBeOkJsonAsync();
        list.GetArrayLength().Should().Be(1);
        (await http.GetAsync($"/v1/frameworks/{frameworkId}/recomputations/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static object Item(FrameworkSetup s, int learner, string code, string level, string occurredAt) => new
    {
        learnerId = $"rc-{learner}", sourceSystem = "lms", sourceId = $"rc-{learner}-{code}-{occurredAt}", modality = "assessment", occurredAt,
        alignments = new[] { new { competencyId = s.Ids[code], level } },
    };

    private static async Task<JsonElement> AwardsAsync(HttpClient http, string learner) =>
        await (await http.GetAsync($"/v1/learners/{learner}/recognitions")).ShouldBeOkJsonAsync();
}
