using System.Text;

namespace LeapMastery.Api.Infrastructure.Http;

/// <summary>One page of a cursor-paginated list. Pass <c>nextCursor</c> back as <c>cursor</c> for the next page; null means the end.</summary>
public sealed class Page<T>
{
    public List<T> Items { get; set; } = [];
    public string? NextCursor { get; set; }
}

/// <summary>Opaque cursors: clients must not parse them, so their encoding can change without breaking anyone.</summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The longest cursor accepted: the base64 of a 384-byte key.</summary>
    public const int MaxCursorLength = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string? cursor, out string? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        // A cursor this service issued encodes one key (an id or a code): never this long, always UTF-8, never a NUL.
        if (cursor.Length > MaxCursorLength) return false;
        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            var decoded = StrictUtf8.GetString(Convert.FromBase64String(s));
            if (decoded.Contains('\0')) return false;
            position = decoded;
            return true;
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return false;
        }
    }
}
