using System.Text;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Diagnostics;

/// <summary>
/// Renders a diagnostic the way wit-parser does: the message (with its context chain) on the first line,
/// then ` --> path:line:col`, the source line and a caret underlining the span. A source line longer than
/// 500 UTF-8 bytes collapses to a single `path:line:col: message` line. The help, if any, is a last line
/// `help: …` (wit-parser has none: its first line and location stay those wit-parser prints).
/// </summary>
public static class DiagnosticRenderer
{
    private const int MaxSnippetBytes = 500;

    public static string Render(WitDiagnostic diagnostic, SourceMap sources)
    {
        string prefix = diagnostic.Context.Count == 0 ? string.Empty : string.Join(": ", diagnostic.Context) + ": ";
        string text = prefix + Highlight(diagnostic.Message, diagnostic.Span, sources);
        return diagnostic.Help == null ? text : text + "\nhelp: " + diagnostic.Help;
    }

    /// <summary>The message with its source snippet, or the bare message when the span is unknown.</summary>
    public static string Highlight(string message, Span span, SourceMap sources)
    {
        var file = span.IsKnown ? sources.FileAt(span.Start) : null;
        if (file == null) return message;

        var location = file.Locate(span.Start);
        int lineIndex = location.Line - 1;
        string snippet = file.LineText(lineIndex);
        if (Encoding.UTF8.GetByteCount(snippet) > MaxSnippetBytes)
        {
            return $"{file.Path}:{location.Line}:{location.Column}: {message}";
        }

        var text = new StringBuilder();
        text.Append(message).Append('\n');
        text.Append("     --> ").Append(file.Path).Append(':').Append(location.Line).Append(':').Append(location.Column).Append('\n');
        text.Append("      |\n");
        text.Append(' ').Append(location.Line.ToString().PadLeft(4)).Append(" | ").Append(snippet).Append('\n');
        text.Append("      | ").Append(' ', location.Column - 1).Append('^');
        text.Append('-', DashCount(file, span));
        return text.ToString();
    }

    // One dash per character of the span after the first (characters = Unicode scalar values, i.e. the bytes
    // that are not UTF-8 continuation bytes).
    private static int DashCount(SourceFile file, Span span)
    {
        int start = System.Math.Max(0, span.Start - file.Offset);
        int end = System.Math.Min(span.End - file.Offset, file.Length);
        int chars = 0;
        for (int i = start; i < end; i++)
        {
            if ((file.ByteAt(i) & 0xC0) != 0x80) chars++;
        }
        return System.Math.Max(0, chars - 1);
    }
}
