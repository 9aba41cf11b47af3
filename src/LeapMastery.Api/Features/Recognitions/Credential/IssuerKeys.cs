using System.Security.Cryptography;
using System.Text;
using LeapMastery.Api.Infrastructure.Auth;
using Marten;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Credential;

/// <summary>A tenant's credential-signing key (ECDSA P-256, ES256). The private key is kept encrypted (AES-GCM, key derived from the service's signing secret).</summary>
public sealed class IssuerKey
{
    /// <summary>The issuer's public id (a name-based UUID of the tenant, so the tenant id itself is not published).</summary>
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public string KeyId { get; set; } = "";
    /// <summary>Public key: P-256 coordinates, base64url.</summary>
    public string X { get; set; } = "";
    public string Y { get; set; } = "";
    /// <summary>PKCS#8 private key, AES-GCM encrypted: nonce ‖ tag ‖ ciphertext, base64.</summary>
    public string EncryptedPrivateKey { get; set; } = "";
    public Instant CreatedAt { get; set; }
}

public sealed class IssuerKeys(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, SecretsAtRest secrets, IClock clock)
{
    public static Guid IssuerIdOf(string tenantId) => CredentialBuilder.NameBased("issuer", tenantId);

    /// <summary>The tenant's key, made on first use (two first uses at once: one insert wins, the other reads it).</summary>
    public async Task<IssuerKey> ForTenantAsync(string tenantId, CancellationToken ct)
    {
        var id = IssuerIdOf(tenantId);
        await using (var query = databases.PlatformQuery())
            if (await query.LoadAsync<IssuerKey>(id, ct) is { } found) return found;

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(false);
        var key = new IssuerKey
        {
            Id = id, TenantId = tenantId, KeyId = "key-1", X = Base64UrlEncoder.Encode(p.Q.X), Y = Base64UrlEncoder.Encode(p.Q.Y),
            EncryptedPrivateKey = Encrypt(id, ecdsa.ExportPkcs8PrivateKey()), CreatedAt = clock.GetCurrentInstant(),
        };
        try
        {
            await using var session = databases.PlatformSession();
            session.Insert(key);
            await session.SaveChangesAsync(ct);
            return key;
        }
        catch (Exception ex) when (Infrastructure.Problems.ProblemDetailsSetup.IsUniqueViolation(ex))
        {
            await using var query = databases.PlatformQuery();
            return (await query.LoadAsync<IssuerKey>(id, ct))!;
        }
    }

    public async Task<IssuerKey?> FindAsync(Guid issuerId, CancellationToken ct)
    {
        await using var query = databases.PlatformQuery();
        return await query.LoadAsync<IssuerKey>(issuerId, ct);
    }

    /// <summary>The credential signed as a VC-JWT with the issuer's key, which lives only for this signature.</summary>
    public string SignJwt<TCredential>(TCredential credential, string issuerUrl, IssuerKey key)
    {
        using var privateKey = PrivateKey(key);
        return CredentialJwt.Sign(credential, issuerUrl, key, privateKey);
    }

    private ECDsa PrivateKey(IssuerKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Decrypt(key.Id, key.EncryptedPrivateKey), out _);
        return ecdsa;
    }

    /// <summary>The key id a signed credential's header names: the key's place in its issuer's JWKS.</summary>
    public static string KeyIdOf(IssuerKey key, string issuerUrl) => $"{issuerUrl}#{key.KeyId}";

    public static Issuer.PublicJwk PublicJwk(IssuerKey key, string issuerUrl) => new()
    {
        Kty = "EC", Crv = "P-256", X = key.X, Y = key.Y, Use = "sig", Alg = SecurityAlgorithms.EcdsaSha256, Kid = KeyIdOf(key, issuerUrl),
    };

    /// <summary>The HKDF purpose of the issuer keys' encryption (unchanged since keys were first stored).</summary>
    private const string Purpose = "leapmastery credential keys";

    private string Encrypt(Guid issuerId, byte[] plain) => secrets.Encrypt(Purpose, issuerId, plain);

    private byte[] Decrypt(Guid issuerId, string stored) => secrets.Decrypt(Purpose, issuerId, stored);
}
