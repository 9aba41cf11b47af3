using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;
using Npgsql;

namespace LeapMastery.Api.Tests.Sync;

/// <summary>A delivery an earlier release stored with a lower-case status is upgraded at start-up and delivered as before.</summary>
public sealed class WebhookUpgradeTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> StoredStatusAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return (string)(await new NpgsqlCommand("select data->>'status' from leap.mt_doc_webhookdelivery", connection).ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_pending_delivery_stored_as_the_earlier_release_did_is_delivered_after_the_upgrade()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Behaviour = (_, _) => 503;
        string admin, secret, webhookId;
        await using (var old = new NodeOnDatabase(_database))
        {
            await old.InitializeAsync();
            var s = await FrameworkSetup.CreateAsync(old);
            (admin, secret) = (s.Tenant.AdminClientId, s.Tenant.AdminSecret);
            webhookId = (await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, types = new[] { "evidenceRecorded" } }))
                .ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("webhookId").GetString()!;
            (await s.PostEvidenceAsync("wh-up", "A", "3")).StatusCode.Should().Be(HttpStatusCode.Created);
            for (var i = 0; i < 100 && (await (await s.Http.GetAsync($"/v1/webhooks/{webhookId}/deliveries")).ShouldBeOkJsonAsync()).GetProperty("items").GetArrayLength() == 0; i++)
                await Task.Delay(50);
        }

        // As the earlier release stored it: a lower-case status, due now, no attempts yet.
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            (await new NpgsqlCommand("""
                update leap.mt_doc_webhookdelivery
                set data = data || '{"status": "pending", "attempts": 0, "dueAtUnixMs": 0}'::jsonb
                """, connection).ExecuteNonQueryAsync()).Should().Be(1);
        }
        (await StoredStatusAsync(_database)).Should().Be("pending");

        receiver.Behaviour = (_, _) => 200;
        await using var upgraded = new NodeOnDatabase(_database);
        await upgraded.InitializeAsync();
        using var http = await upgraded.ClientAsync(admin, secret);
        string? status = null;
        for (var i = 0; i < 200 && status != "delivered"; i++)
        {
            status = (await (await http.GetAsync($"/v1/webhooks/{webhookId}/deliveries")).ShouldBeOkJsonAsync()).GetProperty("items")[0].GetProperty("status").GetString();
            if (status != "delivered") await Task.Delay(50);
        }
        status.Should().Be("delivered", "the upgraded delivery is found by the dispatcher and sent");
        receiver.Calls.Should().Contain(c => c.Answered == 200);
        (await StoredStatusAsync(_database)).Should().Be("Delivered", "stored as Marten stores and queries the enum");
        (await (await http.GetAsync($"/v1/webhooks/{webhookId}/deliveries?status=delivered")).ShouldBeOkJsonAsync()).GetProperty("items").GetArrayLength().Should().Be(1);
        (await (await http.GetAsync($"/v1/webhooks/{webhookId}/deliveries?status=pending")).ShouldBeOkJsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0);
        await (await http.GetAsync($"/v1/webhooks/{webhookId}/deliveries?status=Delivered")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
