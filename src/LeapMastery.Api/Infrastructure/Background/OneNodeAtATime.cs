using LeapMastery.Api.Infrastructure.Marten;
using Npgsql;

namespace LeapMastery.Api.Infrastructure.Background;

/// <summary>
/// Background work that every node runs and one node does at a time for each database tenants live in: passes at a poll
/// interval (or at once when nudged), each database's under a PostgreSQL session advisory lock in that database, so the
/// other nodes find it taken and skip that database this pass, and any node can die (its locks go with its connections,
/// and the next pass of another node takes them). A failed pass is logged and the next one tries again.
/// </summary>
public abstract class OneNodeAtATime(TenantDatabases databases, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _nudge = new(0);

    protected ILogger Logger { get; } = logger;

    /// <summary>The databases tenants live in, each passed over in turn.</summary>
    protected TenantDatabases Databases { get; } = databases;

    /// <summary>The advisory lock's key, one per kind of work.</summary>
    protected abstract long LockKey { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>False keeps this node out of the work.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>What to wait for before the first pass.</summary>
    protected virtual Task ReadyAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>One pass over one database, holding its lock.</summary>
    protected abstract Task PassAsync(TenantDatabase database, CancellationToken ct);

    /// <summary>Starts a pass now rather than at the next poll.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0) _nudge.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        await Task.Yield();
        await ReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var database in await Databases.AllAsync(stoppingToken))
                {
                    try
                    {
                        await LockedPassAsync(database, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        Logger.LogError(ex, "{Work} pass on database {Database} failed; it is tried again next pass", GetType().Name, database.Id);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Logger.LogError(ex, "{Work} pass failed; it is tried again next pass", GetType().Name);
            }
            try
            {
                await _nudge.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task LockedPassAsync(TenantDatabase database, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"select pg_try_advisory_lock({LockKey})", connection))
            if (!(bool)(await take.ExecuteScalarAsync(ct))!) return;
        try
        {
            await PassAsync(database, ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
