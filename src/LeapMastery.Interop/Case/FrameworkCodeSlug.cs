using System.Globalization;
using System.Text;

namespace LeapMastery.Interop.Case;

/// <summary>
/// A framework code from a document title: "What Standards Could Be" → <c>what-standards-could-be</c>. Fits the API's
/// framework code rule (letters, digits, '.', '_', '-'; at most 100 characters).
/// </summary>
internal static class FrameworkCodeSlug
{
    public const int MaxLength = 100;

    public static string From(string title, string documentIdentifier)
    {
        var slug = new StringBuilder(title.Length);
        // Decomposing first turns "é" into "e" + an accent, so accented titles keep their letters.
        foreach (var ch in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsAsciiLetterOrDigit(ch))
                slug.Append(char.ToLowerInvariant(ch));
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var code = slug.ToString();
        if (code.Length > MaxLength)
            code = code[..MaxLength];
        code = code.Trim('-');
        // A title of only symbols or another script still needs a code; the document's own id is stable across exports.
        return code.Length > 0 ? code : $"case-{CaseIdentifiers.Short(documentIdentifier)}";
    }
}
