using System.Security.Cryptography;

namespace LeapMastery.Api.Infrastructure.Auth;

/// <summary>
/// Client secrets are random, shown once, and stored only as a salted PBKDF2-SHA256 hash
/// (the framework's own implementation; no secret is ever stored or logged in clear).
/// </summary>
public static class ClientSecrets
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Generate() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewClientId(string prefix) => $"{prefix}-{Base64Url(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant()}";

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations))
            return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Compares two secrets in constant time (for the operator secret from configuration).</summary>
    public static bool EqualsConstantTime(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
