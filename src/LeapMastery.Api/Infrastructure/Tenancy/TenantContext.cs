using System.Security.Claims;
using LeapMastery.Api.Infrastructure.Auth;
using Marten;

namespace LeapMastery.Api.Infrastructure.Tenancy;

/// <summary>
/// The tenant of the current request. It comes from the access token only, never from a path, header or body.
/// </summary>
public sealed class TenantContext(IHttpContextAccessor accessor, IDocumentStore store)
{
    public string TenantId =>
        accessor.HttpContext?.User.FindFirstValue(ClaimNames.Tenant)
        ?? throw new InvalidOperationException("This route needs a tenant token; its endpoint must require a tenant scope.");

    public string ClientId => accessor.HttpContext?.User.FindFirstValue(ClaimNames.ClientId) ?? "unknown";

    /// <summary>A lightweight session scoped to the caller's tenant.</summary>
    public IDocumentSession OpenSession() => store.LightweightSession(TenantId);

    public IQuerySession QuerySession() => store.QuerySession(TenantId);
}
