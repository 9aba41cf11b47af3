using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using LeapMastery.Api.Tests.Sync;

namespace LeapMastery.Api.Tests.ScaleOut;

/// <summary>
/// One API on two PostgreSQL servers (Tenancy:Databases): the operator places tenants, or the placement rule does; each
/// tenant's data is in its server only, and the per-tenant features (evidence, progress, change feed, webhooks,
/// recognitions and their credentials, revocation lists, report cards, isolation) work on both as on one database.
/// </summary>
public sealed class TenantsOnSeveralServersTests : IAsyncLifetime
{
    private string _main = "", _east = "";
    private NodeOnDatabase _api = null!;

    public async Task InitializeAsync()
    {
        _main = await (await PostgresServer.GetAsync()).CreateEmptyDatabaseAsync("main_");
        _east = await (await PostgresServer.GetSecondAsync()).CreateEmptyDatabaseAsync("east_");
        _api = new NodeOnDatabase(_main, ("Tenancy:Databases:east", _east));
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(string TenantId, HttpClient Admin, JsonElement Tenant)> CreateTenantAsync(string? database)
    {
        using var op = await _api.OperatorAsync();
        var id = "d-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await op.PostAsJsonAsync("/v1/tenants", database is null
            ? new Dictionary<string, string> { ["tenantId"] = id, ["name"] = "District " + id }
            : new Dictionary<string, string> { ["tenantId"] = id, ["name"] = "District " + id, ["database"] = database })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var admin = created.GetProperty("adminClient");
        return (id, await _api.ClientAsync(admin.GetProperty("clientId").GetString()!, admin.GetProperty("clientSecret").GetString()!), created.GetProperty("tenant"));
    }

    [Fact]
    public async Task The_operator_places_tenants_on_either_server_or_lets_the_placement_rule_choose_and_lists_where_each_lives()
    {
        var (onEast, _, east) = await CreateTenantAsync("east");
        east.GetProperty("database").GetString().Should().Be("east");
        var (onMain, _, main) = await CreateTenantAsync("main");
        main.GetProperty("database").GetString().Should().Be("main");
        var (placed, _, auto) = await CreateTenantAsync(null);
        auto.GetProperty("database").GetString().Should().BeOneOf("main", "east");

        using var op = await _api.OperatorAsync();
        var problem = await (await op.PostAsJsonAsync("/v1/tenants", new { tenantId = "d-nowhere", name = "Nowhere", database = "west" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Equal("database");

        var listed = (await (await op.GetAsync("/v1/tenants")).ShouldBeOkJsonAsync()).EnumerateArray()
            .ToDictionary(t => t.GetProperty("tenantId").GetString()!, t => t.GetProperty("database").GetString());
        listed.Should().Contain(onEast, "east").And.Contain(onMain, "main").And.Contain(placed, auto.GetProperty("database").GetString());
        listed.Should().NotContainKey("d-nowhere");
        (await (await op.GetAsync($"/v1/tenants/{onEast}")).ShouldBeOkJsonAsync()).GetProperty("database").GetString().Should().Be("east");
    }

    [Fact]
    public async Task Each_tenant_works_on_its_own_server_as_on_one_database_and_its_data_is_there_only()
    {
        await using var receiver = await Receiver.StartAsync();
        foreach (var database in new[] { "main", "east" })
        {
            var (tenantId, http, _) = await CreateTenantAsync(database);
            var framework = await (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework())).ShouldBeOkJsonAsync(HttpStatusCode.Created);
            var ids = framework.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("competencyId").GetGuid());
            var hook = await (await http.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, types = new[] { "evidenceRecorded" } })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
            (await http.PostAsJsonAsync("/v1/recognitions", new
            {
                code = "a-badge", name = "A shown", description = "A mastered.", kind = "badge",
                criteria = new { kind = "competencyMastered", competencyId = ids["A"] },
            })).StatusCode.Should().Be(HttpStatusCode.Created);

            var evidence = await (await http.PostAsJsonAsync("/v1/learners/lena/evidence", new
            {
                sourceSystem = "lms", sourceId = "e-1", modality = "assessment", occurredAt = "2026-03-01T10:00:00Z",
                alignments = new[] { new { competencyId = ids["A"], level = "4" } },
            })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
            var evidenceId = evidence.GetProperty("evidenceId").GetString();

            var progress = await (await http.GetAsync("/v1/learners/lena/progress")).ShouldBeOkJsonAsync();
            progress.GetRawText().Should().Contain("mastered");
            var feed = await (await http.GetAsync("/v1/changes?after=0&types=evidenceRecorded")).ShouldBeOkJsonAsync();
            feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("evidence").GetProperty("evidenceId").GetString()).Should().Equal(evidenceId);
            var awards = await (await http.GetAsync("/v1/learners/lena/recognitions")).ShouldBeOkJsonAsync();
            awards.GetArrayLength().Should().Be(1, $"A is mastered on {database}");
            var credential = await (await http.GetAsync($"/v1/learners/lena/recognitions/{awards[0].GetProperty("awardId").GetGuid()}/credential")).ShouldBeOkJsonAsync();
            var statusList = credential.GetProperty("credentialStatus").GetProperty("statusListCredential").GetString()!;
            (await (await http.GetAsync(new Uri(statusList).PathAndQuery)).ShouldBeOkJsonAsync()).GetProperty("type").GetRawText().Should().Contain("BitstringStatusListCredential");

            // Report cards, JSON and CSV, for a group of the tenant.
            var period = (await (await http.PostAsJsonAsync("/v1/reporting-periods", new { code = "y1", title = "School year", startDate = "2026-01-01", endDate = "2027-06-30" }))
                .ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("periodId").GetGuid();
            (await http.PutAsJsonAsync("/v1/groups/class-1/members", new { members = new[] { "lena" } })).StatusCode.Should().Be(HttpStatusCode.OK);
            var cards = await (await http.GetAsync($"/v1/groups/class-1/report-cards/{period}")).ShouldBeOkJsonAsync();
            cards.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("learnerId").GetString()).Should().Equal("lena");
            var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/class-1/report-cards/{period}");
            csvRequest.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/csv"));
            var csv = await (await http.SendAsync(csvRequest)).Content.ReadAsStringAsync();
            csv.Should().Contain("lena,y1,").And.Contain($",A,{ids["A"]},mastered,");

            var webhookId = hook.GetProperty("webhookId").GetGuid().ToString();
            for (var i = 0; i < 100 && !receiver.Calls.Any(c => c.Body.Contains(evidenceId!)); i++) await Task.Delay(100);
            receiver.Calls.Should().Contain(c => c.Body.Contains(evidenceId!), $"the webhook of the tenant on {database} is delivered ({webhookId})");

            var here = database == "east" ? _east : _main;
            var there = database == "east" ? _main : _east;
            (await Database.CountAsync(here, "select count(*) from leap.mt_events where tenant_id = @t and type = 'evidence_recorded'", ("t", tenantId))).Should().Be(1);
            (await Database.CountAsync(there, "select count(*) from leap.mt_events where tenant_id = @t", ("t", tenantId))).Should().Be(0, "a tenant's data lives in its database only");
        }
    }

    [Fact]
    public async Task A_tenant_on_one_server_cannot_see_a_tenant_on_the_other()
    {
        var (_, eastHttp, _) = await CreateTenantAsync("east");
        var (_, mainHttp, _) = await CreateTenantAsync("main");
        var framework = await (await eastHttp.PostAsJsonAsync("/v1/frameworks", Samples.Framework())).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var frameworkId = framework.GetProperty("frameworkId").GetGuid();
        (await mainHttp.GetAsync($"/v1/frameworks/{frameworkId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await mainHttp.GetAsync("/v1/frameworks")).ShouldBeOkJsonAsync()).GetRawText().Should().NotContain(frameworkId.ToString());
    }
}
