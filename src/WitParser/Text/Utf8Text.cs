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
    public static bool IsValid(byte[] bytes) => Check(bytes, out _);

    /// <summary>
    /// Whether the bytes are well-formed UTF-8, and (<paramref name="plainAscii"/>) whether they are only printable
    /// ASCII, tab, CR and LF: then the lexer need not look for the control and bidirectional codepoints wit-parser
    /// rejects. One pass, eight bytes at a time while the text is plain.
    /// </summary>
    public static unsafe bool Check(byte[] bytes, out bool plainAscii)
    {
        plainAscii = true;
        int n = bytes.Length;
        fixed (byte* start = bytes)
        {
            int i = 0;
            while (i < n)
            {
                while (i + 8 <= n && IsPlainAsciiWord(*(ulong*)(start + i))) i += 8;
                if (i >= n) break;
                byte b = start[i];
                if (b < 0x80)
                {
                    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) plainAscii = false;
                    i++;
                    continue;
                }
                plainAscii = false;
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
                byte first = start[i + 1];
                if (first < lo || first > hi) return false;
                for (int k = 2; k <= need; k++)
                {
                    if ((start[i + k] & 0xC0) != 0x80) return false;
                }
                i += need + 1;
            }
        }
        return true;
    }

    private const ulong Ones = 0x0101010101010101UL;
    private const ulong Highs = 0x8080808080808080UL;
    private const ulong Lows = 0x7F7F7F7F7F7F7F7FUL;

    /// <summary>Whether each of the eight bytes is printable ASCII (0x20..0x7E), tab, LF or CR. Exact per byte.</summary>
    public static bool IsPlainAsciiWord(ulong x)
    {
        if ((x & Highs) != 0) return false;
        // High bit of each byte of t is set iff that byte is >= 0x20 (no carries: bytes are < 0x80 here).
        ulong t = x + Ones * 0x60;
        ulong control = ~t & Highs;
        if (control != 0)
        {
            ulong allowed = EqualBytes(x, (byte)'\n') | EqualBytes(x, (byte)'\t') | EqualBytes(x, (byte)'\r');
            if ((control & ~allowed) != 0) return false;
        }
        return EqualBytes(x, 0x7F) == 0;
    }

    // The high bit of each byte equal to c (exact per byte, for bytes below 0x80).
    private static ulong EqualBytes(ulong x, byte c)
    {
        ulong y = x ^ (Ones * c);
        return ~(((y & Lows) + Lows) | y) & Highs;
    }
}
