namespace LeapMastery.Api.Infrastructure.Auth;

public static class ClaimNames
{
    public const string Tenant = "tenant";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
}
