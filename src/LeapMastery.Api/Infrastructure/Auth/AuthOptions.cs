namespace LeapMastery.Api.Infrastructure.Auth;

/// <summary>Bound from the "Auth" configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC-SHA256 signing key for access tokens; at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "leap-mastery";
    public string Audience { get; set; } = "leap-mastery-api";
    public int TokenLifetimeMinutes { get; set; } = 15;

    /// <summary>How long a node trusts what it last read of a client's standing: a revoked client's tokens stop working within this many seconds on every node.</summary>
    public int RevocationCheckSeconds { get; set; } = 5;

    /// <summary>The platform operator's client (creates tenants); outside every tenant. Empty id disables it.</summary>
    public string OperatorClientId { get; set; } = "";
    public string OperatorClientSecret { get; set; } = "";
}
