using LeapMastery.Api.Infrastructure.Marten;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Infrastructure.Tenancy;

/// <summary>The tenant's IANA time zone, in which local dates (as-of dates, reporting periods) are read.</summary>
public sealed class TenantZone(TenantContext tenant, LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases)
{
    public async Task<DateTimeZone> ZoneAsync(CancellationToken ct)
    {
        await using var session = databases.PlatformQuery();
        var record = await session.LoadAsync<TenantRecord>(tenant.TenantId, ct);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(record?.TimeZone ?? "UTC") ?? DateTimeZone.Utc;
    }
}
