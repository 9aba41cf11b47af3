using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.ReportCards;

/// <summary>Everything a period's report cards share (the period, the zone, the frameworks in force at its end, the recognitions), loaded once.</summary>
public sealed class ReportCardSource(TenantContext tenant, TenantZone zones, FrameworkCatalog catalog)
{
    public sealed record Period(ReportingPeriod Definition, DateTimeZone Zone, IReadOnlyList<FrameworkDocument> Frameworks, IReadOnlyDictionary<Guid, RecognitionDocument> Recognitions)
    {
        public ReportCardResponse Card(string learnerId, LearnerRecord? record) =>
            ReportCards.Build(learnerId, record ?? LearnerRecord.Empty(learnerId), Definition, Zone, Frameworks, Recognitions);
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
        return new Period(period, zone, frameworks.OrderBy(f => f.Definition.Code, StringComparer.Ordinal).ToList(), recognitions);
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
