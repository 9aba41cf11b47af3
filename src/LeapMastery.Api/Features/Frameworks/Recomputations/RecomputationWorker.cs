using LeapMastery.Api.Learners;
using LeapMastery.Domain.Recognitions;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using LeapMastery.Api.Infrastructure.Marten;

namespace LeapMastery.Api.Features.Frameworks.Recomputations;

public sealed class RecomputationOptions
{
    /// <summary>Run recomputations on this node (one node at a time does: the others find the database lock taken and skip that pass).</summary>
    public bool Run { get; set; } = true;
    /// <summary>How often the worker looks for unfinished recomputations (a revision on this node starts one at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Learners recomputed per transaction.</summary>
    public int LearnersPerTransaction { get; set; } = 32;
    /// <summary>A pause between transactions, to leave the database to live traffic during a large recomputation.</summary>
    public TimeSpan PauseBetweenTransactions { get; set; } = TimeSpan.Zero;
}

/// <summary>
/// Works through unfinished recomputations, oldest first (one node at a time), picking up where the last one stopped (after a restart too). Each
/// transaction takes the next learners in stream-id order through the learner-stream writer, which locks them, decides what the
/// revision changes for each and appends it; the recomputation's cursor and counts are stored in that same transaction.
/// </summary>
public sealed class RecomputationWorker(
    IDocumentStore store, LearnerStreamWriter writer, TenantDatabases databases, IClock clock, IOptions<RecomputationOptions> options,
    Infrastructure.Health.SchemaInitializer schema, ILogger<RecomputationWorker> logger) : Infrastructure.Background.OneNodeAtATime(databases, logger)
{
    private readonly RecomputationOptions _options = options.Value;

    protected override long LockKey => 0x4C45_4150_5243; // "LEAPRC"

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override bool Enabled => _options.Run;

    /// <summary>The schema is applied once, at start-up: a pass before that would race it to create tables.</summary>
    protected override Task ReadyAsync(CancellationToken ct) => schema.Applied.WaitAsync(ct);

    protected override async Task PassAsync(TenantDatabase database, CancellationToken ct)
    {
        List<Recomputation> unfinished;
        await using (var query = Databases.QueryAcrossTenants(database))
            unfinished = (await query.Query<Recomputation>().Where(r => r.AnyTenant() && !r.Finished).ToListAsync(ct))
                .OrderBy(r => r.RequestedAt).ThenBy(r => r.ToVersion).ToList();
        foreach (var recomputation in unfinished)
            await RunAsync(recomputation, ct);
    }

    private async Task RunAsync(Recomputation r, CancellationToken ct)
    {
        var origin = new LearnerWriteOrigin(r.TenantId, r.RequestedBy);
        FrameworkInForce? previous, current;
        var starting = r.StartedAt is null;
        await using (var query = store.QuerySession(r.TenantId))
        {
            previous = InForce(await query.Events.AggregateStreamAsync<FrameworkDocument>(r.FrameworkId, r.FromVersion, token: ct));
            current = InForce(await query.Events.AggregateStreamAsync<FrameworkDocument>(r.FrameworkId, r.ToVersion, token: ct));
            if (starting) r.LearnersTotal = await query.Query<LearnerSummary>().CountAsync(ct);
        }
        if (starting)
        {
            r.StartedAt = clock.GetCurrentInstant();
            await SaveAsync(r, ct);
        }
        if (previous is null || current is null)
        {
            r.LastFailure = $"Version {r.FromVersion} or {r.ToVersion} of the framework was not found.";
            await FinishAsync(r, ct);
            return;
        }

        while (true)
        {
            List<LearnerKey> next;
            await using (var query = store.QuerySession(r.TenantId))
            {
                var after = r.Cursor ?? Guid.Empty;
                next = (await query.Query<LearnerSummary>()
                    .Where(l => l.Id > after)
                    .OrderBy(l => l.Id)
                    .Take(_options.LearnersPerTransaction)
                    .Select(l => new LearnerKey(l.Id, l.LearnerId))
                    .ToListAsync(ct)).ToList();
            }
            if (next.Count == 0) break;

            var (done, changed) = (r.LearnersDone, r.LearnersChanged);
            try
            {
                await writer.WriteAsync(origin, next.Select(n => n.LearnerId).ToList(), LearnerReads.Of(new LearnerReads { WholeFrameworks = [r.FrameworkId] }), turn => Recompute(turn, r, previous, current), (session, answers) =>
                {
                    r.Cursor = next[^1].Id;
                    r.LearnersDone = done + next.Count;
                    r.LearnersChanged = changed + answers.Count(a => a);
                    r.LearnersTotal = Math.Max(r.LearnersTotal, r.LearnersDone);
                    session.Store(r);
                }, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogError(ex, "Recomputation {RecomputationId}: {Count} learners could not be recomputed", r.Id, next.Count);
                r.Cursor = next[^1].Id;
                (r.LearnersDone, r.LearnersChanged) = (done + next.Count, changed);
                r.Failures += next.Count;
                r.LastFailure = ex.Message;
                await SaveAsync(r, ct);
            }
            if (_options.PauseBetweenTransactions > TimeSpan.Zero) await Task.Delay(_options.PauseBetweenTransactions, ct);
        }
        await FinishAsync(r, ct);
        Logger.LogInformation("Recomputation {RecomputationId} of framework {FrameworkId} v{Version}: {Done} learners, {Changed} changed, {Failures} failed",
            r.Id, r.FrameworkId, r.ToVersion, r.LearnersDone, r.LearnersChanged, r.Failures);
    }

    /// <summary>
    /// What the revision changes for one learner. A learner whose record began after the revision was only ever computed under
    /// the new version, so there is nothing to recompute.
    /// </summary>
    private static bool Recompute(LearnerTurn turn, Recomputation r, FrameworkInForce previous, FrameworkInForce current)
    {
        if (!turn.Exists || turn.State.FirstRecordedAt is not { } first || first > r.RequestedAt) return false;
        return turn.AppendRevision(previous, current).Count > 0;
    }

    private async Task FinishAsync(Recomputation r, CancellationToken ct)
    {
        r.Finished = true;
        r.FinishedAt = clock.GetCurrentInstant();
        await SaveAsync(r, ct);
    }

    private async Task SaveAsync(Recomputation r, CancellationToken ct)
    {
        await using var session = store.LightweightSession(r.TenantId);
        session.Store(r);
        await session.SaveChangesAsync(ct);
    }

    private static FrameworkInForce? InForce(FrameworkDocument? f) => f is null ? null : new FrameworkInForce(f.Id, f.Version, f.Definition);

    private sealed record LearnerKey(Guid Id, string LearnerId);
}
