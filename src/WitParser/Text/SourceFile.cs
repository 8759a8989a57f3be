using System;
using System.Collections.Generic;
using System.Text;

namespace WitTools.WitParser.Text;

/// <summary>One file of a <see cref="SourceMap"/>: its display path, its text and its global offset.</summary>
public sealed class SourceFile
{
    private int[]? _lineStarts;

    internal SourceFile(string path, string text, int offset)
    {
        Path = path;
        Text = text;
        Offset = offset;
    }

    /// <summary>The path exactly as it is shown in diagnostics (as given by the user).</summary>
    public string Path { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>Global offset of <see cref="Text"/>[0]; the file owns [Offset, Offset + Text.Length] (one
    /// past the end, so end-of-file spans still belong to it).</summary>
    public int Offset { get; }

    public int End => Offset + Text.Length;

    public bool Contains(int globalOffset) => globalOffset >= Offset && globalOffset <= End;

    /// <summary>0-based line index of a file-relative UTF-16 offset.</summary>
    public int LineIndexOf(int relativeOffset)
    {
        var starts = LineStarts();
        int index = Array.BinarySearch(starts, relativeOffset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>File-relative UTF-16 offset where the 0-based line starts.</summary>
    public int LineStart(int lineIndex) => LineStarts()[lineIndex];

    /// <summary>The text of a 0-based line without its line terminator ("\n" or "\r\n").</summary>
    public string LineText(int lineIndex)
    {
        var starts = LineStarts();
        if (lineIndex >= starts.Length) return string.Empty;
        int start = starts[lineIndex];
        int end = lineIndex + 1 < starts.Length ? starts[lineIndex + 1] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r') end--;
        return end <= start ? string.Empty : Text.Substring(start, end - start);
    }

    public int LineCount => LineStarts().Length;

    /// <summary>Location of a global offset: 1-based line, 1-based UTF-8 byte column (what wit-parser
    /// prints) and 1-based UTF-16 column (what Roslyn and IDEs use).</summary>
    public SourceLocation Locate(int globalOffset)
    {
        int relative = Math.Max(0, Math.Min(globalOffset - Offset, Text.Length));
        int line = LineIndexOf(relative);
        int lineStart = LineStarts()[line];
        int utf8Column = Utf8Length(Text, lineStart, relative - lineStart);
        return new SourceLocation(this, line + 1, utf8Column + 1, relative - lineStart + 1);
    }

    internal static int Utf8Length(string text, int start, int length)
    {
        int bytes = 0;
        int end = start + length;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }

    private int[] LineStarts()
    {
        if (_lineStarts != null) return _lineStarts;
        var starts = new List<int> { 0 };
        for (int i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n') starts.Add(i + 1);
        }
        return _lineStarts = starts.ToArray();
    }

    public override string ToString() => Path;
}

/// <summary>A resolved position in a file.</summary>
public readonly struct SourceLocation
{
    public SourceLocation(SourceFile file, int line, int column, int charColumn)
    {
        File = file;
        Line = line;
        Column = column;
        CharColumn = charColumn;
    }

    public SourceFile File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column counted in UTF-8 bytes (wit-parser's convention).</summary>
    public int Column { get; }

    /// <summary>1-based column counted in UTF-16 code units (Roslyn's convention).</summary>
    public int CharColumn { get; }

    public override string ToString() => $"{File.Path}:{Line}:{Column}";
}
