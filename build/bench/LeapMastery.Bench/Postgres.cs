using Npgsql;
using NpgsqlTypes;

namespace LeapMastery.Bench;

public sealed record WaitSample(string Event, long Samples, double Share);

/// <summary>One row of the COPY baseline: the learner, when, and the result's JSON (the very item the API is sent).</summary>
public sealed record BaselineRow(string Learner, DateTime OccurredAt, string Payload);

public sealed record TopStatement(string Query, long Calls, double MeanMs, double TotalMs, double Share);

/// <summary>
/// The raw-PostgreSQL side of the run: the baseline table and its single-row inserts and primary-key reads, plus what
/// the cluster says about itself (version, sizes, wait events, pg_stat_statements).
/// </summary>
public sealed class Postgres : IAsyncDisposable
{
    public const string BaselineDatabase = "bench_baseline";

    private readonly NpgsqlDataSource _admin;
    private readonly NpgsqlDataSource _api;
    private NpgsqlDataSource? _baseline;
    public bool HasStatements { get; private set; }
    public string ApiDatabase { get; }

    private readonly string _adminConnectionString;
    private readonly int _maxPool;

    public Postgres(string adminConnectionString, string apiDatabase, int maxPool)
    {
        ApiDatabase = apiDatabase;
        _admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { MaxPoolSize = 4, ApplicationName = "bench-admin" }.ConnectionString);
        _api = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = apiDatabase, MaxPoolSize = maxPool + 4, ApplicationName = "bench-raw-read",
        }.ConnectionString);
        _adminConnectionString = adminConnectionString;
        _maxPool = maxPool;
    }

    public async Task<string> VersionAsync() => (string)(await Scalar(_admin, "show server_version"))!;

    public async Task<IReadOnlyDictionary<string, string>> SettingsAsync(params string[] names)
    {
        var result = new Dictionary<string, string>();
        foreach (var n in names) result[n] = (string)(await Scalar(_admin, $"show {n}"))!;
        return result;
    }

    /// <summary>The baseline database and its plain table: uuid key, tenant, learner, when, and the evidence body as jsonb.</summary>
    public async Task CreateBaselineAsync()
    {
        await Exec(_admin, $"drop database if exists {BaselineDatabase}");
        await Exec(_admin, $"create database {BaselineDatabase}");
        _baseline = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_adminConnectionString)
        {
            Database = BaselineDatabase, MaxPoolSize = _maxPool + 4, ApplicationName = "bench-baseline",
        }.ConnectionString);
        await Exec(_baseline, """
            create table evidence_baseline (
              id uuid primary key,
              tenant text not null,
              learner text not null,
              occurred_at timestamptz not null,
              payload jsonb not null)
            """);
        try
        {
            await Exec(_admin, "create extension if not exists pg_stat_statements");
            await Exec(_admin, "select pg_stat_statements_reset()");
            HasStatements = true;
        }
        catch (PostgresException)
        {
            HasStatements = false; // the server was not started with shared_preload_libraries=pg_stat_statements
        }
    }

    /// <summary>One INSERT, autocommit (no explicit transaction), on a pooled connection: what one evidence POST is compared with.</summary>
    public async Task<Outcome> InsertAsync(string tenant, string learner, DateTime occurredAt, string payload, CancellationToken ct)
    {
        await using var conn = await _baseline!.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("insert into evidence_baseline (id, tenant, learner, occurred_at, payload) values ($1, $2, $3, $4, $5)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid(), NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = learner, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = occurredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
        return new Outcome(true, payload.Length, null);
    }

    /// <summary>
    /// One binary <c>COPY … FROM STDIN</c> of <paramref name="rows"/> into the baseline table (Npgsql's BeginBinaryImport), on
    /// a pooled connection, committed as one statement: what one result batch is compared with.
    /// </summary>
    public async Task<Outcome> CopyAsync(string tenant, IReadOnlyList<BaselineRow> rows, CancellationToken ct)
    {
        await using var conn = await _baseline!.OpenConnectionAsync(ct);
        long bytes = 0;
        await using (var import = await conn.BeginBinaryImportAsync(
                         "copy evidence_baseline (id, tenant, learner, occurred_at, payload) from stdin (format binary)", ct))
        {
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                await import.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, ct);
                await import.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await import.WriteAsync(row.Learner, NpgsqlDbType.Text, ct);
                await import.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                await import.WriteAsync(row.Payload, NpgsqlDbType.Jsonb, ct);
                bytes += row.Payload.Length;
            }
            var written = await import.CompleteAsync(ct);
            if (written != (ulong)rows.Count) return new Outcome(false, bytes, $"COPY wrote {written} of {rows.Count} rows");
        }
        return new Outcome(true, bytes, null, rows.Count);
    }

    /// <summary>The schema holding the stored learner state (summaries, evidence, competency states), if found.</summary>
    public async Task<string?> LearnerDocumentTableAsync()
    {
        var name = await Scalar(_api, """
            select table_schema from information_schema.tables
            where table_name = 'mt_doc_learnersummary' order by table_schema limit 1
            """);
        return name as string;
    }

    /// <summary>The learners (their stream ids) of a tenant.</summary>
    public async Task<Guid[]> LearnerDocumentIdsAsync(string schema, string tenant)
    {
        var ids = new List<Guid>();
        await using var conn = await _api.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"select id from {schema}.mt_doc_learnersummary where tenant_id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids.ToArray();
    }

    /// <summary>A key read of one learner's stored progress: the stored answer of each of their competency-state rows (what progress GET serves).</summary>
    public async Task<Outcome> ReadLearnerDocumentAsync(string schema, string tenant, Guid learnerStream, CancellationToken ct)
    {
        await using var conn = await _api.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select (data -> 'state')::text from {schema}.mt_doc_learnercompetencystate where tenant_id = $1 and learner_stream = $2", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = learnerStream, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        long bytes = 0;
        while (await reader.ReadAsync(ct)) bytes += reader.GetString(0).Length;
        return new Outcome(true, bytes, null);
    }

    /// <summary>
    /// The stored records of <paramref name="ids"/> in one query: their summaries and all their evidence (what a report card is
    /// computed from), each read whole: what one page of a group export starts from. Returns the bytes read.
    /// </summary>
    public async Task<long> ReadLearnerDocumentsAsync(string schema, string tenant, Guid[] ids)
    {
        await using var conn = await _api.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"""
            select data::text from {schema}.mt_doc_learnersummary where tenant_id = $1 and id = any($2)
            union all
            select data::text from {schema}.mt_doc_learnerevidence where tenant_id = $1 and learner_stream = any($2)
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await cmd.ExecuteReaderAsync();
        long bytes = 0;
        while (await reader.ReadAsync()) bytes += reader.GetString(0).Length;
        return bytes;
    }

    /// <summary>
    /// Bytes the database holds per piece of evidence: every table and index of the API's schema (events, streams, learner
    /// summaries, evidence, competency states, the rest), over the evidence recorded.
    /// </summary>
    public async Task<(long Bytes, long Evidence)> BytesPerEvidenceAsync()
    {
        var bytes = (long)(await Scalar(_api, """
            select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'leap' and c.relkind in ('r', 'p', 'm')
            """))!;
        var evidence = (long)(await Scalar(_api, "select count(*) from leap.mt_events where type = 'evidence_recorded'"))!;
        return (bytes, evidence);
    }

    /// <summary>One tenant's share of the API database: its events, learner documents and their mean size.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TenantSizesAsync(string tenant)
    {
        var sizes = new Dictionary<string, string>();
        foreach (var (label, sql) in new[]
                 {
                     ("events", "select count(*)::text from leap.mt_events where tenant_id = $1"),
                     ("learner summaries", "select count(*)::text from leap.mt_doc_learnersummary where tenant_id = $1"),
                     ("mean learner summary size", "select pg_size_pretty(avg(octet_length(data::text))::bigint) from leap.mt_doc_learnersummary where tenant_id = $1"),
                     ("evidence documents", "select count(*)::text from leap.mt_doc_learnerevidence where tenant_id = $1"),
                     ("competency states", "select count(*)::text from leap.mt_doc_learnercompetencystate where tenant_id = $1"),
                 })
        {
            try
            {
                await using var conn = await _api.OpenConnectionAsync();
                await using var cmd = new NpgsqlCommand(sql, conn);
                cmd.Parameters.Add(new NpgsqlParameter { Value = tenant, NpgsqlDbType = NpgsqlDbType.Text });
                sizes[label] = (await cmd.ExecuteScalarAsync())?.ToString() ?? "–";
            }
            catch (PostgresException)
            {
                // A table or column this version of the API does not have: leave it out.
            }
        }
        return sizes;
    }

    /// <summary>Evens the field between phases: flush dirty buffers now rather than during someone else's phase.</summary>
    public Task CheckpointAsync() => Exec(_admin, "checkpoint");

    public async Task VacuumAnalyzeAsync()
    {
        await Exec(_api, "vacuum analyze");
        if (_baseline is not null) await Exec(_baseline, "vacuum analyze");
    }

    public async Task ResetStatementsAsync()
    {
        if (HasStatements) await Exec(_admin, "select pg_stat_statements_reset()");
    }

    /// <summary>The statements that took the most database time since the last reset, in <paramref name="database"/>.</summary>
    public async Task<IReadOnlyList<TopStatement>> TopStatementsAsync(string database, int top = 6)
    {
        if (!HasStatements) return [];
        var rows = new List<TopStatement>();
        await using var conn = await _admin.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            with s as (
              select s.query, s.calls, s.total_exec_time, s.mean_exec_time
              from pg_stat_statements s join pg_database d on d.oid = s.dbid
              where d.datname = $1)
            select query, calls, mean_exec_time, total_exec_time,
                   total_exec_time / nullif(sum(total_exec_time) over (), 0)
            from s order by total_exec_time desc limit $2
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = database });
        cmd.Parameters.Add(new NpgsqlParameter { Value = top });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new TopStatement(OneLine(reader.GetString(0)), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.IsDBNull(4) ? 0 : reader.GetDouble(4)));
        return rows;
    }

    /// <summary>
    /// Samples what the active backends of <paramref name="database"/> wait on, every 50 ms until cancelled ("CPU" when
    /// they wait on nothing): lock waits, WAL flushes and client round trips show up here.
    /// </summary>
    public async Task<IReadOnlyList<WaitSample>> SampleWaitsAsync(string database, CancellationToken stop)
    {
        var counts = new Dictionary<string, long>();
        long total = 0;
        await using var conn = await _admin.OpenConnectionAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand("""
            select coalesce(wait_event_type || ':' || wait_event, 'CPU (running)'), count(*)
            from pg_stat_activity
            where datname = $1 and state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()
            group by 1
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = database });
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await cmd.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var n = reader.GetInt64(1);
                    counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + n;
                    total += n;
                }
            }
            try { await Task.Delay(50, stop); } catch (OperationCanceledException) { break; }
        }
        return counts.OrderByDescending(kv => kv.Value).Take(6)
            .Select(kv => new WaitSample(kv.Key, kv.Value, total > 0 ? (double)kv.Value / total : 0)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> SizesAsync()
    {
        var sizes = new Dictionary<string, string>
        {
            ["API database"] = (string)(await Scalar(_admin, $"select pg_size_pretty(pg_database_size('{ApiDatabase}'))"))!,
        };
        foreach (var (label, sql) in new[]
                 {
                     ("events (mt_events rows)", "select count(*) from {0}.mt_events"),
                     ("streams (mt_streams rows)", "select count(*) from {0}.mt_streams"),
                     ("learner summaries (mt_doc_learnersummary rows)", "select count(*) from {0}.mt_doc_learnersummary"),
                     ("mean learner summary size", "select pg_size_pretty(avg(octet_length(data::text))::bigint) from {0}.mt_doc_learnersummary"),
                     ("evidence documents (mt_doc_learnerevidence rows)", "select count(*) from {0}.mt_doc_learnerevidence"),
                     ("mean evidence document size", "select pg_size_pretty(avg(octet_length(data::text))::bigint) from {0}.mt_doc_learnerevidence"),
                     ("competency states (mt_doc_learnercompetencystate rows)", "select count(*) from {0}.mt_doc_learnercompetencystate"),
                     ("mean competency state size", "select pg_size_pretty(avg(octet_length(data::text))::bigint) from {0}.mt_doc_learnercompetencystate"),
                     ("mean evidence event size", "select pg_size_pretty(avg(octet_length(data::text))::bigint) from {0}.mt_events where type = 'evidence_recorded'"),
                     ("framework document size", "select pg_size_pretty(max(octet_length(data::text))::bigint) from {0}.mt_doc_frameworkdocument"),
                 })
        {
            try
            {
                sizes[label] = (await Scalar(_api, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, "leap")))?.ToString() ?? "–";
            }
            catch (PostgresException)
            {
                // A table this version of the API does not have: leave it out.
            }
        }
        try
        {
            // The largest tables of the schema with their indexes: where the bytes per evidence go.
            await using var conn = await _api.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(
                "select c.relname, pg_total_relation_size(c.oid), pg_indexes_size(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace " +
                "where n.nspname = 'leap' and c.relkind = 'r' order by 2 desc limit 6", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                sizes[$"table {reader.GetString(0)} (with indexes; indexes alone)"] = $"{reader.GetInt64(1) / 1048576.0:0.0} MB; {reader.GetInt64(2) / 1048576.0:0.0} MB";
        }
        catch (PostgresException)
        {
            // Statistics this server does not offer: leave them out.
        }
        return sizes;
    }

    private static string OneLine(string q)
    {
        var s = string.Join(' ', q.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return s.Length <= 160 ? s : s[..160] + "…";
    }

    private static async Task Exec(NpgsqlDataSource ds, string sql)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlDataSource ds, string sql)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }

    public async ValueTask DisposeAsync()
    {
        await _admin.DisposeAsync();
        await _api.DisposeAsync();
        if (_baseline is not null) await _baseline.DisposeAsync();
    }
}
