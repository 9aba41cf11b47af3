using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LeapMastery.Api.Infrastructure.Auth;

public sealed record IssuedToken(string AccessToken, int ExpiresInSeconds, string Scope);

/// <summary>
/// Issues short-lived HMAC-signed JWT access tokens naming the client, its tenant and the granted scopes. Tokens live on
/// real time (the TimeProvider the bearer validation also uses), not on the domain clock.
/// </summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public static SymmetricSecurityKey SigningKey(AuthOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey));

    public IssuedToken Issue(string clientId, string? tenantId, IReadOnlyCollection<string> scopes)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(o.TokenLifetimeMinutes);
        var scope = string.Join(' ', scopes.OrderBy(s => s, StringComparer.Ordinal));
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, clientId),
            new(ClaimNames.ClientId, clientId),
            new(ClaimNames.Scope, scope),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (tenantId is not null) claims.Add(new Claim(ClaimNames.Tenant, tenantId));

        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey(o), SecurityAlgorithms.HmacSha256),
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return new IssuedToken(handler.CreateToken(descriptor), (int)lifetime.TotalSeconds, scope);
    }
}
