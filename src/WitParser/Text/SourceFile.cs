using System;
using System.Collections.Generic;
using System.Text;

namespace WitTools.WitParser.Text;

/// <summary>
/// One file of a <see cref="SourceMap"/>: its display path, its UTF-8 bytes and its global offset. Offsets
/// (and <see cref="Span"/>s) count UTF-8 bytes, as wit-parser's do; <see cref="Text"/> (UTF-16) is decoded only
/// when something asks for it, and the conversions between the two live here (<see cref="CharIndex"/>,
/// <see cref="PositionOf"/>, <see cref="OffsetOf(int, int)"/>).
/// </summary>
public sealed class SourceFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly byte[] _bytes;
    private int[]? _lineStarts;
    private int[]? _lineCharStarts;
    private string? _text;

    internal SourceFile(string path, byte[] utf8, int offset, string? text = null)
    {
        Path = path;
        _bytes = utf8;
        Offset = offset;
        _text = text;
    }

    /// <summary>The path exactly as it is shown in diagnostics (as given by the user).</summary>
    public string Path { get; }

    /// <summary>The file's text (decoded from its UTF-8 bytes on first use; a byte order mark stays in it as
    /// U+FEFF).</summary>
    public string Text => _text ??= Utf8.GetString(_bytes);

    /// <summary>Global offset of the file's first byte; the file owns [Offset, Offset + Length] (one past the end,
    /// so end-of-file spans still belong to it).</summary>
    public int Offset { get; }

    /// <summary>Length of the file in UTF-8 bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>Global offset one past the last byte.</summary>
    public int End => Offset + _bytes.Length;

    /// <summary>The UTF-8 bytes (shared, not copied: the lexer reads them directly).</summary>
    internal byte[] Bytes => _bytes;

    /// <summary>Known to hold only printable ASCII, tabs and line ends (set when the loader checked the bytes), so
    /// the lexer need not look for forbidden codepoints.</summary>
    internal bool PlainAscii { get; set; }

    /// <summary>The byte at a file-relative offset.</summary>
    public byte ByteAt(int relativeOffset) => _bytes[relativeOffset];

    public bool Contains(int globalOffset) => globalOffset >= Offset && globalOffset <= End;

    /// <summary>The text of a span of this file (clamped to the file).</summary>
    public string GetText(Span span) => GetText(span.Start, span.End);

    /// <summary>The text between two global offsets (clamped to the file).</summary>
    public string GetText(int globalStart, int globalEnd)
    {
        int start = Clamp(globalStart - Offset);
        int end = Math.Max(start, Clamp(globalEnd - Offset));
        return Utf8.GetString(_bytes, start, end - start);
    }

    /// <summary>0-based line index of a file-relative byte offset.</summary>
    public int LineIndexOf(int relativeOffset)
    {
        var starts = LineStarts();
        int index = Array.BinarySearch(starts, relativeOffset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>File-relative byte offset where the 0-based line starts.</summary>
    public int LineStart(int lineIndex) => LineStarts()[lineIndex];

    /// <summary>The text of a 0-based line without its line terminator ("\n" or "\r\n").</summary>
    public string LineText(int lineIndex)
    {
        var starts = LineStarts();
        if (lineIndex < 0 || lineIndex >= starts.Length) return string.Empty;
        int start = starts[lineIndex];
        int end = LineContentEnd(lineIndex);
        return end <= start ? string.Empty : Utf8.GetString(_bytes, start, end - start);
    }

    public int LineCount => LineStarts().Length;

    /// <summary>Location of a global offset: 1-based line, 1-based UTF-8 byte column (what wit-parser
    /// prints) and 1-based UTF-16 column (what Roslyn and IDEs use).</summary>
    public SourceLocation Locate(int globalOffset)
    {
        int relative = Clamp(globalOffset - Offset);
        int line = LineIndexOf(relative);
        int lineStart = LineStarts()[line];
        return new SourceLocation(this, line + 1, relative - lineStart + 1, Utf16Length(lineStart, relative) + 1);
    }

    /// <summary>The index into <see cref="Text"/> (UTF-16 code units) of a global byte offset; an offset inside a
    /// multi-byte character maps to that character's start.</summary>
    public int CharIndex(int globalOffset)
    {
        int relative = Clamp(globalOffset - Offset);
        int line = LineIndexOf(relative);
        return LineCharStarts()[line] + Utf16Length(LineStarts()[line], relative);
    }

    /// <summary>The global byte offset of an index into <see cref="Text"/> (UTF-16 code units, clamped to the
    /// text); an index between the two halves of a surrogate pair maps to the pair's start.</summary>
    public int OffsetOfCharIndex(int charIndex)
    {
        var charStarts = LineCharStarts();
        int index = Array.BinarySearch(charStarts, Math.Max(0, charIndex));
        int line = index >= 0 ? index : ~index - 1;
        return OffsetOf(line, charIndex - charStarts[line]);
    }

    /// <summary>The 0-based line and 0-based UTF-16 character of a global byte offset (an LSP position).</summary>
    public TextPosition PositionOf(int globalOffset)
    {
        int relative = Clamp(globalOffset - Offset);
        int line = LineIndexOf(relative);
        return new TextPosition(line, Utf16Length(LineStarts()[line], relative));
    }

    /// <summary>The global byte offset of a 0-based line and 0-based UTF-16 character (an LSP position). A line
    /// past the end maps to the end of the file; a character past the end of its line to the line's end (before
    /// its terminator), as LSP asks.</summary>
    public int OffsetOf(int line, int character)
    {
        var starts = LineStarts();
        if (line < 0) return Offset;
        if (line >= starts.Length) return End;
        int i = starts[line];
        int end = LineContentEnd(line);
        int units = 0;
        while (i < end && units < character)
        {
            int length = Utf8Text.SequenceLength(_bytes, i, end);
            int width = length == 4 ? 2 : 1;
            if (units + width > character) break;
            units += width;
            i += length;
        }
        return Offset + i;
    }

    /// <summary>The global byte offset of an LSP position.</summary>
    public int OffsetOf(TextPosition position) => OffsetOf(position.Line, position.Character);

    // The end of a line's content: before "\n" or "\r\n", or the end of the file for the last line.
    private int LineContentEnd(int lineIndex)
    {
        var starts = LineStarts();
        int start = starts[lineIndex];
        int end = lineIndex + 1 < starts.Length ? starts[lineIndex + 1] - 1 : _bytes.Length;
        if (end > start && _bytes[end - 1] == (byte)'\r') end--;
        return end;
    }

    // UTF-16 code units of the bytes [from, to) (a sequence cut at `to` is not counted).
    private int Utf16Length(int from, int to)
    {
        int units = 0;
        int i = from;
        while (i < to)
        {
            byte b = _bytes[i];
            if (b < 0x80)
            {
                units++;
                i++;
                continue;
            }
            int length = Utf8Text.SequenceLength(_bytes, i, _bytes.Length);
            if (i + length > to) break;
            units += length == 4 ? 2 : 1;
            i += length;
        }
        return units;
    }

    private int Clamp(int relative) => relative < 0 ? 0 : relative > _bytes.Length ? _bytes.Length : relative;

    private int[] LineStarts()
    {
        if (_lineStarts != null) return _lineStarts;
        var starts = new List<int> { 0 };
        var bytes = _bytes;
        int i = 0;
        while (true)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', i);
            if (nl < 0) break;
            starts.Add(nl + 1);
            i = nl + 1;
        }
        return _lineStarts = starts.ToArray();
    }

    private int[] LineCharStarts()
    {
        if (_lineCharStarts != null) return _lineCharStarts;
        var starts = LineStarts();
        var charStarts = new int[starts.Length];
        for (int line = 1; line < starts.Length; line++)
        {
            charStarts[line] = charStarts[line - 1] + Utf16Length(starts[line - 1], starts[line]);
        }
        return _lineCharStarts = charStarts;
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

/// <summary>A 0-based line and 0-based UTF-16 character offset in it: the Language Server Protocol's
/// <c>Position</c>.</summary>
public readonly struct TextPosition : IEquatable<TextPosition>
{
    public TextPosition(int line, int character)
    {
        Line = line;
        Character = character;
    }

    public int Line { get; }
    public int Character { get; }

    public bool Equals(TextPosition other) => Line == other.Line && Character == other.Character;
    public override bool Equals(object? obj) => obj is TextPosition other && Equals(other);
    public override int GetHashCode() => unchecked(Line * 397 ^ Character);
    public override string ToString() => $"{Line}:{Character}";
}
