using System.Globalization;
using System.Text;

namespace Booking.Domain.Common;

/// <summary>
/// Folds text for matching, so that what people type finds what was written ("L’Haÿ-les-Roses" = "l'hay les roses").
/// Case and accents don't count; compatibility forms are their plain letters (full-width "ＰＡＲＩＳ" = "paris",
/// "ﬁ" = "fi"), and so are the ligatures and letters Latin keyboards lack ("œ" = "oe", "æ" = "ae", "ß" = "ss",
/// "ø" = "o", "ł" = "l", "đ" = "d", "ı" = "i"). Every apostrophe, dash, hyphen, underscore and space (no-break and
/// narrow ones too), alone or in a run, is one separator, so a hyphen, a non-breaking hyphen and a space match alike;
/// separators at either end are dropped. Invisible format characters (soft hyphen, zero-width space) are dropped.
/// Directory partitions and specialty keys are stored folded: a change here leaves what is stored under the old
/// folding until it is filed again (docs/data-model.md, "Search keys").
/// </summary>
public static class TextNormalizer
{
    public static string ForMatching(string text)
    {
        // NFKD: compatibility forms become their plain characters and accents come apart from their letters.
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSeparator = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (IsSeparator(c, category))
            {
                pendingSeparator = folded.Length > 0;
                continue;
            }

            if (pendingSeparator)
            {
                folded.Append(' ');
                pendingSeparator = false;
            }

            AppendLetter(folded, char.ToLowerInvariant(c));
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsSeparator(char c, UnicodeCategory category) =>
        char.IsWhiteSpace(c)
        || category == UnicodeCategory.DashPunctuation // '-', U+2010 hyphen (and U+2011, which NFKD makes one), U+2012–U+2015 dashes
        || c is '_' or '\u2212' // minus sign
            or '\'' or '`' or '\u2018' or '\u2019' or '\u201B' or '\u02BC' or '\u00B4' or '\u2032'; // apostrophes, quotes and primes typed for them

    private static void AppendLetter(StringBuilder folded, char lower)
    {
        switch (lower)
        {
            case 'œ': folded.Append("oe"); break;
            case 'æ': folded.Append("ae"); break;
            case 'ß': folded.Append("ss"); break;
            case 'ø': folded.Append('o'); break;
            case 'ł': folded.Append('l'); break;
            case 'đ': folded.Append('d'); break;
            case 'ı': folded.Append('i'); break;
            default: folded.Append(lower); break;
        }
    }
}
