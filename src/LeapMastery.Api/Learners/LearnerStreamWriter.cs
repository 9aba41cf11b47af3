using System.Runtime.CompilerServices;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Domain.Evidence;
using Marten;
using LeapMastery.Api.Infrastructure.Marten;
using Marten.Exceptions;
using Npgsql;
using Polly;
using Polly.Retry;

namespace LeapMastery.Api.Learners;

/// <summary>Whose write it is: the tenant whose learners are written and the client (or operation) that asked for it.</summary>
public sealed record LearnerWriteOrigin(string TenantId, string By);

/// <summary>
/// The only code that appends to learners' streams (<see cref="LearnerStreamGuard"/> refuses any other append). For each
/// transaction it locks the learners' stream rows in one fixed order (so concurrent writers are serialized per learner and two
/// multi-learner writes never deadlock), loads once what deciding consequences needs (frameworks and recognitions in force),
/// lets the caller decide on each learner's locked record (<see cref="LearnerTurn"/>), appends the decided events together
/// with what follows from them (level changes, mastery reached or lost, awards, review flags) and commits. A write conflict or
/// a transient database failure retries the whole transaction (jittered, bounded), deciding again on the fresh state, so a
/// result is never reported before its transaction committed.
/// </summary>
public sealed class LearnerStreamWriter(IDocumentStore store, LearnerConsequenceService consequences)
{
    private static readonly ConditionalWeakTable<IDocumentSession, object> WriterSessions = new();

    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromSeconds(2),
        })
        .Build();

    /// <summary>Whether <paramref name="session"/> was opened by this writer (the guard lets only those append learner events).</summary>
    internal static bool Owns(IDocumentSession session) => WriterSessions.TryGetValue(session, out _);

    /// <summary>One learner: decides on the locked record, appends, commits.</summary>
    public async Task<TResult> WriteAsync<TResult>(LearnerWriteOrigin origin, string learnerId, LearnerReadsFor? reads, Func<LearnerTurn, TResult> decide, CancellationToken ct) =>
        (await WriteAsync(origin, [learnerId], reads, decide, null, ct))[0];

    /// <summary>
    /// Several learners in one transaction (batches, recomputations): each is locked and decided in stream-id order; the answers
    /// come in the order of <paramref name="learnerIds"/>. Each learner's decision sees the learner's summary and the part of
    /// the evidence that <paramref name="reads"/> names, with the competencies it bears on (never the whole history).
    /// <paramref name="alongside"/>, given the answers, stores what must commit with the appends (a recomputation's progress).
    /// </summary>
    public Task<IReadOnlyList<TResult>> WriteAsync<TResult>(
        LearnerWriteOrigin origin, IReadOnlyList<string> learnerIds, LearnerReadsFor? reads, Func<LearnerTurn, TResult> decide,
        Action<IDocumentSession, IReadOnlyList<TResult>>? alongside, CancellationToken ct) =>
        Retry.ExecuteAsync(async token =>
        {
            await using var session = store.LightweightSession(origin.TenantId);
            WriterSessions.AddOrUpdate(session, origin);
            // Every learner's stream row is locked first, in one fixed order (two multi-learner writes never deadlock), with their summaries.
            var locked = new List<(string LearnerId, int Index, Guid Stream, JasperFx.Events.IEventStream<LearnerSummary> Events)>();
            foreach (var (learnerId, index) in learnerIds.Select((l, i) => (l, i)).OrderBy(x => LearnerStreams.StreamId(origin.TenantId, x.l)))
            {
                var streamId = LearnerStreams.StreamId(origin.TenantId, learnerId);
                locked.Add((learnerId, index, streamId, await session.Events.FetchForExclusiveWriting<LearnerSummary>(streamId, token)));
            }
            var context = await consequences.LoadAsync(session, origin.By, token);
            var requests = locked.Select(l =>
            {
                var summary = l.Events.Aggregate?.Record ?? LearnerRecord.Empty(l.LearnerId);
                return new LearnerSlice.Request(l.Stream, summary, reads?.Invoke(summary, context) ?? LearnerReads.None);
            }).ToList();
            var slices = await LearnerSlice.LoadAsync(session, requests, context, token);

            var answers = new TResult[learnerIds.Count];
            var appended = false;
            foreach (var ((learnerId, index, streamId, stream), request) in locked.Zip(requests))
            {
                var slice = slices[streamId];
                var (turn, answer) = Decide(learnerId, stream.Aggregate is not null, slice, context, decide);
                // A decision that touched competencies beyond what was read is decided again on a record that has them all.
                var missing = slice.Missing(turn.Pending, turn.State);
                if (missing.Count > 0)
                {
                    var wider = request with { Want = request.Want with { Competencies = [.. request.Want.Competencies, .. missing] } };
                    slice = (await LearnerSlice.LoadAsync(session, [wider], context, token))[streamId];
                    (turn, answer) = Decide(learnerId, stream.Aggregate is not null, slice, context, decide);
                }
                answers[index] = answer;
                // A recomputation re-stores the framework's states under the new version even when nothing follows from it, and
                // states that time alone changed are stored again as they now stand.
                if (turn.Pending.Count == 0 && slice.Stale.Count == 0 && (request.Want.WholeFrameworks.Count == 0 || !turn.Exists)) continue;
                if (turn.Pending.Count > 0) stream.AppendMany(turn.Pending);
                slice.Store(session, learnerId, turn.State, turn.Pending, context, request.Want.WholeFrameworks);
                appended = true;
            }
            alongside?.Invoke(session, answers);
            if (appended || alongside is not null) await session.SaveChangesAsync(token);
            return (IReadOnlyList<TResult>)answers;
        }, ct).AsTask();

    private static (LearnerTurn Turn, TResult Answer) Decide<TResult>(
        string learnerId, bool exists, LearnerSlice slice, LearnerConsequenceService.Context context, Func<LearnerTurn, TResult> decide)
    {
        var turn = new LearnerTurn(learnerId, exists, slice.Record, context);
        // What time alone changed since the stored states comes first, so the write's own decision starts from now.
        turn.AppendTimePassed(slice.Stale);
        return (turn, decide(turn));
    }

    /// <summary>Stream races, unique-key races, and the database being unavailable for a moment (<see cref="DatabaseFailures"/>): worth deciding again.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        OperationCanceledException => false,
        JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException
            or JasperFx.Events.ExistingStreamIdCollisionException or ExistingStreamIdCollisionException => true,
        PostgresException { SqlState: "23505" } => true,
        IOException => true,
        _ when DatabaseFailures.IsUnavailable(ex) => true,
        _ => ex.InnerException is not null && IsTransient(ex.InnerException),
    };
}

/// <summary>
/// One learner's turn inside a writer transaction: the record as it stands under the lock, what is in force, and the events
/// decided so far. <see cref="Append"/> adds what follows from each decision at once, so a later decision in the same turn
/// (the next item of a batch) sees it.
/// </summary>
public sealed class LearnerTurn
{
    internal LearnerTurn(string learnerId, bool exists, LearnerRecord record, LearnerConsequenceService.Context context)
    {
        LearnerId = learnerId;
        Exists = exists;
        State = record;
        Context = context;
    }

    public string LearnerId { get; }

    /// <summary>Whether the learner had a stream before this transaction.</summary>
    public bool Exists { get; }

    /// <summary>
    /// The learner's record as far as this write needs it (everything but the evidence, and the evidence the write named with
    /// all evidence on the competencies it bears on), with everything appended in this turn.
    /// </summary>
    public LearnerRecord State { get; private set; }

    /// <summary>The frameworks and recognitions in force, the time of the write and who made it.</summary>
    public LearnerConsequenceService.Context Context { get; }

    internal List<object> Pending { get; } = [];

    /// <summary>Appends the decided events and what follows from them; answers what followed.</summary>
    public IReadOnlyList<object> Append(IReadOnlyList<object> events)
    {
        if (events.Count == 0) return [];
        var following = Context.Decide(State, events);
        Add([.. events, .. following]);
        return following;
    }

    /// <summary>Appends what a framework's revision changes for this learner (states, awards, review flags).</summary>
    public IReadOnlyList<object> AppendRevision(Domain.Recognitions.FrameworkInForce previous, Domain.Recognitions.FrameworkInForce current)
    {
        var following = Context.DecideRevision(State, previous, current);
        Add(following);
        return following;
    }

    /// <summary>Appends what time alone changed on the competencies in <paramref name="heldThrough"/> (each with the last moment its stored state held).</summary>
    internal IReadOnlyList<object> AppendTimePassed(IReadOnlyDictionary<Guid, NodaTime.Instant> heldThrough)
    {
        if (heldThrough.Count == 0) return [];
        var following = Context.DecideTimePassed(State, heldThrough);
        Add(following);
        return following;
    }

    private void Add(IReadOnlyList<object> events)
    {
        State = LearnerRecordEvolution.ApplyAll(State, events);
        Pending.AddRange(events);
    }
}
