using System.Security.Cryptography;
using System.Text.Json;
using LeapMastery.Api.Infrastructure.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LeapMastery.Api.Features.Recognitions.Credential;

/// <summary>
/// The credential signed as a VC-JWT the way W3C's VC-JOSE-COSE secures a VC 2.0 credential: a compact JWS, ES256, whose
/// payload is the credential itself; the header says <c>typ: vc+jwt</c>, <c>cty: vc</c>, and its <c>kid</c> names the key
/// in the issuer's JWKS (the key's id is the issuer's id + <c>#key-1</c>).
/// </summary>
public static class CredentialJwt
{
    public const string MediaType = "application/vc+jwt";

    /// <summary>Whether the request asks for the signed form (<c>Accept: application/vc+jwt</c>).</summary>
    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));
    private static readonly JsonSerializerOptions Json = JsonSetup.CreateOptions();

    /// <summary>
    /// A VC-JWT as W3C's VC-JOSE-COSE describes for VC 2.0: the JWT claims set is the credential itself (no <c>vc</c> claim,
    /// no claims of its own beside it), the header says <c>typ: vc+jwt</c> and <c>cty: vc</c>, signed ES256 with the issuer's key.
    /// </summary>
    public static string Sign<TCredential>(TCredential credential, string issuerUrl, IssuerKey key, ECDsa privateKey)
    {
        // The private key lives for this one signature (the caller disposes it). IdentityModel caches a signature provider
        // per key id by default, which would outlive the key and fail the next signature with an ObjectDisposedException;
        // this key's factory caches nothing.
        var securityKey = new ECDsaSecurityKey(privateKey)
        {
            KeyId = IssuerKeys.KeyIdOf(key, issuerUrl),
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        var signing = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }
            .CreateToken(JsonSerializer.Serialize(credential, Json), signing, new Dictionary<string, object> { ["typ"] = "vc+jwt", ["cty"] = "vc" });
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
