using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Progress;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Progress;

/// <summary>A learner's progress under each framework, now or as of a past moment (with the framework version in force then).</summary>
public sealed record LearnerProgress(string LearnerId, Instant AsOf, LearnerRecord Record, IReadOnlyList<FrameworkProgress> Frameworks)
{
    public (FrameworkProgress Framework, CompetencyProgress Competency)? Find(Guid competencyId) =>
        Frameworks.Select(f => (f, c: f.Find(competencyId))).Where(x => x.c is not null).Select(x => ((FrameworkProgress, CompetencyProgress)?)(x.f, x.c!)).FirstOrDefault();
}

public sealed class LearnerProgressReader(TenantContext tenant, IDocumentStore store, IClock clock, FrameworkCatalog catalog)
{
    /// <summary>Resolves an already validated <c>asOf</c> value in the tenant's time zone; null means now.</summary>
    public async Task<(Instant AsOf, bool Historical)> ResolveAsOfAsync(string? asOf, CancellationToken ct)
    {
        if (asOf is null) return (clock.GetCurrentInstant(), false);
        await using var platform = store.QuerySession();
        var settings = await platform.LoadAsync<TenantRecord>(tenant.TenantId, ct);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings?.TimeZone ?? "UTC") ?? DateTimeZone.Utc;
        AsOf.TryParse(asOf, zone, out var instant);
        return (instant, true);
    }

    public async Task<LearnerProgress> ReadAsync(string learnerId, Guid? frameworkId, string? asOf, CancellationToken ct)
    {
        var (at, historical) = await ResolveAsOfAsync(asOf, ct);
        await using var session = tenant.QuerySession();
        var log = await session.LoadAsync<LearnerLog>(LearnerStreams.StreamId(tenant.TenantId, learnerId), ct);
        var record = log?.Record ?? LearnerRecord.Empty(learnerId);
        if (historical) record = record.AsOf(at);

        IReadOnlyList<FrameworkDocument> frameworks = frameworkId is { } only
            ? (await session.LoadAsync<FrameworkDocument>(only, ct)) is { } one ? [one] : []
            : await catalog.CurrentAsync(session, ct);

        var results = new List<FrameworkProgress>();
        foreach (var framework in frameworks)
        {
            var inForce = historical
                ? await session.Events.AggregateStreamAsync<FrameworkDocument>(framework.Id, timestamp: at.ToDateTimeOffset(), token: ct)
                : framework;
            if (inForce is null) continue; // the framework did not exist yet
            results.Add(ProgressCalculator.ForFramework(record, inForce.Id, inForce.Version, inForce.Definition));
        }
        return new LearnerProgress(learnerId, at, record, results);
    }
}
