using JasperFx.Events;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Evidence;
using Marten.Exceptions;
using Polly;
using Polly.Retry;

namespace LeapMastery.Api.Features.Evidence;

/// <summary>
/// Appends to a learner's stream one writer at a time: the stream row is locked while the decision is taken and saved,
/// so concurrent integrations posting for the same learner are serialized and nothing is lost. What follows from the
/// write (competency states that changed, recognitions first earned) is appended in the same transaction. Two writers that both
/// start a learner's first stream collide once; the loser retries (jittered, bounded) and then finds the stream.
/// </summary>
public sealed class LearnerWriter(TenantContext tenant, Recognitions.LearnerConsequenceService consequences)
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsWriteConflict),
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(500),
        })
        .Build();

    public Task<TResult> WriteAsync<TResult>(string learnerId, Func<LearnerRecord, (object? Event, TResult Result)> decide, CancellationToken ct) =>
        WriteManyAsync<TResult>(learnerId, state =>
        {
            var (e, result) = decide(state);
            return (e is null ? Array.Empty<object>() : [e], result);
        }, ct);

    /// <summary>Decides on the learner's current record and appends the decided events in one transaction.</summary>
    public Task<TResult> WriteManyAsync<TResult>(string learnerId, Func<LearnerRecord, (IReadOnlyList<object> Events, TResult Result)> decide, CancellationToken ct) =>
        Retry.ExecuteAsync(async token =>
        {
            await using var session = tenant.OpenSession();
            var streamId = LearnerStreams.StreamId(tenant.TenantId, learnerId);
            var stream = await session.Events.FetchForExclusiveWriting<LearnerLog>(streamId, token);
            var state = stream.Aggregate?.Record ?? LearnerRecord.Empty(learnerId);
            var (events, result) = decide(state);
            if (events.Count > 0)
            {
                stream.AppendMany(events);
                // Levels changed and recognitions earned are decided on the same locked record, in the same transaction.
                var context = await consequences.LoadAsync(session, tenant.ClientId, token);
                var following = context.Decide(state, events);
                if (following.Count > 0) stream.AppendMany(following);
                await session.SaveChangesAsync(token);
            }
            return result;
        }, ct).AsTask();

    internal static bool IsWriteConflict(Exception ex) => ex switch
    {
        JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => true,
        MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" or "40001" or "40P01" or "55P03" } } => true,
        Npgsql.PostgresException { SqlState: "23505" or "40001" or "40P01" or "55P03" } => true,
        _ => ex.InnerException is not null && IsWriteConflict(ex.InnerException),
    };
}
