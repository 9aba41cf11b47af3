using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using LeapMastery.Api.Tests.Sync;
using Xunit.Abstractions;

namespace LeapMastery.Api.Tests.ScaleOut;

/// <summary>
/// The scale-out proof on real processes (docs/scale.md, "Proof"): two PostgreSQL servers, two API nodes, tenants on
/// both servers, writes through both nodes, and one node killed mid-run (SIGKILL, as a crash) while it dispatches
/// webhooks and runs a recomputation sweep. The other node takes the background work over, and in the end every webhook
/// is delivered, the sweep is finished, each tenant's feed is complete and in order, and nothing is lost or doubled.
/// <c>build/scale-out-proof</c> runs this test on its own and prints what the nodes did.
/// </summary>
public sealed class TwoServersTwoNodesTests(ITestOutputHelper output)
{
    private const int EvidencePerTenant = 48;
    private const int LearnersPerTenant = 12;

    private sealed record TenantRun(string TenantId, string Database, string ClientId, string Secret, Guid FrameworkId, Guid CompetencyA, Receiver Receiver)
    {
        public ConcurrentDictionary<string, Guid> Recorded { get; } = new();
    }

    [Fact]
    public async Task Two_nodes_on_two_servers_lose_nothing_and_double_nothing_when_one_node_dies_mid_run()
    {
        var main = await (await PostgresServer.GetAsync()).CreateEmptyDatabaseAsync("proof_main_");
        var east = await (await PostgresServer.GetSecondAsync()).CreateEmptyDatabaseAsync("proof_east_");
        (string, string)[] settings =
        [
            ("Tenancy:Databases:east", east),
            ("Recomputations:LearnersPerTransaction", "1"),
            ("Recomputations:PauseBetweenTransactions", "00:00:00.150"),
            ("Recomputations:PollInterval", "00:00:00.500"),
        ];
        var clock = Stopwatch.StartNew();
        var started = await Task.WhenAll(ApiProcess.StartAsync("a", main, settings), ApiProcess.StartAsync("b", main, settings));
        await using var a = started[0];
        await using var b = started[1];
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: nodes a ({a.BaseAddress}) and b ({b.BaseAddress}) ready on two servers");

        var runs = new List<TenantRun>();
        try
        {
            // Tenants on both servers: two named by the operator, one placed by the rule; set up through either node.
            using (var op = await a.ClientAsync(ApiFactory.OperatorClientId, ApiFactory.OperatorSecret))
            {
                foreach (var (database, node) in new (string?, ApiProcess)[] { ("main", a), ("east", b), (null, a) })
                {
                    var id = "proof-" + Guid.NewGuid().ToString("N")[..8];
                    var body = new Dictionary<string, string> { ["tenantId"] = id, ["name"] = "District " + id };
                    if (database is not null) body["database"] = database;
                    var created = await (await op.PostAsJsonAsync("/v1/tenants", body)).ShouldBeOkJsonAsync(HttpStatusCode.Created);
                    var admin = created.GetProperty("adminClient");
                    var (clientId, secret) = (admin.GetProperty("clientId").GetString()!, admin.GetProperty("clientSecret").GetString()!);
                    using var http = await node.ClientAsync(clientId, secret);
                    var framework = await (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework())).ShouldBeOkJsonAsync(HttpStatusCode.Created);
                    var competencyA = framework.GetProperty("competencies").EnumerateArray().First(c => c.GetProperty("code").GetString() == "A").GetProperty("competencyId").GetGuid();
                    (await http.PostAsJsonAsync("/v1/recognitions", new
                    {
                        code = "a-badge", name = "A shown", description = "A mastered.", kind = "badge",
                        criteria = new { kind = "competencyMastered", competencyId = competencyA },
                    })).StatusCode.Should().Be(HttpStatusCode.Created);
                    var receiver = await Receiver.StartAsync();
                    (await http.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url })).StatusCode.Should().Be(HttpStatusCode.Created);
                    runs.Add(new TenantRun(id, created.GetProperty("tenant").GetProperty("database").GetString()!, clientId, secret,
                        framework.GetProperty("frameworkId").GetGuid(), competencyA, receiver));
                }
            }
            runs.Select(r => r.Database).Should().Contain(["main", "east"], "tenants live on both servers");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: tenants {string.Join(", ", runs.Select(r => $"{r.TenantId} on {r.Database}"))}");

            // Writes through both nodes, from every tenant at once; a write whose node is gone is retried on the other (same
            // sourceId: a write that did land before the node died is answered as the same evidence, not recorded again).
            var clients = new Dictionary<(string, string), HttpClient>();
            foreach (var run in runs)
                foreach (var node in new[] { a, b })
                    clients[(run.TenantId, node.Name)] = await node.ClientAsync(run.ClientId, run.Secret);
            var killAt = new TaskCompletionSource();
            var written = 0;
            async Task WriteAsync(TenantRun run)
            {
                for (var i = 0; i < EvidencePerTenant; i++)
                {
                    var sourceId = $"{run.TenantId}-e{i}";
                    var body = new
                    {
                        sourceSystem = "lms", sourceId, modality = "assessment", occurredAt = $"2026-03-01T10:{i % 60:00}:00Z",
                        alignments = new[] { new { competencyId = run.CompetencyA, level = i % 3 == 0 ? "2" : "4" } },
                    };
                    var learner = $"learner-{i % LearnersPerTenant}";
                    var first = i % 2 == 0 && !a.HasExited ? a : b;
                    JsonElement answer;
                    try
                    {
                        answer = await (await clients[(run.TenantId, first.Name)].PostAsJsonAsync($"/v1/learners/{learner}/evidence", body)).ShouldBeOkJsonAsync(HttpStatusCode.Created);
                    }
                    catch (Exception e) when (first == a && e is HttpRequestException or TaskCanceledException)
                    {
                        var retried = await clients[(run.TenantId, b.Name)].PostAsJsonAsync($"/v1/learners/{learner}/evidence", body);
                        retried.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
                        answer = await retried.Content.ReadFromJsonAsync<JsonElement>();
                    }
                    run.Recorded[sourceId] = answer.GetProperty("evidenceId").GetGuid();
                    if (Interlocked.Increment(ref written) == runs.Count * EvidencePerTenant / 2) killAt.TrySetResult();
                }
            }
            var writers = runs.Select(WriteAsync).ToList();

            // Mid-run: a policy change on the first tenant starts a sweep over its learners (through node a); once the
            // sweep is under way, node a dies.
            await killAt.Task;
            var swept = runs[0];
            var revision = Samples.Framework(method: "highest");
            var revised = await (await clients[(swept.TenantId, "a")].PutAsJsonAsync($"/v1/frameworks/{swept.FrameworkId}", revision)).ShouldBeOkJsonAsync();
            var sweep = revised.GetProperty("recomputation").GetProperty("href").GetString()!;
            for (var i = 0; i < 100; i++)
            {
                var status = await (await clients[(swept.TenantId, "b")].GetAsync(sweep)).ShouldBeOkJsonAsync();
                if (status.GetProperty("learnersDone").GetInt32() > 0) break;
                await Task.Delay(50);
            }
            await a.KillAsync();
            var killedAt = clock.Elapsed;
            output.WriteLine($"{killedAt.TotalSeconds:0.0} s: node a killed after {written} of {runs.Count * EvidencePerTenant} writes, with the sweep of {swept.TenantId} under way");
            await Task.WhenAll(writers);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all writes answered");

            // The sweep finishes on node b.
            JsonElement done = default;
            for (var i = 0; i < 600; i++)
            {
                done = await (await clients[(swept.TenantId, "b")].GetAsync(sweep)).ShouldBeOkJsonAsync();
                if (done.GetProperty("status").GetString() == "finished") break;
                await Task.Delay(100);
            }
            done.GetProperty("status").GetString().Should().Be("finished", "node b takes the sweep over");
            done.GetProperty("learnersDone").GetInt32().Should().Be(done.GetProperty("learnersTotal").GetInt32());
            done.GetProperty("failures").GetInt32().Should().Be(0);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: sweep finished ({done.GetProperty("learnersDone").GetInt32()} learners), {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill");

            foreach (var run in runs)
            {
                var http = clients[(run.TenantId, "b")];
                // The feed: complete, in order, each change once, every piece of evidence exactly once.
                var feed = await ChangeFeedReader.ReadAllAsync(http);
                var cursors = feed.Select(c => long.Parse(c.GetProperty("cursor").GetString()!)).ToList();
                cursors.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
                var changeIds = feed.Select(c => c.GetProperty("id").GetGuid()).ToList();
                changeIds.Should().OnlyHaveUniqueItems();
                var recordedInFeed = feed.Where(c => c.GetProperty("type").GetString() == "evidenceRecorded")
                    .Select(c => c.GetProperty("evidence").GetProperty("evidenceId").GetGuid()).ToList();
                recordedInFeed.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(run.Recorded.Values.Distinct(), $"every write of {run.TenantId} is in its feed, once");
                run.Recorded.Should().HaveCount(EvidencePerTenant);
                // Learners k with k % 3 == 0 only ever show level 2 on A (see the writes): the others master A and earn the badge, once.
                feed.Count(c => c.GetProperty("type").GetString() == "recognitionAwarded").Should().Be(Enumerable.Range(0, LearnersPerTenant).Count(k => k % 3 != 0),
                    "each learner who masters A earns the badge once");

                // Webhooks: every change delivered, each under one delivery id (a redelivery of the same id is the
                // at-least-once contract for a call whose answer was lost when a node died).
                for (var i = 0; i < 600 && !changeIds.All(id => run.Receiver.Calls.Any(c => c.Body.Contains(id.ToString()))); i++) await Task.Delay(100);
                var calls = run.Receiver.Calls.ToList();
                var delivered = calls.GroupBy(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("data").GetProperty("id").GetGuid()).ToList();
                delivered.Select(g => g.Key).Should().BeEquivalentTo(changeIds, $"every change of {run.TenantId} reaches its webhook");
                delivered.Should().OnlyContain(g => g.Select(c => c.WebhookId).Distinct().Count() == 1, "a change is one delivery, never two");
                output.WriteLine($"{run.TenantId} on {run.Database}: {feed.Count} changes in order, {delivered.Count} delivered ({calls.Count - delivered.Count} repeated calls)");

                // The data is on the tenant's server only.
                var (here, there) = run.Database == "east" ? (east, main) : (main, east);
                (await Database.CountAsync(here, "select count(*) from leap.mt_events where tenant_id = @t and type = 'evidence_recorded'", ("t", run.TenantId))).Should().Be(EvidencePerTenant);
                (await Database.CountAsync(there, "select count(*) from leap.mt_events where tenant_id = @t", ("t", run.TenantId))).Should().Be(0);
            }
        }
        catch
        {
            foreach (var node in new[] { a, b })
                output.WriteLine($"── node {node.Name}:\n{string.Join('\n', node.Output.TakeLast(80))}");
            throw;
        }
        finally
        {
            foreach (var run in runs) await run.Receiver.DisposeAsync();
        }
    }
}
