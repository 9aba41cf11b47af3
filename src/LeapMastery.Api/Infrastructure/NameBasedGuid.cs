using System.Security.Cryptography;
using System.Text;

namespace LeapMastery.Api.Infrastructure;

/// <summary>
/// A UUID derived from a name (SHA-256, version 8 "custom" per RFC 9562): the same name gives the same id on every node,
/// so writers find the same stream, document or delivery without a lookup.
/// </summary>
public static class NameBasedGuid
{
    public static Guid Create(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
