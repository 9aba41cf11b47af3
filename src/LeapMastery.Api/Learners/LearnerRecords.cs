using LeapMastery.Domain.Evidence;
using Marten;

namespace LeapMastery.Api.Learners;

/// <summary>Reads learners' records from their summaries and evidence (what the learner-stream writer stores).</summary>
public static class LearnerRecords
{
    /// <summary>A learner's summary (everything but the evidence); null when nothing was recorded about them.</summary>
    public static Task<LearnerSummary?> SummaryAsync(this IQuerySession session, string tenantId, string learnerId, CancellationToken ct) =>
        session.LoadAsync<LearnerSummary>(LearnerStreams.StreamId(tenantId, learnerId), ct);

    /// <summary>The learner's whole record (every piece of evidence): for reads that look at the history, or at a past moment.</summary>
    public static async Task<LearnerRecord> WholeRecordAsync(this IQuerySession session, string tenantId, string learnerId, CancellationToken ct)
    {
        var stream = LearnerStreams.StreamId(tenantId, learnerId);
        return (await ManyAsync(session, [stream], ct)).GetValueOrDefault(stream) ?? LearnerRecord.Empty(learnerId);
    }

    /// <summary>Whole records of many learners by stream id, in two round trips (learners with nothing recorded are left out).</summary>
    public static async Task<Dictionary<Guid, LearnerRecord>> ManyAsync(this IQuerySession session, IReadOnlyCollection<Guid> streams, CancellationToken ct)
    {
        if (streams.Count == 0) return [];
        var ids = streams.Distinct().ToArray();
        var summaries = await session.LoadManyAsync<LearnerSummary>(ct, ids);
        var evidence = (await session.Query<LearnerEvidence>().Where(e => e.LearnerStream.IsOneOf(ids)).ToListAsync(ct))
            .ToLookup(e => e.LearnerStream);
        return summaries.ToDictionary(s => s.Id, s => s.Record.WithEvidence(evidence[s.Id].Select(e => e.Entry)));
    }

    /// <summary>The summary's record with only the named evidence (what an award's answer shows of it).</summary>
    public static async Task<LearnerRecord> WithEvidenceAsync(this IQuerySession session, LearnerSummary summary, IEnumerable<Guid> evidenceIds, CancellationToken ct)
    {
        var ids = evidenceIds.Distinct().ToArray();
        var found = ids.Length == 0 ? [] : await session.LoadManyAsync<LearnerEvidence>(ct, ids);
        return summary.Record.WithEvidence(found.Where(e => e.LearnerStream == summary.Id).Select(e => e.Entry));
    }
}
