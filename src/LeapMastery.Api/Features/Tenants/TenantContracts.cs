using NodaTime;

namespace LeapMastery.Api.Features.Tenants;

public sealed class TenantResponse
{
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "";
    public Instant CreatedAt { get; set; }
    /// <summary>The database the tenant's data lives in: <c>main</c>, or one of the install's <c>Tenancy:Databases</c> (docs/operations.md).</summary>
    public string Database { get; set; } = "";
}
