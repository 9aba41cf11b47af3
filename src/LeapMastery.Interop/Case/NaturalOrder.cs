namespace LeapMastery.Interop.Case;

/// <summary>
/// Compares coding schemes as people read them: runs of digits by value, so <c>6.RP.A.2</c> comes before <c>6.RP.A.10</c>
/// (ordinal order would put "10" first). Falls back to ordinal so that distinct strings never compare equal.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var xEnd = RunEnd(x, i);
                var yEnd = RunEnd(y, j);
                var xDigits = x[i..xEnd].TrimStart('0');
                var yDigits = y[j..yEnd].TrimStart('0');
                // Without leading zeros, the longer run is the larger number; equal lengths compare digit by digit.
                var byValue = xDigits.Length != yDigits.Length
                    ? xDigits.Length.CompareTo(yDigits.Length)
                    : string.CompareOrdinal(xDigits, yDigits);
                if (byValue != 0) return byValue;
                i = xEnd;
                j = yEnd;
            }
            else
            {
                var byChar = x[i].CompareTo(y[j]);
                if (byChar != 0) return byChar;
                i++;
                j++;
            }
        }
        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static int RunEnd(string s, int start)
    {
        var end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return end;
    }
}
