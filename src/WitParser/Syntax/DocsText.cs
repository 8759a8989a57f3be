using System.Collections.Generic;
using System.Text;

namespace WitTools.WitParser.Syntax;

/// <summary>wit-parser's doc-comment normalization.</summary>
public static class DocsText
{
    /// <summary>
    /// Strips the comment markers (`/**` + `*/` for block comments starting with `/**`, otherwise every leading
    /// '/'), trims line ends, removes the smallest common indentation of the non-empty comments, and joins the
    /// lines with '\n' (dropping trailing newlines). Returns null when there are no comments.
    /// </summary>
    public static string? Normalize(IReadOnlyList<string> comments)
    {
        if (comments.Count == 0) return null;
        var parts = new List<string>(comments.Count);
        foreach (var comment in comments)
        {
            string contents;
            if (comment.StartsWith("/**", System.StringComparison.Ordinal))
            {
                contents = comment.Substring(3);
                // `/**/` has no room for a closing `*/` after `/**`; treat it as empty.
                contents = contents.EndsWith("*/", System.StringComparison.Ordinal) ? contents.Substring(0, contents.Length - 2) : string.Empty;
            }
            else
            {
                contents = comment.TrimStart('/');
            }
            parts.Add(TrimEnd(contents));
        }

        int minIndent = int.MaxValue;
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            int n = 0;
            while (n < part.Length && IsAsciiWhitespace(part[n])) n++;
            if (n < minIndent) minIndent = n;
        }
        if (minIndent != int.MaxValue && minIndent > 0)
        {
            var prefix = new string(' ', minIndent);
            for (int i = 0; i < parts.Count; i++)
            {
                if (parts[i].StartsWith(prefix, System.StringComparison.Ordinal)) parts[i] = parts[i].Substring(minIndent);
            }
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                text.Append('\n');
                continue;
            }
            // Rust's str::lines: split on '\n', drop a '\r' before it, no empty last line.
            int start = 0;
            while (start < part.Length)
            {
                int nl = part.IndexOf('\n', start);
                int end = nl < 0 ? part.Length : nl;
                int lineEnd = end > start && part[end - 1] == '\r' ? end - 1 : end;
                text.Append(part, start, lineEnd - start).Append('\n');
                if (nl < 0) break;
                start = nl + 1;
            }
        }
        int length = text.Length;
        while (length > 0 && text[length - 1] == '\n') length--;
        return text.ToString(0, length);
    }

    // Rust's str::trim_end (Unicode White_Space).
    private static string TrimEnd(string s)
    {
        int end = s.Length;
        while (end > 0 && char.IsWhiteSpace(s[end - 1])) end--;
        return end == s.Length ? s : s.Substring(0, end);
    }

    internal static bool IsAsciiWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';

    internal static bool IsAsciiWhitespace(byte c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';

    // Scratch space for the byte-based normalization (one per thread; docs are short).
    [System.ThreadStatic] private static char[]? _buffer;
    [System.ThreadStatic] private static int[]? _parts;

    /// <summary>
    /// <see cref="Normalize(IReadOnlyList{string})"/> of comments given as spans of a file's UTF-8 bytes, without
    /// intermediate strings: the only allocation is the result.
    /// </summary>
    internal static string Normalize(CommentTable table, int first, int count)
    {
        var file = table.File;
        var bytes = file.Bytes;
        int offset = file.Offset;
        // Each part is a byte range [start, end): the comment without its markers and trailing whitespace.
        var parts = _parts != null && _parts.Length >= count * 2 ? _parts : (_parts = new int[System.Math.Max(16, count * 4)]);
        int totalBytes = 0;
        for (int i = 0; i < count; i++)
        {
            var span = table.Spans[first + i];
            int start = span.Start - offset, end = span.End - offset;
            if (end - start >= 3 && bytes[start] == '/' && bytes[start + 1] == '*' && bytes[start + 2] == '*')
            {
                // `/**` ... `*/`; `/**/` has no room for a closing `*/` after `/**`: empty.
                start += 3;
                if (end - start >= 2 && bytes[end - 2] == '*' && bytes[end - 1] == '/') end -= 2;
                else end = start;
            }
            else
            {
                while (start < end && bytes[start] == '/') start++;
            }
            end = TrimEnd(bytes, start, end);
            parts[2 * i] = start;
            parts[2 * i + 1] = end;
            totalBytes += end - start;
        }

        int minIndent = int.MaxValue;
        for (int i = 0; i < count; i++)
        {
            int start = parts[2 * i], end = parts[2 * i + 1];
            if (start == end) continue;
            int n = 0;
            while (start + n < end && IsAsciiWhitespace(bytes[start + n])) n++;
            if (n < minIndent) minIndent = n;
        }
        if (minIndent != int.MaxValue && minIndent > 0)
        {
            for (int i = 0; i < count; i++)
            {
                int start = parts[2 * i], end = parts[2 * i + 1];
                if (end - start < minIndent) continue;
                bool spaces = true;
                for (int k = 0; k < minIndent && spaces; k++) spaces = bytes[start + k] == ' ';
                if (spaces) parts[2 * i] = start + minIndent;
            }
        }

        // UTF-16 never needs more units than UTF-8 has bytes; plus one newline per line.
        int capacity = totalBytes * 2 + count + 16;
        var buffer = _buffer != null && _buffer.Length >= capacity ? _buffer : (_buffer = new char[System.Math.Max(256, capacity)]);
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            int start = parts[2 * i], end = parts[2 * i + 1];
            if (start == end)
            {
                buffer[length++] = '\n';
                continue;
            }
            // Rust's str::lines: split on '\n', drop a '\r' before it, no empty last line.
            while (start < end)
            {
                int nl = System.Array.IndexOf(bytes, (byte)'\n', start, end - start);
                int lineEnd = nl < 0 ? end : nl;
                int contentEnd = lineEnd > start && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                length += Utf8.GetChars(bytes, start, contentEnd - start, buffer, length);
                buffer[length++] = '\n';
                if (nl < 0) break;
                start = nl + 1;
            }
        }
        while (length > 0 && buffer[length - 1] == '\n') length--;
        return new string(buffer, 0, length);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Rust's str::trim_end (Unicode White_Space) over UTF-8 bytes: the end of the last non-whitespace character.
    private static int TrimEnd(byte[] bytes, int start, int end)
    {
        int lastEnd = start;
        int i = start;
        while (i < end)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                i++;
                if (!(b == ' ' || (b >= 9 && b <= 13))) lastEnd = i;
                continue;
            }
            int cp = Text.Utf8Text.Decode(bytes, i, end, out int length);
            i += length;
            if (!IsUnicodeWhitespace(cp)) lastEnd = i;
        }
        return lastEnd;
    }

    private static bool IsUnicodeWhitespace(int cp) =>
        cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000;
}
