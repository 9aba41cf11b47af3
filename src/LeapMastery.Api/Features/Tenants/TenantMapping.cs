using LeapMastery.Api.Infrastructure.Marten;

namespace LeapMastery.Api.Features.Tenants;

public static class TenantMapping
{
    public static TenantResponse ToResponse(TenantRecord t) =>
        new() { TenantId = t.Id, Name = t.Name, TimeZone = t.TimeZone, CreatedAt = t.CreatedAt, Database = t.Database ?? TenancyOptions.PlatformDatabase };
}
