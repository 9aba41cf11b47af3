using LeapMastery.Api.Infrastructure.Marten;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;

namespace LeapMastery.Api.Learners;

public sealed class LapseSweepOptions
{
    /// <summary>Run the sweep on this node (one node at a time does, per database).</summary>
    public bool Run { get; set; } = true;
    /// <summary>How often the sweep looks for competency states that time alone has changed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Learners written per transaction.</summary>
    public int LearnersPerTransaction { get; set; } = 32;
}

/// <summary>
/// Writes what time alone changes (docs/mastery.md §10): a learner's competency whose stored state no longer holds (a piece of its
/// evidence left the policy's recency window, or its mastery lapsed unrenewed) is written through the learner-stream writer,
/// which decides what follows (the change feed's masteryLapsed or levelChanged, recognitions flagged for review, never taken
/// away) and stores the state again. One node at a time per database; a learner written by anything else first is simply
/// found done. Reads never wait for it: a progress read computes such a state afresh.
/// </summary>
public sealed class LapseSweep(
    IDocumentStore store, LearnerStreamWriter writer, TenantDatabases databases, IClock clock, IOptions<LapseSweepOptions> options,
    Infrastructure.Health.SchemaInitializer schema, ILogger<LapseSweep> logger) : Infrastructure.Background.OneNodeAtATime(databases, logger)
{
    /// <summary>Who the sweep's writes are recorded as.</summary>
    public const string By = "lapse-sweep";

    private readonly LapseSweepOptions _options = options.Value;

    protected override long LockKey => 0x4C45_4150_4C53; // "LEAPLS"

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override bool Enabled => _options.Run;

    protected override Task ReadyAsync(CancellationToken ct) => schema.Applied.WaitAsync(ct);

    /// <summary>The most states one pass takes on (oldest first); the next pass takes the rest.</summary>
    public const int StatesPerPass = 10_000;

    protected override async Task PassAsync(TenantDatabase database, CancellationToken ct)
    {
        // The due states, oldest first, once per pass: a learner whose write fails is tried again next pass and never holds
        // up the others.
        var now = clock.GetCurrentInstant().ToUnixTimeMilliseconds();
        List<DueState> due;
        await using (var query = Databases.QueryAcrossTenants(database))
            due = (await query.Query<LearnerCompetencyState>()
                .Where(s => s.AnyTenant() && s.ChangesAfterUnixMs < now)
                .OrderBy(s => s.ChangesAfterUnixMs)
                .Select(s => new DueState { TenantId = s.TenantId, LearnerStream = s.LearnerStream, CompetencyId = s.CompetencyId })
                .Take(StatesPerPass)
                .ToListAsync(ct)).ToList();
        foreach (var tenant in due.GroupBy(d => d.TenantId))
        foreach (var learners in tenant.GroupBy(d => d.LearnerStream).Chunk(_options.LearnersPerTransaction))
        {
            ct.ThrowIfCancellationRequested();
            await WriteAsync(tenant.Key, learners.ToDictionary(l => l.Key, l => l.Select(d => d.CompetencyId).ToList()), ct);
        }
    }

    private async Task WriteAsync(string tenantId, Dictionary<Guid, List<Guid>> competencies, CancellationToken ct)
    {
        Dictionary<string, List<Guid>> byLearner;
        await using (var query = store.QuerySession(tenantId))
            byLearner = (await query.LoadManyAsync<LearnerSummary>(ct, competencies.Keys))
                .Where(s => s.LearnerId.Length > 0)
                .ToDictionary(s => s.LearnerId, s => competencies[s.Id]);
        if (byLearner.Count == 0) return;
        try
        {
            // Reading the due competencies is all it takes: the writer decides what time changed on them before any decision.
            await writer.WriteAsync(new LearnerWriteOrigin(tenantId, By), byLearner.Keys.ToList(),
                (summary, _) => new LearnerReads { Competencies = byLearner.GetValueOrDefault(summary.LearnerId) ?? [] },
                _ => true, null, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Lapse sweep: {Count} learners of tenant {TenantId} could not be written; the next pass tries again", byLearner.Count, tenantId);
        }
    }

    private sealed class DueState
    {
        public string TenantId { get; set; } = "";
        public Guid LearnerStream { get; set; }
        public Guid CompetencyId { get; set; }
    }
}
