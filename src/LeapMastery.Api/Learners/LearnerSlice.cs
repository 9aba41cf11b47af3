using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Progress;
using Marten;

namespace LeapMastery.Api.Learners;

/// <summary>What a write reads beyond the learner's summary, decided from the summary and what is in force.</summary>
public delegate LearnerReads LearnerReadsFor(LearnerRecord summary, LearnerConsequenceService.Context context);

/// <summary>
/// The evidence a write names (by id, or by its source key for idempotency) and the competencies it will touch. The writer
/// reads those, every competency they bear on with all of its evidence, and the competencies recognitions look at; a
/// decision that touches a competency not named is decided again with it, so naming is what keeps a write cheap, not correct.
/// Evidence a decision looks up by id must be named, or the decision sees it as unknown.
/// </summary>
public sealed record LearnerReads
{
    public IReadOnlyList<Guid> Evidence { get; init; } = [];
    /// <summary><see cref="LearnerEvidence.SourceKeyOf"/> of evidence that may already be recorded.</summary>
    public IReadOnlyList<string> SourceKeys { get; init; } = [];
    public IReadOnlyList<Guid> Competencies { get; init; } = [];
    /// <summary>Every competency of these frameworks the learner has a state for (a recomputation after a revision).</summary>
    public IReadOnlyList<Guid> WholeFrameworks { get; init; } = [];

    public static readonly LearnerReads None = new();

    public static LearnerReadsFor Of(LearnerReads reads) => (_, _) => reads;
}

/// <summary>
/// The part of a learner's stored state one write reads, and what it stores back in the same transaction: each piece of
/// evidence the write changed, and the state of each competency it touched.
/// </summary>
internal sealed class LearnerSlice
{
    private readonly Guid _stream;
    private readonly Dictionary<Guid, LearnerEvidence> _evidence;
    private readonly HashSet<Guid> _covered;

    private readonly IReadOnlyDictionary<Guid, LearnerCompetencyState> _stale;

    private LearnerSlice(Guid stream, LearnerRecord record, Dictionary<Guid, LearnerEvidence> evidence, HashSet<Guid> covered, IReadOnlyDictionary<Guid, LearnerCompetencyState> stale)
    {
        _stream = stream;
        Record = record;
        _evidence = evidence;
        _covered = covered;
        _stale = stale;
        Stale = stale.ToDictionary(x => x.Key, x => x.Value.ChangesAfter!.Value);
    }

    /// <summary>The learner's summary with the evidence read.</summary>
    public LearnerRecord Record { get; }

    /// <summary>
    /// The competencies read whose stored state time alone has changed since (docs/mastery.md §10: evidence left a recency window,
    /// mastery lapsed), with the last moment each stored state held. The writer decides what follows before the write's own
    /// decision, and stores them again.
    /// </summary>
    public IReadOnlyDictionary<Guid, NodaTime.Instant> Stale { get; }

    /// <summary>What one learner's write reads: their stream, their summary (read under the lock) and what the write names.</summary>
    public sealed record Request(Guid Stream, LearnerRecord Summary, LearnerReads Want);

    /// <summary>
    /// Reads the slices of several learners (a batch's, or one) in at most two round trips: the named evidence, the evidence
    /// with the named source keys and the named and recognition-relevant competency states, batched; then the states of the
    /// competencies the evidence found bears on. The rest of the evidence on those competencies comes from the states'
    /// observations (a recomputation reads it whole, a third round trip).
    /// </summary>
    public static async Task<Dictionary<Guid, LearnerSlice>> LoadAsync(IQuerySession session, IReadOnlyList<Request> learners, LearnerConsequenceService.Context context, CancellationToken ct)
    {
        var asked = learners.ToDictionary(l => l.Stream);
        var streams = asked.Keys.ToArray();
        var covered = learners.ToDictionary(l => l.Stream, l => l.Want.Competencies.Concat(context.CriteriaCompetencies).ToHashSet());
        var evidence = new Dictionary<Guid, LearnerEvidence>();
        var states = new Dictionary<Guid, LearnerCompetencyState>();

        var batch = session.CreateBatchQuery();
        var evidenceIds = learners.SelectMany(l => l.Want.Evidence).Distinct().ToArray();
        var named = evidenceIds.Length == 0 ? null : batch.LoadMany<LearnerEvidence>().ById(evidenceIds);
        var keys = learners.SelectMany(l => l.Want.SourceKeys).Distinct().ToArray();
        var bySource = keys.Length == 0 ? null : batch.Query<LearnerEvidence>().Where(e => e.LearnerStream.IsOneOf(streams) && e.SourceKey.IsOneOf(keys)).ToList();
        var stateIds = learners.SelectMany(l => covered[l.Stream].Select(c => LearnerCompetencyState.IdOf(l.Stream, c))).Distinct().ToArray();
        var namedStates = stateIds.Length == 0 ? null : batch.LoadMany<LearnerCompetencyState>().ById(stateIds);
        var frameworks = learners.SelectMany(l => l.Want.WholeFrameworks).Distinct().ToArray();
        var whole = frameworks.Length == 0 ? null : batch.Query<LearnerCompetencyState>().Where(x => x.LearnerStream.IsOneOf(streams) && x.FrameworkId.IsOneOf(frameworks)).ToList();
        var queued = named is not null || bySource is not null || namedStates is not null || whole is not null;
        if (queued) await batch.Execute(ct);

        foreach (var e in named is null ? [] : await named)
            if (asked.TryGetValue(e.LearnerStream, out var l) && l.Want.Evidence.Contains(e.Id)) evidence[e.Id] = e;
        foreach (var e in bySource is null ? [] : await bySource)
            if (asked.TryGetValue(e.LearnerStream, out var l) && e.SourceKey is { } key && l.Want.SourceKeys.Contains(key)) evidence[e.Id] = e;
        foreach (var x in namedStates is null ? [] : await namedStates) states[x.Id] = x;
        foreach (var x in whole is null ? [] : await whole)
            if (asked[x.LearnerStream].Want.WholeFrameworks.Contains(x.FrameworkId))
            {
                states[x.Id] = x;
                covered[x.LearnerStream].Add(x.CompetencyId);
            }

        // The competencies the evidence found bears on: their states, so the write sees those competencies whole.
        var more = evidence.Values.SelectMany(e => e.Competencies.Where(c => covered[e.LearnerStream].Add(c)).Select(c => LearnerCompetencyState.IdOf(e.LearnerStream, c)))
            .Where(id => !states.ContainsKey(id)).Distinct().ToArray();
        if (more.Length > 0)
            foreach (var x in await session.LoadManyAsync<LearnerCompetencyState>(ct, more)) states[x.Id] = x;

        // A recomputation reads every piece of evidence whole (a new scale may read a score differently); any other write takes
        // the rest of the evidence on its competencies from the states' observations, without reading the documents.
        var rest = states.Values.Where(x => asked[x.LearnerStream].Want.WholeFrameworks.Count > 0)
            .SelectMany(x => x.EvidenceIds.Select(id => (x.LearnerStream, id))).Where(x => !evidence.ContainsKey(x.id)).ToList();
        if (rest.Count > 0)
        {
            var owner = rest.GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.First().LearnerStream);
            foreach (var e in await session.LoadManyAsync<LearnerEvidence>(ct, owner.Keys))
                if (owner[e.Id] == e.LearnerStream) evidence[e.Id] = e;
        }

        var byLearner = evidence.Values.ToLookup(e => e.LearnerStream);
        var observed = states.Values.SelectMany(x => x.Observations.Select(o => (x.LearnerStream, Observation: o)))
            .Where(x => !evidence.ContainsKey(x.Observation.EvidenceId))
            .ToLookup(x => x.LearnerStream, x => x.Observation);
        return learners.ToDictionary(l => l.Stream, l =>
        {
            var standIns = observed[l.Stream].GroupBy(o => o.EvidenceId).Select(g => StoredObservation.Entry(l.Summary.LearnerId, g.ToList()));
            var record = l.Summary.WithEvidence(byLearner[l.Stream].Select(e => e.Entry).Concat(standIns));
            var stale = states.Values.Where(x => x.LearnerStream == l.Stream && x.ChangesAfter < context.Now).ToDictionary(x => x.CompetencyId);
            return new LearnerSlice(l.Stream, record, byLearner[l.Stream].ToDictionary(e => e.Id), covered[l.Stream], stale);
        });
    }

    /// <summary>Competencies the decided events touch (evidence looked up in the record after them) that this slice did not read.</summary>
    public IReadOnlyList<Guid> Missing(IReadOnlyList<object> pending, LearnerRecord after) =>
        pending.Count == 0 ? [] : Touched(pending, after).Where(c => !_covered.Contains(c)).ToList();

    /// <summary>Stores the evidence the events changed and the state of every competency they touched, as they now stand.</summary>
    public void Store(IDocumentSession session, string learnerId, LearnerRecord after, IReadOnlyList<object> pending, LearnerConsequenceService.Context context,
        IReadOnlyList<Guid> wholeFrameworks)
    {
        var recorded = pending.OfType<EvidenceRecorded>().Select(e => e.EvidenceId).ToHashSet();
        foreach (var id in pending.Select(ChangedEvidence).OfType<Guid>().Distinct())
        {
            if (after.Find(id) is not { } entry) continue;
            // Evidence known only from a state's observations is not whole: a write that changes evidence must name it.
            if (!_evidence.ContainsKey(id) && !recorded.Contains(id))
                throw new InvalidOperationException($"Evidence {id} was changed without being named in the write's reads.");
            var doc = LearnerEvidence.Of(_stream, learnerId, entry);
            _evidence[id] = doc;
            session.Store(doc);
        }

        var touched = Touched(pending, after);
        touched.UnionWith(Stale.Keys);
        foreach (var framework in wholeFrameworks)
            touched.UnionWith(_covered.Where(c => context.FrameworkOf(c)?.FrameworkId == framework));
        var feedback = new FeedbackTrail(after);
        var stored = new HashSet<Guid>();
        foreach (var group in touched.GroupBy(c => context.FrameworkOf(c)).Where(g => g.Key is not null))
        {
            var f = group.Key!;
            var progress = ProgressCalculator.ForFramework(after, f.FrameworkId, f.Version, f.Definition, context.Now);
            foreach (var competencyId in group)
                if (StateOf(_stream, progress, competencyId, after, feedback) is { } state)
                {
                    session.Store(state);
                    stored.Add(competencyId);
                }
        }
        // A stale state whose competency is in no framework in force is kept (a revision may bring the competency back, and its
        // observations find its evidence) but no longer due: nothing in force reads it.
        foreach (var (competencyId, state) in _stale)
            if (!stored.Contains(competencyId))
            {
                state.ChangesAfter = null;
                session.Store(state);
            }
    }

    /// <summary>
    /// A competency's state as stored: its answer under the framework's progress, and the observations of the evidence on it
    /// (<paramref name="feedback"/>: the trail of <paramref name="record"/>, built once for all the competencies a write stores).
    /// </summary>
    public static LearnerCompetencyState? StateOf(Guid stream, FrameworkProgress progress, Guid competencyId, LearnerRecord record, FeedbackTrail feedback)
    {
        if (progress.Find(competencyId) is not { } c) return null;
        var state = LearnerProgressResponse.State(progress, c, feedback);
        state.Placed = false;
        return new LearnerCompetencyState
        {
            Id = LearnerCompetencyState.IdOf(stream, competencyId), LearnerStream = stream, FrameworkId = progress.FrameworkId, CompetencyId = competencyId,
            Observations = record.Evidence.SelectMany(e => StoredObservation.Of(e, competencyId)).ToList(),
            State = state,
            ChangesAfter = c.Result.ChangesAfter,
        };
    }

    /// <summary>Every competency a piece of evidence was ever aligned to.</summary>
    public static IEnumerable<Guid> CompetenciesOf(EvidenceEntry e) =>
        e.Recorded.Alignments.Select(a => a.CompetencyId).Concat(e.Corrections.SelectMany(c => c.Alignments.Select(a => a.CompetencyId))).Distinct();

    private static Guid? ChangedEvidence(object e) => e switch
    {
        EvidenceRecorded x => x.EvidenceId,
        EvidenceCorrected x => x.EvidenceId,
        EvidenceRetracted x => x.EvidenceId,
        EvidenceValidated x => x.EvidenceId,
        _ => null,
    };

    /// <summary>The competencies whose state the events may change (evidence looked up in the record after them).</summary>
    private static HashSet<Guid> Touched(IReadOnlyList<object> pending, LearnerRecord after)
    {
        var touched = new HashSet<Guid>();
        foreach (var e in pending)
        {
            Guid? evidenceId = e switch
            {
                FeedbackGiven { EvidenceId: { } id } => id,
                FeedbackGiven { AttemptId: { } attempt } => after.FindAttempt(attempt)?.Scored?.EvidenceId,
                _ => ChangedEvidence(e),
            };
            if (evidenceId is { } found && after.Find(found) is { } entry) touched.UnionWith(CompetenciesOf(entry));
        }
        return touched;
    }
}
