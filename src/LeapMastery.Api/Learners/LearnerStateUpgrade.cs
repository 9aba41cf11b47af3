using System.Text.RegularExpressions;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Progress;
using Marten;
using Npgsql;

namespace LeapMastery.Api.Learners;

/// <summary>
/// Builds the stored learner state (summaries, evidence, competency states) from the events for every learner stream that has
/// none: a database written by a release that kept one whole-record document per learner upgrades in place at start-up,
/// before the API reports ready. It logs its progress, works in batches (each learner in one transaction) and picks up where
/// it stopped if interrupted. It reads events only, so it is as exact as any replay.
/// </summary>
public sealed partial class LearnerStateUpgrade(IDocumentStore store, TenantDatabases databases, FrameworkCatalog catalog, NodaTime.IClock clock, ILogger<LearnerStateUpgrade> logger)
{
    private const int BatchSize = 200;

    /// <summary>Marten's stored names of the events a learner stream may begin with (every learner event).</summary>
    private static readonly string[] LearnerEventNames = LearnerStreamGuard.LearnerEventTypes.Select(t => SnakeCase().Replace(t.Name, "$1_$2").ToLowerInvariant()).ToArray();

    private static string MissingSql => $"""
        select s.tenant_id, s.id from {MartenSetup.SchemaName}.mt_streams s
        where exists (select 1 from {MartenSetup.SchemaName}.mt_events e
                      where e.stream_id = s.id and e.tenant_id = s.tenant_id and e.version = 1 and e.type = any(@types))
          and not exists (select 1 from {MartenSetup.SchemaName}.mt_doc_learnersummary d where d.id = s.id and d.tenant_id = s.tenant_id)
        order by s.tenant_id, s.id
        limit @limit
        """;

    /// <summary>Builds what is missing in every database tenants live in.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var database in await databases.AllAsync(ct))
            await RunAsync(database.DataSource, ct);
    }

    private async Task RunAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var total = await CountMissingAsync(dataSource, ct);
        if (total == 0) return;
        logger.LogInformation("Building stored learner state from the events for {Total} learners (upgrade from the whole-record document)", total);
        var done = 0;
        while (await NextMissingAsync(dataSource, ct) is { Count: > 0 } batch)
        {
            foreach (var tenant in batch.GroupBy(b => b.Tenant))
                foreach (var (_, stream) in tenant)
                    await BuildAsync(tenant.Key, stream, ct);
            done += batch.Count;
            logger.LogInformation("Stored learner state: {Done} of {Total} learners built", done, total);
        }
    }

    private async Task BuildAsync(string tenantId, Guid stream, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenantId);
        var events = await session.Events.FetchStreamAsync(stream, token: ct);
        var learnerId = events.Select(e => LearnerIdOf(e.Data)).FirstOrDefault(l => l is not null) ?? "";
        var record = LearnerRecordEvolution.ApplyAll(LearnerRecord.Empty(learnerId), events.Select(e => e.Data));

        session.Store(new LearnerSummary { Id = stream, LearnerId = learnerId, Record = record with { Evidence = [], EvidenceTotal = record.Evidence.Count } });
        foreach (var entry in record.Evidence)
            session.Store(LearnerEvidence.Of(stream, learnerId, entry));
        var assessed = record.Evidence.SelectMany(LearnerSlice.CompetenciesOf).ToHashSet();
        var feedback = new FeedbackTrail(record);
        foreach (var f in await catalog.CurrentAsync(session, ct))
        {
            var progress = ProgressCalculator.ForFramework(record, f.Id, f.Version, f.Definition, clock.GetCurrentInstant());
            foreach (var competency in f.Definition.Competencies.Where(c => assessed.Contains(c.Id)))
                if (LearnerSlice.StateOf(stream, progress, competency.Id, record, feedback) is { } state) session.Store(state);
        }
        await session.SaveChangesAsync(ct);
    }

    private static string? LearnerIdOf(object e) => e switch
    {
        EvidenceRecorded x => x.LearnerId,
        PlacementRecorded x => x.LearnerId,
        Domain.Assessments.AttemptStarted x => x.LearnerId,
        Domain.Recognitions.RecognitionAwarded x => x.LearnerId,
        Domain.Recognitions.CompetencyStateChanged x => x.LearnerId,
        ResultHeld x => x.LearnerId,
        _ => null,
    };

    private static async Task<long> CountMissingAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from ({MissingSql}) missing");
        command.Parameters.AddWithValue("types", LearnerEventNames);
        command.Parameters.AddWithValue("limit", long.MaxValue);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<(string Tenant, Guid Stream)>> NextMissingAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(MissingSql);
        command.Parameters.AddWithValue("types", LearnerEventNames);
        command.Parameters.AddWithValue("limit", (long)BatchSize);
        var found = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetGuid(1)));
        return found;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();
}
