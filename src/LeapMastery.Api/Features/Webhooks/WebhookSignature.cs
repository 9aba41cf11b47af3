using System.Security.Cryptography;
using System.Text;

namespace LeapMastery.Api.Features.Webhooks;

/// <summary>
/// Signatures as the Standard Webhooks specification defines them (https://www.standardwebhooks.com): HMAC-SHA256, keyed
/// with the base64-decoded part of the <c>whsec_</c> secret, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as
/// <c>webhook-signature: v1,{base64}</c>. The timestamp (Unix seconds) lets a receiver refuse replays.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }

    public static bool IsSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var span = new Span<byte>(new byte[secret.Length]);
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], span, out var n) && n is >= 24 and <= 64;
    }
}
