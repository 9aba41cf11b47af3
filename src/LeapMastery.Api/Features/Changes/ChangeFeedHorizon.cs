using Marten.Storage;
using Npgsql;

namespace LeapMastery.Api.Features.Changes;

/// <summary>
/// The highest event sequence number below which nothing can still appear. Marten numbers events from one PostgreSQL
/// sequence, but transactions commit in any order: event 41 may be visible while event 40's transaction is still in flight.
/// A reader that returned 41 and moved its cursor past it would miss 40 for ever. So the horizon is taken in two steps:
/// read the sequence's last value L (every number up to L has been handed out), then wait until every transaction that
/// was in flight at that moment has committed or rolled back. After that, every event numbered up to L is visible or will
/// never exist, and the feed may serve up to L. The feed serves learner streams only, and every write to one either locks
/// its stream row first (<c>FetchForExclusiveWriting</c>) or creates the row: both give the transaction its id before
/// Marten draws sequence numbers, so a transaction holding a number up to L is always among the in-flight ones. (Keep it
/// so: a learner-stream append without the row lock would open a gap this reasoning does not cover.) "In flight" and
/// "finished" are read from the lock each transaction holds on its own id (<c>pg_locks</c>), not from the commit log
/// (<c>pg_xact_status</c>, marked committed a moment before new snapshots stop treating the transaction as running) nor
/// from a snapshot's in-progress list (which leaves out transactions newer than the latest completed one).
/// Each database tenants live in has its own sequence, so a horizon is a database's (a tenant's feed is in its database).
/// </summary>
public sealed class ChangeFeedHorizon(IConfiguration configuration, ILogger<ChangeFeedHorizon> logger)
{
    private readonly TimeSpan _maxWait = configuration.GetValue("Changes:MaxHorizonWait", TimeSpan.FromSeconds(5));

    /// <summary>The safe horizon, or <paramref name="fallback"/> when in-flight transactions outlast the wait (the caller serves nothing new then).</summary>
    public async Task<long> SafeHorizonAsync(IMartenDatabase database, long fallback, CancellationToken ct)
    {
        var (last, settled) = await WaitAsync(database, ct);
        return settled ? Math.Max(last, fallback) : fallback;
    }

    /// <summary>Where a new subscription starts: the safe horizon, or, if in-flight transactions outlast the wait, the last number handed out.</summary>
    public async Task<long> StartingPointAsync(IMartenDatabase database, CancellationToken ct) => (await WaitAsync(database, ct)).Last;

    private async Task<(long Last, bool Settled)> WaitAsync(IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = await Infrastructure.Marten.TenantDatabases.DataSourceOf(database).OpenConnectionAsync(ct);
        long last;
        await using (var command = new NpgsqlCommand($"select case when is_called then last_value else 0 end from {Infrastructure.Marten.MartenSetup.SchemaName}.mt_events_sequence", connection))
            last = Convert.ToInt64(await command.ExecuteScalarAsync(ct));

        // Listed after reading the sequence: every transaction that drew a number up to `last` and has not finished holds
        // the lock on its own transaction id, taken when the id was assigned and released only once new snapshots see it
        // as finished. (A snapshot's in-progress list is not enough: it leaves out transactions newer than the latest completed one.)
        const string Running = "select coalesce(array_agg(transactionid::text), '{}') from pg_locks where locktype = 'transactionid' and mode = 'ExclusiveLock' and granted";
        string[] inFlight;
        await using (var command = new NpgsqlCommand(Running, connection))
            inFlight = (string[])(await command.ExecuteScalarAsync(ct))!;

        var delay = TimeSpan.FromMilliseconds(1);
        var deadline = DateTime.UtcNow + _maxWait;
        while (inFlight.Length > 0)
        {
            await using (var command = new NpgsqlCommand(Running + " and transactionid = any($1::xid[])", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = inFlight });
                inFlight = (string[])(await command.ExecuteScalarAsync(ct))!;
            }
            if (inFlight.Length == 0) break;
            if (DateTime.UtcNow > deadline)
            {
                logger.LogWarning("Change feed: {Count} transactions still in flight after {Wait}; serving up to the previous cursor", inFlight.Length, _maxWait);
                return (last, false);
            }
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 50));
        }
        return (last, true);
    }
}
