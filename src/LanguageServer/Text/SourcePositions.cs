using System;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Text;

/// <summary>
/// The one place where the front end's span offsets meet text indexes. A <see cref="Span"/> holds global
/// offsets into a <see cref="SourceMap"/>; within a file they count either UTF-16 code units or UTF-8 bytes
/// (the front end's unit is detected from the file's extent, so this keeps working if it changes). The
/// server works in UTF-16 indexes of the file's text, which <see cref="LineMap"/> turns into LSP positions.
/// </summary>
public static class SourcePositions
{
    private static bool CountsBytes(SourceFile file) => file.End - file.Offset != file.Text.Length;

    /// <summary>The UTF-16 index into <paramref name="file"/>'s text of a global offset in it.</summary>
    public static int ToIndex(SourceFile file, int globalOffset)
    {
        int relative = Math.Max(0, globalOffset - file.Offset);
        if (!CountsBytes(file)) return Math.Min(relative, file.Text.Length);
        // Walk the text counting UTF-8 bytes until the offset is reached.
        string text = file.Text;
        int bytes = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (bytes >= relative) return i;
            char c = text[i];
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { bytes += 4; i++; }
            else bytes += 3;
        }
        return text.Length;
    }

    /// <summary>The global offset of a UTF-16 index into <paramref name="file"/>'s text.</summary>
    public static int ToGlobal(SourceFile file, int index)
    {
        index = Math.Max(0, Math.Min(index, file.Text.Length));
        if (!CountsBytes(file)) return file.Offset + index;
        return file.Offset + System.Text.Encoding.UTF8.GetByteCount(file.Text.AsSpan(0, index));
    }

    /// <summary>Start and end UTF-16 indexes of a span in its file.</summary>
    public static (int Start, int End) ToIndexes(SourceFile file, Span span) =>
        (ToIndex(file, span.Start), ToIndex(file, Math.Max(span.Start, span.End)));
}
