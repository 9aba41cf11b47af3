using NodaTime;

namespace LeapMastery.Api.Infrastructure.Marten;

/// <summary>A district. Platform-level (not tenanted): the operator lists tenants, and token issuance looks clients up before a tenant is known.</summary>
public sealed class TenantRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>IANA time zone id: report-card periods and "as of a date" are read in it.</summary>
    public string TimeZone { get; set; } = "UTC";
    public Instant CreatedAt { get; set; }
    /// <summary>The database the tenant's data lives in (<c>main</c> in a single-database install; absent in records of earlier releases, which are all there).</summary>
    public string? Database { get; set; }
}

/// <summary>An OAuth client of one tenant. Only a salted hash of its secret is kept.</summary>
public sealed class ApiClient
{
    public string Id { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public Instant CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public bool Revoked { get; set; }
}
