using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Tenants;

public sealed record ProvisionedTenant(TenantRecord Tenant, ApiClient AdminClient, string AdminClientSecret);

/// <summary>Creates a district and its first admin client; shared by the operator endpoint and the demo seed.</summary>
public static class TenantProvisioning
{
    /// <summary>
    /// Places the tenant (<paramref name="database"/>, or the placement rule when null: <see cref="TenantDatabases.PlaceAsync"/>)
    /// and then stores it with its client in the platform database; null when the tenant exists already.
    /// </summary>
    public static async Task<ProvisionedTenant?> CreateAsync(TenantDatabases databases, string tenantId, string name, string timeZone,
        Instant now, string createdBy, string? database = null, string? adminClientId = null, string? adminClientSecret = null, CancellationToken ct = default)
    {
        await using var session = databases.PlatformSession();
        if (await session.LoadAsync<TenantRecord>(tenantId, ct) is not null) return null;
        var placed = await databases.PlaceAsync(tenantId, database, ct);
        var tenant = new TenantRecord { Id = tenantId, Name = name, TimeZone = timeZone, CreatedAt = now, Database = placed };
        var secret = adminClientSecret ?? ClientSecrets.Generate();
        var client = new ApiClient
        {
            Id = adminClientId ?? ClientSecrets.NewClientId(tenantId),
            TenantId = tenantId,
            Name = $"{name} administrator",
            SecretHash = ClientSecrets.Hash(secret),
            Scopes = ApiScopes.TenantScopes.ToList(),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        // Insert, not Store: a concurrent create of the same tenant fails on the primary key instead of overwriting.
        session.Insert(tenant);
        session.Insert(client);
        await session.SaveChangesAsync(ct);
        return new ProvisionedTenant(tenant, client, secret);
    }
}
