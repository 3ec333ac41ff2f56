using System.Globalization;
using System.Text;

namespace Booking.Domain.Common;

/// <summary>Folds text for matching: case, accents, and runs of spaces or hyphens don't count ("Évry" = "evry").</summary>
public static class TextNormalizer
{
    public static string ForMatching(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSeparator = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '-' or '_' or '\'')
            {
                pendingSeparator = folded.Length > 0;
                continue;
            }

            if (pendingSeparator)
            {
                folded.Append(' ');
                pendingSeparator = false;
            }

            folded.Append(char.ToLowerInvariant(c));
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
