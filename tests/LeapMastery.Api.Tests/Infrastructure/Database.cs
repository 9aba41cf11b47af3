using Npgsql;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>Direct reads of the store, to prove what was (not) written.</summary>
public static class Database
{
    public static async Task<long> CountAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public static Task<long> EvidenceRecordedCountAsync(this ApiFactory factory, string tenantId) =>
        CountAsync(factory.ConnectionString, "select count(*) from leap.mt_events where tenant_id = @t and type = 'evidence_recorded'", ("t", tenantId));

    public static Task<long> EventCountAsync(this ApiFactory factory, string tenantId) =>
        CountAsync(factory.ConnectionString, "select count(*) from leap.mt_events where tenant_id = @t", ("t", tenantId));

    public static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        (await cmd.ExecuteNonQueryAsync()).Should().BeGreaterThan(0, "the statement changed a row");
    }
}
