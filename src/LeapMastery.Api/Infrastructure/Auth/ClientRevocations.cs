using System.Collections.Concurrent;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;
using Microsoft.Extensions.Options;

namespace LeapMastery.Api.Infrastructure.Auth;

/// <summary>
/// Whether a tenant client's tokens still count. Access tokens are self-contained, so a revoked client's tokens would work
/// until they expire; every authenticated request asks here instead, and a revocation takes effect on this node at once and on
/// every other node within <see cref="AuthOptions.RevocationCheckSeconds"/> (each node remembers a client's standing that long).
/// </summary>
public sealed class ClientRevocations(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (bool Revoked, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsRevokedAsync(string clientId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(clientId, out var known) && known.Until > now) return known.Revoked;
        await using var session = databases.PlatformQuery();
        var client = await session.LoadAsync<ApiClient>(clientId, ct);
        var revoked = client is null || client.Revoked;
        var until = now.AddSeconds(Math.Max(0, options.Value.RevocationCheckSeconds));
        // A read that started before a revocation on this node must not overwrite the revocation's permanent mark.
        _known.AddOrUpdate(clientId, (revoked, until), (_, current) => current.Revoked && current.Until == DateTimeOffset.MaxValue ? current : (revoked, until));
        if (_known.Count > 100_000) _known.Clear(); // a bound on memory; the standing is simply read again
        return revoked;
    }

    /// <summary>The client was just revoked here: refuse its tokens on this node from now on.</summary>
    public void Revoked(string clientId) => _known[clientId] = (true, DateTimeOffset.MaxValue);
}
