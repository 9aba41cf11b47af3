using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
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
        var record = await session.WholeRecordAsync(tenant.TenantId, learnerId, ct);
        var frameworks = await FrameworksAsync(session, frameworkId, ct);
        return historical ? await AsOfAsync(session, learnerId, record, frameworks, at, ct) : Of(learnerId, at, record, frameworks);
    }

    /// <summary>
    /// Progress now and as of each of <paramref name="moments"/> (under the framework versions in force then), from one read
    /// of the learner's record (the moments are taken from it): a CLR needs the learner's standing today and at each award.
    /// </summary>
    public async Task<(LearnerProgress Now, IReadOnlyDictionary<Instant, LearnerProgress> At)> ReadNowAndAtAsync(
        string learnerId, Func<LearnerRecord, IEnumerable<Instant>> moments, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var record = await session.WholeRecordAsync(tenant.TenantId, learnerId, ct);
        var frameworks = await FrameworksAsync(session, null, ct);
        var at = new Dictionary<Instant, LearnerProgress>();
        foreach (var moment in moments(record).Distinct())
            at[moment] = await AsOfAsync(session, learnerId, record, frameworks, moment, ct);
        return (Of(learnerId, clock.GetCurrentInstant(), record, frameworks), at);
    }

    /// <summary>Progress from what was recorded by <paramref name="at"/>, under the framework versions in force then.</summary>
    private static async Task<LearnerProgress> AsOfAsync(IQuerySession session, string learnerId, LearnerRecord record,
        IEnumerable<FrameworkDocument> frameworks, Instant at, CancellationToken ct) =>
        Of(learnerId, at, record.AsOf(at), await FrameworksAtAsync(session, frameworks, at, ct));

    private static LearnerProgress Of(string learnerId, Instant at, LearnerRecord record, IEnumerable<FrameworkDocument> frameworks) =>
        new(learnerId, at, record, frameworks.Select(f => ProgressCalculator.ForFramework(record, f.Id, f.Version, f.Definition, at)).ToList());

    /// <summary>
    /// The learner's progress now, served from the stored state of each competency (kept current by every write). A framework
    /// revised since a state was stored (its recomputation has not reached the learner yet), or with a state that time alone
    /// has changed since (a lapse the sweep has not written yet), is computed from the learner's evidence on it, so the answer
    /// is always the one the current version gives now.
    /// </summary>
    public async Task<LearnerProgressResponse> ReadStoredAsync(string learnerId, Guid? frameworkId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var session = tenant.QuerySession();
        var stream = LearnerStreams.StreamId(tenant.TenantId, learnerId);
        var summary = (await session.LoadAsync<LearnerSummary>(stream, ct))?.Record ?? LearnerRecord.Empty(learnerId);
        var frameworks = await FrameworksAsync(session, frameworkId, ct);
        var query = session.Query<LearnerCompetencyState>().Where(s => s.LearnerStream == stream);
        if (frameworkId is { } only) query = query.Where(s => s.FrameworkId == only);
        // Only the stored answer of each competency is read (and until when it holds), not the observations a write recomputes it from.
        var states = (await query.Select(s => new StoredAnswer { State = s.State, ChangesAfterUnixMs = s.ChangesAfterUnixMs }).ToListAsync(ct)).ToLookup(s => s.State.FrameworkId);

        var answer = new LearnerProgressResponse { LearnerId = learnerId, AsOf = now };
        foreach (var f in frameworks)
        {
            var stored = states[f.Id].ToDictionary(s => s.State.CompetencyId, s => s.State);
            // A revised framework, or a state that time alone has changed since (docs/mastery.md §10, before the lapse sweep reaches it).
            if (states[f.Id].Any(s => s.State.FrameworkVersion != f.Version || s.ChangesAfterUnixMs < now.ToUnixTimeMilliseconds()))
            {
                var evidenceIds = (await session.Query<LearnerCompetencyState>().Where(s => s.LearnerStream == stream && s.FrameworkId == f.Id).ToListAsync(ct))
                    .SelectMany(s => s.EvidenceIds);
                var record = await session.WithEvidenceAsync(new LearnerSummary { Id = stream, Record = summary }, evidenceIds, ct);
                answer.Frameworks.Add(LearnerProgressResponse.From(ProgressCalculator.ForFramework(record, f.Id, f.Version, f.Definition, now), record));
                continue;
            }
            answer.Frameworks.Add(LearnerProgressResponse.FromStored(ProgressCalculator.ForFramework(summary, f.Id, f.Version, f.Definition, now), stored));
        }
        await AttachGoalsAsync(answer, summary, frameworks.ToDictionary(f => f.Id, f => f.Definition), now, ct);
        return answer;
    }

    /// <summary>The answer for progress read as of a moment (<see cref="ReadAsync"/>), with the goals in force then as they stood that day.</summary>
    public async Task<LearnerProgressResponse> RespondAsync(LearnerProgress progress, CancellationToken ct)
    {
        var answer = new LearnerProgressResponse
        {
            LearnerId = progress.LearnerId,
            AsOf = progress.AsOf,
            Frameworks = progress.Frameworks.Select(f => LearnerProgressResponse.From(f, progress.Record)).ToList(),
        };
        await AttachGoalsAsync(answer, progress.Record, progress.Frameworks.ToDictionary(f => f.FrameworkId, f => f.Framework), progress.AsOf, ct);
        return answer;
    }

    /// <summary>The learner's goals in force, as they stand on the day of <paramref name="at"/> in the tenant's zone (looked up only for a learner with goals: progress reads are hot).</summary>
    private async Task AttachGoalsAsync(LearnerProgressResponse answer, LearnerRecord record, IReadOnlyDictionary<Guid, Domain.Frameworks.FrameworkDefinition> frameworks,
        Instant at, CancellationToken ct)
    {
        if (!record.AllGoals.Any(g => g.IsActive)) return;
        Goals.GoalResponse.Attach(answer, record, frameworks, at.InZone(await zones.ZoneAsync(ct)).Date);
    }

    private sealed class StoredAnswer
    {
        public CompetencyStateResponse State { get; set; } = new();
        public long? ChangesAfterUnixMs { get; set; }
    }

    private async Task<IReadOnlyList<FrameworkDocument>> FrameworksAsync(IQuerySession session, Guid? frameworkId, CancellationToken ct) =>
        frameworkId is { } only
            ? (await session.LoadAsync<FrameworkDocument>(only, ct)) is { } one ? [one] : []
            : await catalog.CurrentAsync(session, ct);

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
