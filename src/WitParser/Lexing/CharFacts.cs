using System.Globalization;
using System.Text;

namespace WitTools.WitParser.Lexing;

/// <summary>Character classes and Rust-compatible character formatting used by the lexer's messages.</summary>
internal static class CharFacts
{
    /// <summary>Unicode scalar value at <paramref name="index"/> (a lone surrogate is returned as itself).</summary>
    public static int CodePointAt(string text, int index, out int length)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }
        length = 1;
        return c;
    }

    /// <summary>Approximation of Unicode XID_Start (letters and letter numbers).</summary>
    public static bool IsXidStart(int cp)
    {
        if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
        if (IsOtherIdStart(cp)) return true;
        switch (Category(cp))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Approximation of Unicode XID_Continue (XID_Start plus marks, digits and connectors).</summary>
    public static bool IsXidContinue(int cp)
    {
        if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        if (IsOtherIdStart(cp) || IsOtherIdContinue(cp)) return true;
        switch (Category(cp))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return false;
        }
    }

    private static UnicodeCategory Category(int cp)
    {
        if (cp >= 0xD800 && cp <= 0xDFFF) return UnicodeCategory.Surrogate;
        if (cp <= 0xFFFF) return CharUnicodeInfo.GetUnicodeCategory((char)cp);
        return cp > 0x10FFFF ? UnicodeCategory.OtherNotAssigned : CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(cp), 0);
    }

    // Unicode's Other_ID_Start / Other_ID_Continue (and ZWNJ/ZWJ, which ID_Continue gained in Unicode 15.1).
    private static bool IsOtherIdStart(int c) =>
        c == '\u1885' || c == '\u1886' || c == '\u2118' || c == '\u212E' || c == '\u309B' || c == '\u309C';

    private static bool IsOtherIdContinue(int c) =>
        c == '\u00B7' || c == '\u0387' || (c >= '\u1369' && c <= '\u1371') || c == '\u19DA' || c == '\u200C' || c == '\u200D' ||
        c == '\u30FB' || c == '\uFF65';

    /// <summary>Rust's <c>char::is_control</c> (general category Cc).</summary>
    public static bool IsControl(int cp) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);

    /// <summary>Rust's <c>{:?}</c> formatting of a char: quoted, with escapes for specials and non-printables.</summary>
    public static string RustDebug(int cp)
    {
        var sb = new StringBuilder("'");
        switch (cp)
        {
            case 0: sb.Append("\\0"); break;
            case '\t': sb.Append("\\t"); break;
            case '\r': sb.Append("\\r"); break;
            case '\n': sb.Append("\\n"); break;
            case '\'': sb.Append("\\'"); break;
            case '\\': sb.Append("\\\\"); break;
            default:
                if (IsPrintable(cp)) sb.Append(char.ConvertFromUtf32(cp));
                else sb.Append(RustEscapeUnicode(cp));
                break;
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>Rust's <c>char::escape_unicode</c>: <c>\u{hex}</c>.</summary>
    public static string RustEscapeUnicode(int cp) => "\\u{" + cp.ToString("x", CultureInfo.InvariantCulture) + "}";

    // Rust escapes control, format, private-use, unassigned, separator (except ' ') and grapheme-extending
    // characters in Debug output.
    private static bool IsPrintable(int cp)
    {
        if (cp >= 0x20 && cp < 0x7f) return true;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        switch (Category(cp))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
                return false;
            default:
                return true;
        }
    }
}
