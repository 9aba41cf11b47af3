using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LeapMastery.Api.Infrastructure.Auth;

/// <summary>
/// Secrets the service must keep and use (credential-signing private keys, webhook signing secrets) are stored encrypted:
/// AES-256-GCM under a key derived (HKDF-SHA256) from <c>Auth:SigningKey</c>, a purpose and the owner's id, so a database
/// dump alone reveals none of them. Stored as base64 of nonce ‖ tag ‖ ciphertext. Changing <c>Auth:SigningKey</c> makes
/// them unreadable (docs/operations.md).
/// </summary>
public sealed class SecretsAtRest(IOptions<AuthOptions> auth)
{
    public string Encrypt(string purpose, Guid owner, byte[] plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(KeyOf(purpose, owner), 16)) aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public byte[] Decrypt(string purpose, Guid owner, string stored)
    {
        var all = Convert.FromBase64String(stored);
        var plain = new byte[all.Length - 28];
        using var aes = new AesGcm(KeyOf(purpose, owner), 16);
        aes.Decrypt(all[..12], all[28..], all[12..28], plain);
        return plain;
    }

    public string EncryptText(string purpose, Guid owner, string text) => Encrypt(purpose, owner, Encoding.UTF8.GetBytes(text));

    public string DecryptText(string purpose, Guid owner, string stored) => Encoding.UTF8.GetString(Decrypt(purpose, owner, stored));

    private byte[] KeyOf(string purpose, Guid owner) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(auth.Value.SigningKey), 32, Encoding.UTF8.GetBytes(purpose), owner.ToByteArray());
}
