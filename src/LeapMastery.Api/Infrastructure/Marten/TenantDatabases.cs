using Marten;
using Marten.Storage;
using Npgsql;

namespace LeapMastery.Api.Infrastructure.Marten;

/// <summary>How a new tenant's database is chosen when the operator does not name one (Marten's assignment strategies).</summary>
public enum TenantPlacement
{
    /// <summary>The database with the fewest tenants (the default).</summary>
    Smallest,
    /// <summary>A stable hash of the tenant id over the databases not marked full.</summary>
    Hash,
    /// <summary>Only where the operator says: creating a tenant without a database is refused.</summary>
    Explicit,
}

/// <summary>
/// Where tenants live. Without <c>Tenancy:Databases</c> every tenant shares the one database of
/// <c>ConnectionStrings:Postgres</c>, as installs always have. With it, that database becomes the platform database
/// (<c>main</c>: the registry of tenants, clients and issuer keys, and Marten's tenant placement) and the first of a pool
/// of databases, each on any PostgreSQL server, that tenants are placed in (docs/operations.md, "Tenants on several servers").
/// </summary>
public sealed class TenancyOptions
{
    public const string PlatformDatabase = "main";

    /// <summary>More databases for tenants, by id (lower-case letters, digits, '-' and '_'), each a connection string.</summary>
    public Dictionary<string, string> Databases { get; set; } = new(StringComparer.Ordinal);

    public TenantPlacement Placement { get; set; } = TenantPlacement.Smallest;

    public bool IsSharded => Databases.Count > 0;

    public void Validate()
    {
        foreach (var (id, connection) in Databases)
        {
            if (id == PlatformDatabase || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9_-]{0,62}$"))
                throw new InvalidOperationException($"Tenancy:Databases: '{id}' is not a database id (lower-case letters, digits, '-' and '_'; '{PlatformDatabase}' is the platform database).");
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException($"Tenancy:Databases:{id} has no connection string.");
        }
    }
}

/// <summary>One database tenants live in, with what plain SQL beside Marten needs to reach it.</summary>
public sealed record TenantDatabase(string Id, IMartenDatabase Marten, NpgsqlDataSource DataSource);

/// <summary>
/// The databases tenants live in and the platform database, for the work that is done per database rather than per tenant
/// (background passes that each run on one node at a time per database, the change feed's horizon, start-up upgrades) and
/// for the platform's own documents.
/// </summary>
public sealed class TenantDatabases(IDocumentStore store, TenancyOptions options)
{
    /// <summary>
    /// With several databases, the platform's documents are kept under this tenant in the platform database (a tenant id
    /// no district can have: tenant ids start with a letter or digit).
    /// </summary>
    public const string PlatformTenant = "_platform";

    /// <summary>
    /// The longest tenant id with several databases: Marten names each tenant's partitions "{table}_{tenant}", within
    /// PostgreSQL's 63-byte identifiers, and the longest table name is 29 (mt_doc_learnercompetencystate).
    /// </summary>
    public const int MaxShardedTenantIdLength = 32;

    private const long SchemaLockKey = 0x4C45_4150_5343; // "LEAPSC"
    private readonly Lock _platformLock = new();
    private Task<IMartenDatabase>? _platform;

    /// <summary>
    /// The schema applied to every database (and with several, the platform tenant's partitions made), once: at start-up,
    /// and before the first platform read or write with several databases (a request that comes first waits for it rather
    /// than failing, or racing it). A failed try (a database not up yet) is tried again by the next caller.
    /// </summary>
    private Task<IMartenDatabase> PlatformReady()
    {
        lock (_platformLock)
        {
            if (_platform is null || _platform.IsFaulted || _platform.IsCanceled) _platform = PrepareAsync();
            return _platform;
        }

        async Task<IMartenDatabase> PrepareAsync()
        {
            var platform = options.IsSharded ? await store.Storage.FindOrCreateDatabase(TenancyOptions.PlatformDatabase) : store.Storage.Database;
            // Nodes that start together apply the schema one after the other (a PostgreSQL advisory lock in the platform
            // database), so none of them trips over a table another is creating.
            await using (var connection = await DataSourceOf(platform).OpenConnectionAsync())
            {
                await using (var take = new NpgsqlCommand($"select pg_advisory_lock({SchemaLockKey})", connection)) await take.ExecuteNonQueryAsync();
                try
                {
                    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                }
                finally
                {
                    await using var release = new NpgsqlCommand($"select pg_advisory_unlock({SchemaLockKey})", connection);
                    await release.ExecuteNonQueryAsync();
                }
            }
            if (!options.IsSharded) return platform;
            await store.Advanced.AddTenantToShardAsync(PlatformTenant, TenancyOptions.PlatformDatabase, CancellationToken.None);
            return platform;
        }
    }

    public bool IsSharded => options.IsSharded;

    /// <summary>The ids of the databases a tenant may be placed in: <c>main</c> and those of <c>Tenancy:Databases</c>.</summary>
    public IReadOnlyList<string> Ids => [TenancyOptions.PlatformDatabase, .. options.Databases.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Where tenants go when the operator does not say.</summary>
    public TenantPlacement Placement => options.Placement;

    /// <summary>
    /// Places a new tenant in the database the operator named, or where the placement rule puts it (Marten's assignment,
    /// under its advisory lock in the platform database, which also creates the tenant's partitions there), and answers
    /// which database that is. A single-database install has one place, <c>main</c>.
    /// </summary>
    public async Task<string> PlaceAsync(string tenantId, string? database, CancellationToken ct)
    {
        if (!options.IsSharded) return TenancyOptions.PlatformDatabase;
        if (database is null) return await store.Advanced.AddTenantToShardAsync(tenantId, ct);
        await store.Advanced.AddTenantToShardAsync(tenantId, database, ct);
        return database;
    }

    /// <summary>Every database tenants live in (one in a single-database install).</summary>
    public async Task<IReadOnlyList<TenantDatabase>> AllAsync(CancellationToken ct)
    {
        if (!options.IsSharded) return [Single];
        var all = await store.Storage.AllDatabases();
        return all.Select(Of).OrderBy(d => d.Id == TenancyOptions.PlatformDatabase ? 0 : 1).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The database a tenant's data lives in.</summary>
    public async Task<TenantDatabase> OfTenantAsync(string tenantId)
    {
        if (!options.IsSharded) return Single;
        return Of(await store.Storage.FindOrCreateDatabase(tenantId));
    }

    /// <summary>The platform database (tenants, clients, issuer keys).</summary>
    public IMartenDatabase Platform => options.IsSharded ? PlatformReady().GetAwaiter().GetResult() : store.Storage.Database;

    /// <summary>Applies the schema to every database, and with several, places the platform tenant; at start-up.</summary>
    public async Task PrepareAsync(CancellationToken ct) => await PlatformReady().WaitAsync(ct);

    /// <summary>A read of the platform's own documents.</summary>
    public IQuerySession PlatformQuery() => options.IsSharded ? store.QuerySession(global::Marten.Services.SessionOptions.ForDatabase(PlatformTenant, Platform)) : store.QuerySession();

    /// <summary>A write of the platform's own documents.</summary>
    public IDocumentSession PlatformSession() => options.IsSharded ? store.LightweightSession(global::Marten.Services.SessionOptions.ForDatabase(PlatformTenant, Platform)) : store.LightweightSession();

    /// <summary>A read across every tenant of one database (<c>AnyTenant()</c> queries of background work).</summary>
    public IQuerySession QueryAcrossTenants(TenantDatabase database) => store.QuerySession(global::Marten.Services.SessionOptions.ForDatabase(database.Marten));

    /// <summary>A write in one database outside any tenant (start-up upgrades of stored rows).</summary>
    public IDocumentSession SessionAcrossTenants(TenantDatabase database) => store.LightweightSession(global::Marten.Services.SessionOptions.ForDatabase(database.Marten));

    private TenantDatabase Single => new(TenancyOptions.PlatformDatabase, store.Storage.Database, DataSourceOf(store.Storage.Database));

    private static TenantDatabase Of(IMartenDatabase database) => new(database.Id.Identity, database, DataSourceOf(database));

    /// <summary>The connection pool Marten keeps for a database (plain SQL beside Marten shares it).</summary>
    public static NpgsqlDataSource DataSourceOf(IMartenDatabase database) =>
        (database as Weasel.Postgresql.PostgresqlDatabase)?.DataSource as NpgsqlDataSource
        ?? throw new InvalidOperationException($"Database {database.Id.Identity} has no PostgreSQL data source.");
}
