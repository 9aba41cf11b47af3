using LeapMastery.Api.Learners;
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

public sealed class LearnerProgressReader(TenantContext tenant, TenantZone zones, IClock clock, FrameworkCatalog catalog)
{
    /// <summary>Resolves an already validated <c>asOf</c> value in the tenant's time zone; null means now.</summary>
    public async Task<(Instant AsOf, bool Historical)> ResolveAsOfAsync(string? asOf, CancellationToken ct)
    {
        if (asOf is null) return (clock.GetCurrentInstant(), false);
        AsOf.TryParse(asOf, await zones.ZoneAsync(ct), out var instant);
        return (instant, true);
    }

    public async Task<LearnerProgress> ReadAsync(string learnerId, Guid? frameworkId, string? asOf, CancellationToken ct)
    {
        var (at, historical) = await ResolveAsOfAsync(asOf, ct);
        return await ReadAtAsync(learnerId, frameworkId, at, historical, ct);
    }

    /// <summary>Progress as of <paramref name="at"/>; <paramref name="historical"/> false means "now" (no filtering, current framework versions).</summary>
    public async Task<LearnerProgress> ReadAtAsync(string learnerId, Guid? frameworkId, Instant at, bool historical, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var log = await session.LoadAsync<LearnerLog>(LearnerStreams.StreamId(tenant.TenantId, learnerId), ct);
        var record = log?.Record ?? LearnerRecord.Empty(learnerId);
        if (historical) record = record.AsOf(at);

        IReadOnlyList<FrameworkDocument> frameworks = frameworkId is { } only
            ? (await session.LoadAsync<FrameworkDocument>(only, ct)) is { } one ? [one] : []
            : await catalog.CurrentAsync(session, ct);

        var inForce = historical ? await FrameworksAtAsync(session, frameworks, at, ct) : frameworks;
        var results = inForce.Select(f => ProgressCalculator.ForFramework(record, f.Id, f.Version, f.Definition)).ToList();
        return new LearnerProgress(learnerId, at, record, results);
    }

    /// <summary>Each framework as it stood at <paramref name="at"/>; frameworks created later are left out.</summary>
    public static async Task<IReadOnlyList<FrameworkDocument>> FrameworksAtAsync(IQuerySession session, IEnumerable<FrameworkDocument> frameworks, Instant at, CancellationToken ct)
    {
        var result = new List<FrameworkDocument>();
        foreach (var framework in frameworks)
            if (await FrameworkHistory.AsOfAsync(session, framework.Id, at, ct) is { } then)
                result.Add(then);
        return result;
    }
}
