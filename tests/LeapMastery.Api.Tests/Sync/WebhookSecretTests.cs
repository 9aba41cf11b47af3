using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using LeapMastery.Api.Tests.Infrastructure;
using Npgsql;

namespace LeapMastery.Api.Tests.Sync;

/// <summary>Webhook signing secrets are stored encrypted; plain-text ones an earlier release stored are encrypted at start-up.</summary>
public sealed class WebhookSecretTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> RowAsync(Guid id)
    {
        await using var conn = new NpgsqlConnection(_database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select data::text from leap.mt_doc_webhooksubscription where id = @id", conn);
        cmd.Parameters.AddWithValue("id", id);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_secret_is_never_stored_in_plain_text_and_a_legacy_one_is_encrypted_at_start_up()
    {
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var secret = "whsec_" + random;
        Guid id;
        await using (var node = new NodeOnDatabase(_database))
        {
            await node.InitializeAsync();
            var tenant = await node.NewTenantAsync();
            using var http = await tenant.AdminAsync();
            var created = await (await http.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.org/at-rest", secret })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
            created.GetProperty("secret").GetString().Should().Be(secret, "the create answer shows it once");
            id = created.GetProperty("webhookId").GetGuid();
            var row = await RowAsync(id);
            row.Should().NotContain(random).And.Contain("encryptedSecret");
            (await (await http.GetAsync($"/v1/webhooks/{id}")).ShouldBeOkJsonAsync()).GetProperty("secret").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

            // As an earlier release stored it: the secret in plain text, nothing encrypted.
            await Database.ExecuteAsync(_database,
                "update leap.mt_doc_webhooksubscription set data = (data - 'encryptedSecret') || jsonb_build_object('secret', @s::text) where id = @id", ("s", secret), ("id", id));
            (await RowAsync(id)).Should().Contain(random);
        }

        await using var upgraded = new NodeOnDatabase(_database);
        await upgraded.InitializeAsync();
        for (var i = 0; i < 100 && (await RowAsync(id)).Contains(random); i++) await Task.Delay(100);
        (await RowAsync(id)).Should().NotContain(random, "the dispatcher encrypts a plain-text secret when it starts");
    }
}
