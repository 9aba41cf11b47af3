using JasperFx.Events;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Recognitions;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Changes;

/// <summary>
/// Reads a tenant's changes from the event store in sequence order, up to the safe horizon, so that a reader that pages
/// from cursor 0 sees every change exactly once, in order, even while writes continue.
/// </summary>
public sealed class ChangeFeed(ChangeFeedHorizon horizon)
{
    /// <summary>The events the feed serves, and the change types each can become.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> EventTypes = new Dictionary<Type, string[]>
    {
        [typeof(EvidenceRecorded)] = [ChangeTypes.EvidenceRecorded],
        [typeof(EvidenceCorrected)] = [ChangeTypes.EvidenceCorrected],
        [typeof(EvidenceRetracted)] = [ChangeTypes.EvidenceRetracted],
        [typeof(CompetencyStateChanged)] = [ChangeTypes.LevelChanged, ChangeTypes.MasteryReached, ChangeTypes.MasteryLost, ChangeTypes.MasteryLapsed],
        [typeof(RecognitionAwarded)] = [ChangeTypes.RecognitionAwarded],
        [typeof(RecognitionRevoked)] = [ChangeTypes.RecognitionRevoked],
        [typeof(RecognitionFlaggedForReview)] = [ChangeTypes.RecognitionFlaggedForReview],
    };

    // The names Marten stores those events under, derived from the types by Marten's own convention, so the list cannot
    // drift from the types. Renaming an event class would change its stored name and drop the events stored under the old
    // one: a test pins the names (ChangeFeedEventNameTests), so a rename has to bring an alias with it.
    private static readonly Dictionary<string, string[]> EventNames =
        EventTypes.ToDictionary(e => e.Key.GetEventTypeName(), e => e.Value, StringComparer.Ordinal);

    public async Task<ChangePage> ReadAsync(IQuerySession session, long after, int limit, IReadOnlySet<string>? types, CancellationToken ct) =>
        await ReadUpToAsync(session, after, await horizon.SafeHorizonAsync(session.Database, after, ct), limit, types, ct);

    /// <summary>Reads up to a horizon the caller took (one horizon serves many readers, e.g. every webhook in a dispatch pass).</summary>
    public async Task<ChangePage> ReadUpToAsync(IQuerySession session, long after, long upTo, int limit, IReadOnlySet<string>? types, CancellationToken ct)
    {
        var names = EventNames.Where(n => types is null || n.Value.Any(types.Contains)).Select(n => n.Key).ToArray();
        if (upTo <= after || names.Length == 0) return new ChangePage { NextCursor = Math.Max(after, upTo).ToString(), HasMore = false };

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= upTo && e.EventTypeName.IsOneOf(names))
            .OrderBy(e => e.Sequence)
            .Take(limit + 1)
            .ToListAsync(ct);

        var page = events.Take(limit).ToList();
        var learners = await LearnersAsync(session, page, ct);
        var items = page.Select(e => Map(e, learners)).Where(c => c is not null && (types is null || types.Contains(c.Type))).Select(c => c!).ToList();
        var hasMore = events.Count > limit;
        return new ChangePage
        {
            Items = items,
            NextCursor = (hasMore ? page[^1].Sequence : upTo).ToString(),
            HasMore = hasMore,
        };
    }

    /// <summary>The learners behind the page's streams (some events name the learner, some only their stream), and the retracted evidence.</summary>
    private static async Task<PageLearners> LearnersAsync(IQuerySession session, List<IEvent> page, CancellationToken ct)
    {
        var streams = page.Where(e => e.Data is EvidenceCorrected or EvidenceRetracted or RecognitionRevoked or RecognitionFlaggedForReview)
            .Select(e => e.StreamId).Distinct().ToArray();
        var retracted = page.Select(e => e.Data).OfType<EvidenceRetracted>().Select(x => x.EvidenceId).Distinct().ToArray();
        var names = streams.Length == 0 ? new Dictionary<Guid, string>()
            : (await session.Query<LearnerSummary>().Where(l => l.Id.IsOneOf(streams)).Select(l => new LearnerName(l.Id, l.LearnerId)).ToListAsync(ct))
                .ToDictionary(n => n.Id, n => n.LearnerId);
        var evidence = retracted.Length == 0 ? new Dictionary<Guid, LearnerEvidence>()
            : (await session.LoadManyAsync<LearnerEvidence>(ct, retracted)).ToDictionary(e => e.Id);
        return new PageLearners(names, evidence);
    }

    private sealed record PageLearners(Dictionary<Guid, string> Names, Dictionary<Guid, LearnerEvidence> Evidence);

    private sealed record LearnerName(Guid Id, string LearnerId);

    private static ChangeResponse? Map(IEvent e, PageLearners learners)
    {
        var change = new ChangeResponse
        {
            Cursor = e.Sequence.ToString(),
            Id = e.Id,
            RecordedAt = Instant.FromDateTimeOffset(e.Timestamp),
        };
        string LearnerOf() => learners.Names.GetValueOrDefault(e.StreamId) ?? "";
        switch (e.Data)
        {
            case EvidenceRecorded r:
                change.Type = ChangeTypes.EvidenceRecorded;
                change.LearnerId = r.LearnerId;
                change.Evidence = new EvidenceChange
                {
                    EvidenceId = r.EvidenceId, CompetencyIds = r.Alignments.Select(a => a.CompetencyId).Distinct().ToList(),
                    SourceSystem = r.SourceSystem, SourceId = r.SourceId, Modality = r.Modality, OccurredAt = r.OccurredAt,
                };
                break;
            case EvidenceCorrected c:
                change.Type = ChangeTypes.EvidenceCorrected;
                change.LearnerId = LearnerOf();
                change.Evidence = new EvidenceChange { EvidenceId = c.EvidenceId, CompetencyIds = c.Alignments.Select(a => a.CompetencyId).Distinct().ToList(), Reason = c.Reason };
                break;
            case EvidenceRetracted x:
                change.Type = ChangeTypes.EvidenceRetracted;
                change.LearnerId = LearnerOf();
                var entry = learners.Evidence.TryGetValue(x.EvidenceId, out var retracted) && retracted.LearnerStream == e.StreamId ? retracted.Entry : null;
                change.Evidence = new EvidenceChange
                {
                    EvidenceId = x.EvidenceId, Reason = x.Reason,
                    CompetencyIds = entry?.CurrentAlignments.Select(a => a.CompetencyId).Distinct().ToList() ?? [],
                };
                break;
            case CompetencyStateChanged s:
                change.Type = s.IsMastered && !s.WasMastered ? ChangeTypes.MasteryReached
                    : !s.IsMastered && s.WasMastered ? (s.IsLapsed ? ChangeTypes.MasteryLapsed : ChangeTypes.MasteryLost)
                    : ChangeTypes.LevelChanged;
                change.LearnerId = s.LearnerId;
                change.Competency = new CompetencyChange
                {
                    FrameworkId = s.FrameworkId, CompetencyId = s.CompetencyId, FromLevel = s.FromLevel, ToLevel = s.ToLevel,
                    WasMastered = s.WasMastered, Mastered = s.IsMastered,
                };
                break;
            case RecognitionAwarded a:
                change.Type = ChangeTypes.RecognitionAwarded;
                change.LearnerId = a.LearnerId;
                change.Recognition = new RecognitionChange { AwardId = a.AwardId, RecognitionId = a.RecognitionId, Manual = a.Manual };
                break;
            case RecognitionRevoked v:
                change.Type = ChangeTypes.RecognitionRevoked;
                change.LearnerId = LearnerOf();
                change.Recognition = new RecognitionChange { AwardId = v.AwardId, Reason = v.Reason };
                break;
            case RecognitionFlaggedForReview f:
                change.Type = ChangeTypes.RecognitionFlaggedForReview;
                change.LearnerId = LearnerOf();
                change.Recognition = new RecognitionChange { AwardId = f.AwardId, Reason = f.Reason };
                break;
            default:
                return null;
        }
        return change;
    }
}
