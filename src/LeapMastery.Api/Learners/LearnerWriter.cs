using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Evidence;

namespace LeapMastery.Api.Learners;

/// <summary>The request's view of <see cref="LearnerStreamWriter"/>: the caller's tenant, written by the calling client.</summary>
public sealed class LearnerWriter(TenantContext tenant, LearnerStreamWriter streams)
{
    public LearnerWriteOrigin Origin => new(tenant.TenantId, tenant.ClientId);

    /// <summary>Decides on the learner's locked turn (its record and what is in force) and appends what the decision appended.</summary>
    public Task<TResult> WriteTurnAsync<TResult>(string learnerId, LearnerReadsFor? reads, Func<LearnerTurn, TResult> decide, CancellationToken ct) =>
        streams.WriteAsync(Origin, learnerId, reads, decide, ct);

    /// <summary>Decides on the learner's locked record (as far as <paramref name="reads"/> names it); a null event appends nothing.</summary>
    public Task<TResult> WriteAsync<TResult>(string learnerId, LearnerReadsFor? reads, Func<LearnerRecord, (object? Event, TResult Result)> decide, CancellationToken ct) =>
        WriteManyAsync(learnerId, reads, state =>
        {
            var (e, result) = decide(state);
            return (e is null ? Array.Empty<object>() : [e], result);
        }, ct);

    /// <summary>Decides on the learner's locked record and appends the decided events (and what follows from them).</summary>
    public Task<TResult> WriteManyAsync<TResult>(string learnerId, LearnerReadsFor? reads, Func<LearnerRecord, (IReadOnlyList<object> Events, TResult Result)> decide, CancellationToken ct) =>
        streams.WriteAsync(Origin, learnerId, reads, turn =>
        {
            var (events, result) = decide(turn.State);
            turn.Append(events);
            return result;
        }, ct);
}
