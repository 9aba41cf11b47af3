using System.Net.Sockets;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;
using Npgsql;
using Polly;
using Polly.Retry;

namespace LeapMastery.Api.Features.Ingestion;

/// <summary>
/// Records many results at once. Items are grouped by learner; a transaction takes the row locks of a few learners'
/// streams (in a fixed order, so two batches never deadlock), decides every item on the learner's current record (so a
/// result repeated inside the batch counts once), appends and commits. A transient database failure retries the whole
/// transaction with jittered backoff; nothing is reported as stored before its transaction committed, and a retry after
/// a commit finds the results already there (idempotent by source id).
/// </summary>
public sealed class ResultIngestor(TenantContext tenant, Recognitions.LearnerConsequenceService consequences, BatchGate gate, ILogger<ResultIngestor> logger)
{
    /// <summary>Learners per transaction: large enough to amortize the round trips, small enough to keep locks short.</summary>
    public const int LearnersPerTransaction = 32;

    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromSeconds(2),
        })
        .Build();

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
                foreach (var r in await Retry.ExecuteAsync(async token => await WriteChunkAsync(chunk, token), ct))
                    results[r.Index] = r;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A batch transaction failed after retries; its {Count} items are reported failed", chunk.Sum(g => g.Count()));
                foreach (var item in chunk.SelectMany(g => g))
                    results[item.Index] = new ItemResult
                    {
                        Index = item.Index, LearnerId = item.LearnerId, Status = "failed",
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
                Recorded = list.Count(r => r.Status == "recorded"),
                Corrected = list.Count(r => r.Status == "corrected"),
                Duplicates = list.Count(r => r.Status == "duplicate"),
                Held = list.Count(r => r.Status == "held"),
                Failed = list.Count(r => r.Status == "failed"),
            },
        };
    }

    private async Task<List<ItemResult>> WriteChunkAsync(IGrouping<string, IngestItem>[] chunk, CancellationToken ct)
    {
        var results = new List<ItemResult>();
        await using var session = tenant.OpenSession();
        var context = await consequences.LoadAsync(session, tenant.ClientId, ct);
        var refused = new List<(IngestItem Item, string Why)>();
        foreach (var learner in chunk)
        {
            var stream = await session.Events.FetchForExclusiveWriting<LearnerLog>(LearnerStreams.StreamId(tenant.TenantId, learner.Key), ct);
            var state = stream.Aggregate?.Record ?? LearnerRecord.Empty(learner.Key);
            var events = new List<object>();
            foreach (var item in learner)
            {
                if (item.Held is { } held)
                {
                    events.Add(held);
                    results.Add(new ItemResult { Index = item.Index, LearnerId = item.LearnerId, Status = "held" });
                    continue;
                }
                var (e, existing, refusal) = item.Repeat == RepeatMeaning.LatestScore
                    ? LearnerDecisions.DecideLatest(item.Evidence!, state)
                    : Once(item.Evidence!, state);
                if (refusal is not null)
                {
                    refused.Add((item, refusal));
                    continue;
                }
                if (e is null)
                {
                    results.Add(new ItemResult { Index = item.Index, LearnerId = item.LearnerId, Status = "duplicate", EvidenceId = existing!.Recorded.EvidenceId });
                    continue;
                }
                // What this item changes follows it at once, so a recognition is awarded by the very item that completes it.
                var following = context.Decide(state, [e]);
                state = LearnerRecordEvolution.ApplyAll(state, [e, .. following]);
                events.Add(e);
                events.AddRange(following);
                results.Add(new ItemResult
                {
                    Index = item.Index,
                    LearnerId = item.LearnerId,
                    Status = e is EvidenceCorrected ? "corrected" : "recorded",
                    EvidenceId = e is EvidenceCorrected c ? c.EvidenceId : ((EvidenceRecorded)e).EvidenceId,
                    RecognitionsAwarded = following.OfType<Domain.Recognitions.RecognitionAwarded>().Select(a => a.AwardId).ToList(),
                });
            }
            if (events.Count > 0) stream.AppendMany(events);
        }
        await session.SaveChangesAsync(ct);
        results.AddRange(refused.Select(r => Failed(r.Item, [new DomainError("occurredAt", r.Why)], null)));
        return results;
    }

    private static (object? Event, EvidenceEntry? Existing, string? Refusal) Once(RecordEvidence command, LearnerRecord state)
    {
        var d = LearnerDecisions.Decide(command, state);
        return (d.NewEvent, d.Existing, d.Refusal);
    }

    private static ItemResult Failed(IngestItem item, IReadOnlyList<DomainError> errors, HttpContext? http) => new()
    {
        Index = item.Index,
        LearnerId = item.LearnerId,
        Status = "failed",
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

    /// <summary>Connection loss, a terminated backend, serialization failures, deadlocks and stream races are worth another try.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        OperationCanceledException => false,
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "08006" or "08003" or "08001" } => true,
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => true,
        IOException or SocketException => true,
        _ when LearnerWriter.IsWriteConflict(ex) => true,
        _ => ex.InnerException is not null && IsTransient(ex.InnerException),
    };
}
