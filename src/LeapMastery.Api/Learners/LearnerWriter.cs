using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;

namespace LeapMastery.Api.Learners;

/// <summary>A decision taken on a learner's locked record, and the record after its events (and what followed from them).</summary>
public sealed record LearnerDecided(Decision Decision, LearnerRecord State);

/// <summary>The request's view of <see cref="LearnerStreamWriter"/>: the caller's tenant, written by the calling client.</summary>
public sealed class LearnerWriter(TenantContext tenant, LearnerStreamWriter streams)
{
    public LearnerWriteOrigin Origin => new(tenant.TenantId, tenant.ClientId);

    /// <summary>Decides on the learner's locked turn (its record and what is in force) and appends what the decision appended.</summary>
    public Task<TResult> WriteTurnAsync<TResult>(string learnerId, LearnerReadsFor? reads, Func<LearnerTurn, TResult> decide, CancellationToken ct) =>
        streams.WriteAsync(Origin, learnerId, reads, decide, ct);

    /// <summary>
    /// Decides on the learner's locked record (as far as <paramref name="reads"/> names it) and appends the decided events and
    /// what follows from them; a refused decision appends nothing.
    /// </summary>
    public Task<LearnerDecided> DecideAsync(string learnerId, LearnerReadsFor? reads, Func<LearnerRecord, Decision> decide, CancellationToken ct) =>
        WriteTurnAsync(learnerId, reads, turn => Decide(turn, decide(turn.State)), ct);

    /// <summary>Appends a decision taken on <paramref name="turn"/> (unless it was refused) and answers it with the record after it.</summary>
    public static LearnerDecided Decide(LearnerTurn turn, Decision decision)
    {
        if (!decision.IsRefused && decision.Events.Count > 0) turn.Append(decision.Events);
        return new LearnerDecided(decision, turn.State);
    }
}
