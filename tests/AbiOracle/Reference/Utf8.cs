namespace WitTools.AbiOracle.Reference;

/// <summary>
/// Strict UTF-8 validation reporting the first error as Rust's <c>Utf8Error</c> prints it (Wasmtime's trap
/// text): <c>invalid utf-8 sequence of N bytes from index I</c>, N being how many bytes of the broken sequence
/// were valid before the bad byte (at least 1), or <c>incomplete utf-8 byte sequence from index I</c> when the
/// input ends inside an otherwise valid sequence.
/// </summary>
internal static class Utf8
{
    public static string? FindError(byte[] bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var first = bytes[i];
            if (first < 0x80)
            {
                i++;
                continue;
            }
            int width;
            byte low = 0x80, high = 0xBF; // allowed range of the second byte
            switch (first)
            {
                case >= 0xC2 and <= 0xDF: width = 2; break;
                case 0xE0: width = 3; low = 0xA0; break;          // no overlong forms
                case 0xED: width = 3; high = 0x9F; break;         // no surrogates
                case >= 0xE1 and <= 0xEF: width = 3; break;
                case 0xF0: width = 4; low = 0x90; break;          // no overlong forms
                case 0xF4: width = 4; high = 0x8F; break;         // nothing above U+10FFFF
                case >= 0xF1 and <= 0xF3: width = 4; break;
                default: return Invalid(1, i);
            }
            for (var k = 1; k < width; k++)
            {
                if (i + k >= bytes.Length) return $"incomplete utf-8 byte sequence from index {i}";
                var b = bytes[i + k];
                var ok = k == 1 ? b >= low && b <= high : b is >= 0x80 and <= 0xBF;
                if (!ok) return Invalid(k, i);
            }
            i += width;
        }
        return null;
    }

    private static string Invalid(int length, int index) => $"invalid utf-8 sequence of {length} bytes from index {index}";
}
