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

    private static bool IsAsciiWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
