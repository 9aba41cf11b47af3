using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Groups;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.ReportCards;

/// <summary>Everything a period's report cards share (the period, the zone, the frameworks in force at its end, the recognitions), loaded once.</summary>
public sealed class ReportCardSource(TenantContext tenant, TenantZone zones, FrameworkCatalog catalog, IClock clock)
{
    /// <summary>A period as its cards need it; <c>Now</c> is when the cards are made (an open period's cards apply recency and expiry as of then, not as of the period's end to come).</summary>
    public sealed record Period(ReportingPeriod Definition, DateTimeZone Zone, IReadOnlyList<FrameworkDocument> Frameworks, IReadOnlyDictionary<Guid, RecognitionDocument> Recognitions, Instant Now)
    {
        public ReportCardResponse Card(string learnerId, LearnerRecord? record) =>
            ReportCards.Build(learnerId, record ?? LearnerRecord.Empty(learnerId), Definition, Zone, Frameworks, Recognitions, Now);
    }

    public async Task<Period?> LoadAsync(Guid periodId, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var period = await session.LoadAsync<ReportingPeriod>(periodId, ct);
        if (period is null) return null;
        var zone = await zones.ZoneAsync(ct);
        var end = PeriodClock.End(period, zone) - Duration.Epsilon;
        var frameworks = await LearnerProgressReader.FrameworksAtAsync(session, await catalog.CurrentAsync(session, ct), end, ct);
        var recognitions = (await session.Query<RecognitionDocument>().ToListAsync(ct)).ToDictionary(r => r.Id);
        return new Period(period, zone, frameworks.OrderBy(f => f.Definition.Code, StringComparer.Ordinal).ToList(), recognitions, clock.GetCurrentInstant());
    }

    /// <summary>
    /// The group's members in learner-id order (the roster endpoint sorts them), or null when the tenant has no such group. A
    /// list stored before members were checked may hold null or blank entries: they are not learners, and never stop the
    /// others' report cards.
    /// </summary>
    public async Task<IReadOnlyList<string>?> MembersAsync(string groupId, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        return (await session.LoadAsync<GroupDocument>(groupId, ct))?.Members.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
    }

    /// <summary>A group's members and a period, or the 404 that names which one the tenant lacks.</summary>
    public async Task<(IReadOnlyList<string> Members, Period Period, IResult? NotFound)> GroupPeriodAsync(string groupId, Guid periodId, CancellationToken ct)
    {
        var members = await MembersAsync(groupId, ct);
        if (members is null) return ([], null!, Problems.NotFound($"No group {groupId} in this tenant."));
        var period = await LoadAsync(periodId, ct);
        return period is null ? (members, null!, Problems.NotFound($"No reporting period {periodId} in this tenant.")) : (members, period, null);
    }

    /// <summary>The members after an already validated <paramref name="cursor"/>, at most <paramref name="limit"/> (default 50), and the next page's cursor.</summary>
    public static (IReadOnlyList<string> Members, string? NextCursor) PageOf(IReadOnlyList<string> members, string? cursor, int? limit)
    {
        Cursor.TryDecode(cursor, out var after);
        var size = limit ?? 50;
        var page = members.Where(m => after is null || string.CompareOrdinal(m, after) > 0).Take(size + 1).ToList();
        return (page.Take(size).ToList(), page.Count > size ? Cursor.Encode(page[size - 1]) : null);
    }

    /// <summary>Learners' records by learner id, loaded in one round trip.</summary>
    public async Task<Dictionary<string, LearnerRecord>> RecordsAsync(IReadOnlyCollection<string> learnerIds, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var ids = learnerIds.ToDictionary(l => LearnerStreams.StreamId(tenant.TenantId, l), l => l);
        var records = await session.ManyAsync(ids.Keys, ct);
        return records.ToDictionary(r => ids[r.Key], r => r.Value);
    }
}
