using LeapMastery.Api.Infrastructure.Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Clients;

public sealed class ClientResponse
{
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public Instant CreatedAt { get; set; }
    public bool Revoked { get; set; }
}

/// <summary>A newly created client. <c>clientSecret</c> is shown only in this answer; only its hash is stored.</summary>
public sealed class CreatedClientResponse
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public Instant CreatedAt { get; set; }
}

public static class ClientMapping
{
    public static ClientResponse ToResponse(ApiClient c) =>
        new() { ClientId = c.Id, Name = c.Name, Scopes = c.Scopes.ToList(), CreatedAt = c.CreatedAt, Revoked = c.Revoked };

    public static CreatedClientResponse ToCreated(ApiClient c, string secret) =>
        new() { ClientId = c.Id, ClientSecret = secret, Name = c.Name, Scopes = c.Scopes.ToList(), CreatedAt = c.CreatedAt };
}
