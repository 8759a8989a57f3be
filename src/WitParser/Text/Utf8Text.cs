namespace WitTools.WitParser.Text;

/// <summary>The few UTF-8 primitives the front end needs over raw bytes (netstandard2.0 has no spans).</summary>
internal static class Utf8Text
{
    /// <summary>Unicode's replacement character, returned for a malformed sequence.</summary>
    public const int Replacement = 0xFFFD;

    /// <summary>Length of the sequence starting at <paramref name="index"/>: 1 for ASCII and for malformed
    /// bytes, else 2–4 (never past <paramref name="end"/>).</summary>
    public static int SequenceLength(byte[] bytes, int index, int end)
    {
        byte b = bytes[index];
        if (b < 0x80) return 1;
        int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (need == 1 || index + need > end) return 1;
        for (int k = 1; k < need; k++)
        {
            if ((bytes[index + k] & 0xC0) != 0x80) return 1;
        }
        return need;
    }

    /// <summary>The code point at <paramref name="index"/> and its length in bytes; a malformed sequence is
    /// one byte long and decodes to U+FFFD.</summary>
    public static int Decode(byte[] bytes, int index, int end, out int length)
    {
        byte b = bytes[index];
        if (b < 0x80)
        {
            length = 1;
            return b;
        }
        length = SequenceLength(bytes, index, end);
        switch (length)
        {
            case 2: return ((b & 0x1F) << 6) | (bytes[index + 1] & 0x3F);
            case 3: return ((b & 0x0F) << 12) | ((bytes[index + 1] & 0x3F) << 6) | (bytes[index + 2] & 0x3F);
            case 4: return ((b & 0x07) << 18) | ((bytes[index + 1] & 0x3F) << 12) | ((bytes[index + 2] & 0x3F) << 6) | (bytes[index + 3] & 0x3F);
            default: return Replacement;
        }
    }

    /// <summary>Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).</summary>
    public static bool IsValid(byte[] bytes)
    {
        int i = 0;
        int n = bytes.Length;
        while (i < n)
        {
            // ASCII runs, eight bytes at a time where possible.
            while (i + 8 <= n && ((bytes[i] | bytes[i + 1] | bytes[i + 2] | bytes[i + 3] | bytes[i + 4] | bytes[i + 5] | bytes[i + 6] | bytes[i + 7]) & 0x80) == 0) i += 8;
            if (i >= n) break;
            byte b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }
            int need;
            byte lo = 0x80, hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) need = 1;
            else if (b >= 0xE0 && b <= 0xEF)
            {
                need = 2;
                if (b == 0xE0) lo = 0xA0;
                else if (b == 0xED) hi = 0x9F;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                need = 3;
                if (b == 0xF0) lo = 0x90;
                else if (b == 0xF4) hi = 0x8F;
            }
            else return false;
            if (i + need >= n) return false;
            byte first = bytes[i + 1];
            if (first < lo || first > hi) return false;
            for (int k = 2; k <= need; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80) return false;
            }
            i += need + 1;
        }
        return true;
    }
}
