using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Api.Infrastructure.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LeapMastery.Api.Features.Recognitions.Credential;

/// <summary>
/// The credential signed as a VC-JWT, as Open Badges 3.0 allows (its "VC-JWT" proof format): a compact JWS, ES256, whose
/// payload holds the credential in <c>vc</c> and the registered claims <c>iss</c> (the issuer's id), <c>jti</c> (the
/// credential's id) and <c>nbf</c> (when it was issued); the header's <c>kid</c> names the key in the issuer's JWKS.
/// </summary>
public static class CredentialJwt
{
    public const string MediaType = "application/vc+jwt";
    private static readonly JsonSerializerOptions Json = JsonSetup.CreateOptions();

    public static string Sign(AchievementCredential credential, string issuerUrl, IssuerKey key, ECDsa privateKey)
    {
        var payload = new JsonObject
        {
            ["iss"] = credential.Issuer.Id,
            ["jti"] = credential.Id,
            ["nbf"] = credential.IssuanceDate.ToUnixTimeSeconds(),
            ["vc"] = JsonSerializer.SerializeToNode(credential, Json),
        };
        // The private key lives for this one signature (the caller disposes it). IdentityModel caches a signature provider
        // per key id by default, which would outlive the key and fail the next signature with an ObjectDisposedException;
        // this key's factory caches nothing.
        var securityKey = new ECDsaSecurityKey(privateKey)
        {
            KeyId = IssuerKeys.KeyIdOf(key, issuerUrl),
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        var signing = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), signing, new Dictionary<string, object> { ["typ"] = "JWT" });
    }
}

public static class IssuerUrls
{
    /// <summary>The issuer's public URL: <c>Credentials:PublicBaseUrl</c> when set (behind a proxy), else the request's own origin.</summary>
    public static string Of(HttpContext http, IConfiguration configuration, Guid issuerId)
    {
        var configured = configuration["Credentials:PublicBaseUrl"];
        var origin = string.IsNullOrWhiteSpace(configured) ? $"{http.Request.Scheme}://{http.Request.Host}" : configured.TrimEnd('/');
        return $"{origin}/v1/issuers/{issuerId}";
    }
}
