using System.Collections.Generic;
using System.Globalization;
using System.Text;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Lexing;

/// <summary>Decoding of WIT string literals (used by <c>@external-id("...")</c>), with wit-parser's errors.</summary>
public static class StringLiterals
{
    /// <summary>
    /// Decodes the UTF-8 bytes text[start..end) (the contents between the quotes). <paramref name="terminated"/> says
    /// whether a closing quote follows. Returns null on success, else the message of the first error and (in
    /// <paramref name="errorAt"/>) its file-relative byte index, or -1 for "at the opening quote".
    /// </summary>
    internal static string? Decode(byte[] text, int start, int end, bool terminated, out string value, out int errorAt)
    {
        var bytes = new List<byte>(end - start);
        value = string.Empty;
        // The closing quote is readable too: an escape may (wrongly) consume it, as in wit-parser.
        end = terminated ? end + 1 : end;
        int i = start;
        while (true)
        {
            if (i >= end)
            {
                errorAt = text.Length;
                return "unexpected end of file";
            }
            int pos = i;
            int c = Read(text, ref i, end);
            if (c == '"') break;
            if (c == '\\')
            {
                if (i >= end) { errorAt = text.Length; return "unexpected end of file"; }
                int escapePos = i;
                int e = Read(text, ref i, end);
                switch (e)
                {
                    case '"': bytes.Add((byte)'"'); break;
                    case '\'': bytes.Add((byte)'\''); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case '\\': bytes.Add((byte)'\\'); break;
                    case 'u':
                    {
                        if (i >= end) { errorAt = text.Length; return "unexpected end of file"; }
                        int bracePos = i;
                        if (Read(text, ref i, end) != '{') { errorAt = bracePos; return "expected character '{'"; }
                        var error = HexNumber(text, ref i, end, out uint n, out errorAt);
                        if (error != null) return error;
                        if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
                        {
                            errorAt = escapePos;
                            return "invalid unicode value 0x" + n.ToString("x", CultureInfo.InvariantCulture);
                        }
                        AppendUtf8(bytes, (int)n);
                        if (i >= end) { errorAt = text.Length; return "unexpected end of file"; }
                        int closePos = i;
                        if (Read(text, ref i, end) != '}') { errorAt = closePos; return "expected character '}'"; }
                        break;
                    }
                    default:
                        if (IsHex(e))
                        {
                            if (i >= end) { errorAt = text.Length; return "unexpected end of file"; }
                            int digitPos = i;
                            int c2 = Read(text, ref i, end);
                            if (!IsHex(c2)) { errorAt = digitPos; return "invalid hex digit " + CharFacts.RustDebug(c2); }
                            bytes.Add((byte)(HexValue(e) * 16 + HexValue(c2)));
                            break;
                        }
                        errorAt = escapePos;
                        return "invalid string escape " + CharFacts.RustDebug(e);
                }
            }
            else if (c < 0x20 || c == 0x7f)
            {
                errorAt = pos;
                return "invalid string character " + CharFacts.RustDebug(c);
            }
            else
            {
                AppendUtf8(bytes, c);
            }
        }
        var utf8Error = Utf8Error(bytes);
        if (utf8Error != null)
        {
            errorAt = -1;
            return "invalid UTF-8: " + utf8Error;
        }
        value = Encoding.UTF8.GetString(bytes.ToArray());
        errorAt = 0;
        return null;
    }

    // One character with "\r\n" folded to '\n' (as wit-parser's lexer does).
    private static int Read(byte[] text, ref int i, int end)
    {
        byte c = text[i];
        if (c == '\r' && i + 1 < end && text[i + 1] == '\n')
        {
            i += 2;
            return '\n';
        }
        int cp = Utf8Text.Decode(text, i, text.Length, out int length);
        i += length;
        return cp;
    }

    private static string? HexNumber(byte[] text, ref int i, int end, out uint value, out int errorAt)
    {
        value = 0;
        if (i >= end) { errorAt = text.Length; return "unexpected end of file"; }
        int firstPos = i;
        int first = Read(text, ref i, end);
        if (!IsHex(first)) { errorAt = firstPos; return "invalid hex digit " + CharFacts.RustDebug(first); }
        ulong n = (ulong)HexValue(first);
        bool lastUnderscore = false;
        while (true)
        {
            if (i < end && text[i] == '_')
            {
                i++;
                lastUnderscore = true;
                continue;
            }
            if (i >= end) { errorAt = text.Length; return "unexpected end of file"; }
            int digitPos = i;
            int save = i;
            int c = Read(text, ref i, end);
            if (!IsHex(c))
            {
                i = save;
                break;
            }
            lastUnderscore = false;
            n = n * 16 + (ulong)HexValue(c);
            if (n > uint.MaxValue) { errorAt = digitPos; return "number is too big to fit in a u32"; }
        }
        if (lastUnderscore) { errorAt = firstPos; return "trailing underscore in number"; }
        value = (uint)n;
        errorAt = 0;
        return null;
    }

    private static void AppendUtf8(List<byte> bytes, int cp)
    {
        if (cp < 0x80) bytes.Add((byte)cp);
        else if (cp < 0x800)
        {
            bytes.Add((byte)(0xC0 | (cp >> 6)));
            bytes.Add((byte)(0x80 | (cp & 0x3F)));
        }
        else if (cp < 0x10000)
        {
            bytes.Add((byte)(0xE0 | (cp >> 12)));
            bytes.Add((byte)(0x80 | ((cp >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (cp & 0x3F)));
        }
        else
        {
            bytes.Add((byte)(0xF0 | (cp >> 18)));
            bytes.Add((byte)(0x80 | ((cp >> 12) & 0x3F)));
            bytes.Add((byte)(0x80 | ((cp >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (cp & 0x3F)));
        }
    }

    private static bool IsHex(int c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // Rust's Utf8Error display for the first invalid sequence, or null when valid.
    private static string? Utf8Error(List<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Count)
        {
            byte b = bytes[i];
            int need;
            if (b < 0x80) { i++; continue; }
            if (b >= 0xC2 && b <= 0xDF) need = 1;
            else if (b >= 0xE0 && b <= 0xEF) need = 2;
            else if (b >= 0xF0 && b <= 0xF4) need = 3;
            else return $"invalid utf-8 sequence of 1 bytes from index {i}";
            for (int k = 1; k <= need; k++)
            {
                if (i + k >= bytes.Count) return $"incomplete utf-8 byte sequence from index {i}";
                byte next = bytes[i + k];
                byte lo = 0x80, hi = 0xBF;
                if (k == 1)
                {
                    if (b == 0xE0) lo = 0xA0;
                    else if (b == 0xED) hi = 0x9F;
                    else if (b == 0xF0) lo = 0x90;
                    else if (b == 0xF4) hi = 0x8F;
                }
                if (next < lo || next > hi) return $"invalid utf-8 sequence of {k} bytes from index {i}";
            }
            i += need + 1;
        }
        return null;
    }
}
