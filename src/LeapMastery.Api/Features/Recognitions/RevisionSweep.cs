using System.Threading.Channels;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Domain.Recognitions;
using Marten;

namespace LeapMastery.Api.Features.Recognitions;

/// <summary>
/// After a framework's revision (a policy change), every learner's standing under the new version is compared with the
/// old one: competency states that changed go to the change feed, recognitions now first met are awarded, awarded ones
/// no longer met are flagged. It runs in the background on the node that took the revision, one learner at a time under
/// the same row lock as any other write; a learner it has not reached yet is brought up to date by their next write.
/// </summary>
public sealed class RevisionSweep(IServiceScopeFactory scopes, IDocumentStore store, ILogger<RevisionSweep> logger) : BackgroundService
{
    private readonly Channel<(string Tenant, Guid FrameworkId, int Version, string By)> _queue = Channel.CreateUnbounded<(string, Guid, int, string)>();

    public void Enqueue(string tenant, Guid frameworkId, int version, string by) => _queue.Writer.TryWrite((tenant, frameworkId, version, by));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(job.Tenant, job.FrameworkId, job.Version, job.By, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweep after revision {Version} of framework {FrameworkId} failed", job.Version, job.FrameworkId);
            }
        }
    }

    private async Task SweepAsync(string tenant, Guid frameworkId, int version, string by, CancellationToken ct)
    {
        List<Guid> learners;
        FrameworkDocument? previous, current;
        await using (var query = store.QuerySession(tenant))
        {
            learners = (await query.Query<LearnerLog>().Select(l => l.Id).ToListAsync(ct)).ToList();
            previous = await query.Events.AggregateStreamAsync<FrameworkDocument>(frameworkId, version - 1, token: ct);
            current = await query.Events.AggregateStreamAsync<FrameworkDocument>(frameworkId, version, token: ct);
        }
        if (previous is null || current is null) return;
        var before = new FrameworkInForce(frameworkId, previous.Version, previous.Definition);
        var after = new FrameworkInForce(frameworkId, current.Version, current.Definition);

        using var scope = scopes.CreateScope();
        var consequences = scope.ServiceProvider.GetRequiredService<LearnerConsequenceService>();
        foreach (var learner in learners)
        {
            await using var session = store.LightweightSession(tenant);
            var stream = await session.Events.FetchForExclusiveWriting<LearnerLog>(learner, ct);
            if (stream.Aggregate is null) continue;
            var context = await consequences.LoadAsync(session, by, ct);
            var following = context.DecideRevision(stream.Aggregate.Record, before, after);
            if (following.Count == 0) continue;
            stream.AppendMany(following);
            await session.SaveChangesAsync(ct);
        }
        logger.LogInformation("Swept {Count} learners after revision {Version} of framework {FrameworkId}", learners.Count, version, frameworkId);
    }
}
