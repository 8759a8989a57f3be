namespace WitTools.WitParser.Lexing;

/// <summary>
/// WIT's kebab-case identifier rule: words separated by single '-', each word all-lowercase or all-uppercase
/// ASCII letters and digits, the first word starting with a letter. Messages are wit-parser's.
/// </summary>
public static class IdentifierRules
{
    /// <summary>Checks <paramref name="text"/>[start..start+length]; returns null when valid, else the message.</summary>
    public static string? Validate(string text, int start, int length)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text.Substring(start, length));
        return Validate(bytes, 0, bytes.Length);
    }

    public static string? Validate(string name) => Validate(name, 0, name.Length);

    /// <summary>Checks the UTF-8 bytes <paramref name="text"/>[start..start+length]; returns null when valid, else the
    /// message.</summary>
    internal static string? Validate(byte[] text, int start, int length)
    {
        if (length == 0) return "identifiers must have characters between '-'s";
        int end = start + length;
        int partIndex = 0;
        int i = start;
        while (true)
        {
            int partEnd = i;
            while (partEnd < end && text[partEnd] != '-') partEnd++;
            if (partEnd == i) return "identifiers must have characters between '-'s";
            byte first = text[i];
            if (partIndex == 0 && !((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')))
            {
                return InvalidChar(text, i);
            }
            int upper = -1; // -1 unknown, 0 lower, 1 upper
            for (int j = i; j < partEnd; j++)
            {
                byte c = text[j];
                if (c >= '0' && c <= '9') continue;
                if (c >= 'A' && c <= 'Z')
                {
                    if (upper == 0) return InvalidChar(text, j);
                    upper = 1;
                }
                else if (c >= 'a' && c <= 'z')
                {
                    if (upper == 1) return InvalidChar(text, j);
                    upper = 0;
                }
                else
                {
                    return InvalidChar(text, j);
                }
            }
            if (partEnd == end) return null;
            i = partEnd + 1;
            partIndex++;
            if (i == end) return "identifiers must have characters between '-'s";
        }
    }

    private static string InvalidChar(byte[] text, int index) =>
        "invalid character in identifier " + CharFacts.RustDebug(Text.Utf8Text.Decode(text, index, text.Length, out _));
}
