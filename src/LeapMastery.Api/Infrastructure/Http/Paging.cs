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

    public static bool TryDecode(string? cursor, out string? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            position = Encoding.UTF8.GetString(Convert.FromBase64String(s));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
