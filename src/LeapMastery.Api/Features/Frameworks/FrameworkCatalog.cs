using System.Collections.Concurrent;
using Marten;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>
/// The current version of each of a tenant's frameworks, kept in memory between requests. Every read asks the database
/// which versions are current (a narrow query) and loads only what changed, so a revision made on any node is seen at
/// once while the hot paths (recording evidence, reading progress) stop deserializing whole frameworks per request.
/// </summary>
public sealed class FrameworkCatalog
{
    private readonly ConcurrentDictionary<(string Tenant, Guid Id), FrameworkDocument> _cache = new();

    public async Task<IReadOnlyList<FrameworkDocument>> CurrentAsync(IQuerySession session, CancellationToken ct)
    {
        var versions = await session.Query<FrameworkDocument>()
            .OrderBy(f => f.Code)
            .Select(f => new FrameworkVersion(f.Id, f.Version))
            .ToListAsync(ct);
        var tenant = session.TenantId;
        var stale = versions.Where(v => !_cache.TryGetValue((tenant, v.Id), out var d) || d.Version != v.Version).Select(v => v.Id).ToList();
        if (stale.Count > 0)
            foreach (var doc in await session.LoadManyAsync<FrameworkDocument>(ct, stale))
                _cache[(tenant, doc.Id)] = doc;
        return versions.Select(v => _cache.TryGetValue((tenant, v.Id), out var d) ? d : null).OfType<FrameworkDocument>().ToList();
    }

    private sealed record FrameworkVersion(Guid Id, int Version);
}
