using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;

using LeapMastery.Interop.Results;

namespace LeapMastery.Api.Features.Ingestion;

/// <summary>
/// Records many results at once. Items are grouped by learner and written through the learner-stream writer a few learners
/// per transaction (locked in a fixed order, so two batches never deadlock); every item is decided on the learner's current
/// record (so a result repeated inside the batch counts once) and what it changes follows it at once. A transient database
/// failure retries the whole transaction; nothing is reported as stored before its transaction committed, and a retry after a
/// commit finds the results already there (idempotent by source id).
/// </summary>
public sealed class ResultIngestor(TenantContext tenant, Frameworks.FrameworkCatalog catalog, NodaTime.IClock clock, LearnerStreamWriter writer, BatchGate gate,
    ILogger<ResultIngestor> logger)
{
    /// <summary>Learners per transaction: large enough to amortize the round trips, small enough to keep locks short.</summary>
    public const int LearnersPerTransaction = 32;

    /// <summary>Loads what mapping needs (the tenant's competencies and assessments, the clock, the caller) once, maps the request's items with it, and records them.</summary>
    public async Task<BatchResult> IngestAsync(Func<IngestContext, IEnumerable<IngestItem>> map, HttpContext http, CancellationToken ct) =>
        await IngestAsync(map(await IngestContext.LoadAsync(tenant, catalog, clock, ct)).ToList(), http, ct);

    public async Task<BatchResult> IngestAsync(IReadOnlyList<IngestItem> items, HttpContext http, CancellationToken ct)
    {
        var results = new ItemResult?[items.Count];
        foreach (var item in items.Where(i => i.Errors.Count > 0))
            results[item.Index] = Failed(item, item.Errors, http);

        // A single result goes straight through; batches take turns (see BatchGate).
        using var slot = items.Count > 1 ? await gate.EnterAsync(ct) : null;
        var byLearner = items.Where(i => i.Errors.Count == 0)
            .GroupBy(i => i.LearnerId!)
            .OrderBy(g => LearnerStreams.StreamId(tenant.TenantId, g.Key))
            .ToList();
        foreach (var chunk in byLearner.Chunk(LearnersPerTransaction))
        {
            try
            {
                foreach (var r in await WriteChunkAsync(chunk, ct))
                    results[r.Index] = r;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A batch transaction failed after retries; its {Count} items are reported failed", chunk.Sum(g => g.Count()));
                foreach (var item in chunk.SelectMany(g => g))
                    results[item.Index] = new ItemResult
                    {
                        Index = item.Index, LearnerId = item.LearnerId, Status = BatchItemStatus.Failed,
                        Problem = new ApiProblem
                        {
                            Type = ProblemTypes.ServiceUnavailable, Title = "Not stored", Status = 503,
                            Detail = "The database was not available; nothing of this item was stored. Send it again.",
                            Instance = http.Request.Path,
                        },
                    };
            }
        }

        var list = results.Select(r => r!).ToList();
        return new BatchResult
        {
            Items = list,
            Summary = new BatchSummary
            {
                Received = list.Count,
                Recorded = list.Count(r => r.Status == BatchItemStatus.Recorded),
                Corrected = list.Count(r => r.Status == BatchItemStatus.Corrected),
                Duplicates = list.Count(r => r.Status == BatchItemStatus.Duplicate),
                Held = list.Count(r => r.Status == BatchItemStatus.Held),
                Failed = list.Count(r => r.Status == BatchItemStatus.Failed),
            },
        };
    }

    private async Task<List<ItemResult>> WriteChunkAsync(IGrouping<string, IngestItem>[] chunk, CancellationToken ct)
    {
        var items = chunk.ToDictionary(g => g.Key, g => g.ToList());
        var perLearner = await writer.WriteAsync(new LearnerWriteOrigin(tenant.TenantId, tenant.ClientId), chunk.Select(g => g.Key).ToList(),
            (summary, _) => Reads(items[summary.LearnerId]),
            turn => items[turn.LearnerId].Select(item => Decide(item, turn)).ToList(), null, ct);
        return perLearner.SelectMany(r => r).ToList();
    }

    /// <summary>What a learner's items need read: the evidence they may repeat (by source) and the competencies they align to.</summary>
    private static LearnerReads Reads(IEnumerable<IngestItem> items) => new()
    {
        SourceKeys = items.Where(i => i.Evidence is not null)
            .Select(i => LearnerEvidence.SourceKeyOf(i.Evidence!.SourceSystem, i.Evidence.SourceId)).OfType<string>().ToList(),
        Competencies = items.Where(i => i.Evidence is not null).SelectMany(i => i.Evidence!.Alignments.Select(a => a.CompetencyId)).Distinct().ToList(),
    };

    /// <summary>One item on the learner's turn: held, a duplicate, refused, or recorded (or corrected) with what follows from it.</summary>
    private static ItemResult Decide(IngestItem item, LearnerTurn turn)
    {
        if (item.Held is { } held)
        {
            turn.Append([held]);
            return new ItemResult { Index = item.Index, LearnerId = item.LearnerId, Status = BatchItemStatus.Held };
        }
        var command = item.Evidence!;
        var decision = item.Repeat == RepeatMeaning.LatestScore
            ? LearnerDecisions.DecideLatest(command, turn.State)
            : LearnerDecisions.Decide(command, turn.State);
        if (decision.Refusal is { } refusal) return Failed(item, refusal.Errors, null);
        if (decision.Events is not [var e])
            return new ItemResult
            {
                Index = item.Index, LearnerId = item.LearnerId, Status = BatchItemStatus.Duplicate,
                EvidenceId = turn.State.FindBySource(command.SourceSystem, command.SourceId!)!.Recorded.EvidenceId,
            };
        // What this item changes follows it at once, so a recognition is awarded by the very item that completes it.
        var following = turn.Append([e]);
        return new ItemResult
        {
            Index = item.Index,
            LearnerId = item.LearnerId,
            Status = e is EvidenceCorrected ? BatchItemStatus.Corrected : BatchItemStatus.Recorded,
            EvidenceId = e is EvidenceCorrected c ? c.EvidenceId : ((EvidenceRecorded)e).EvidenceId,
            RecognitionsAwarded = following.OfType<Domain.Recognitions.RecognitionAwarded>().Select(a => a.AwardId).ToList(),
        };
    }

    private static ItemResult Failed(IngestItem item, IReadOnlyList<DomainError> errors, HttpContext? http) => new()
    {
        Index = item.Index,
        LearnerId = item.LearnerId,
        Status = BatchItemStatus.Failed,
        Problem = new ApiProblem
        {
            Type = ProblemTypes.Validation,
            Title = "One or more fields are invalid.",
            Status = 400,
            Detail = "Nothing of this item was stored.",
            Instance = http?.Request.Path,
            Errors = errors.Select(e => new FieldError { Name = e.Field, Reason = e.Message }).ToList(),
        },
    };
}
