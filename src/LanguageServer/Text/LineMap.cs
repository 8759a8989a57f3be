using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Text;

/// <summary>
/// Line starts of a text, for converting between LSP positions (zero-based line, UTF-16 code-unit
/// character) and UTF-16 indexes into the text. Out-of-range positions are clamped, as LSP asks: a
/// character past the end of a line means the end of that line, a line past the end means the end of text.
/// </summary>
public sealed class LineMap
{
    private readonly string _text;
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    public int LineCount => _lineStarts.Length;

    public int Length => _text.Length;

    /// <summary>The UTF-16 index of a position (clamped to the text).</summary>
    public int ToIndex(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _text.Length;
        int start = _lineStarts[position.Line];
        int end = LineContentEnd(position.Line);
        int index = start + Math.Max(0, position.Character);
        if (index > end) index = end;
        // Never split a surrogate pair.
        if (index > start && index < _text.Length && char.IsLowSurrogate(_text[index]) && char.IsHighSurrogate(_text[index - 1])) index--;
        return index;
    }

    /// <summary>The position of a UTF-16 index (clamped to the text).</summary>
    public Position ToPosition(int index)
    {
        index = Math.Max(0, Math.Min(index, _text.Length));
        int line = Array.BinarySearch(_lineStarts, index);
        if (line < 0) line = ~line - 1;
        return new Position(line, index - _lineStarts[line]);
    }

    public Range ToRange(int start, int end) => new(ToPosition(start), ToPosition(Math.Max(start, end)));

    /// <summary>The line of an index (zero-based).</summary>
    public int LineOf(int index) => ToPosition(index).Line;

    public int LineStart(int line) => _lineStarts[Math.Max(0, Math.Min(line, _lineStarts.Length - 1))];

    /// <summary>Index of the end of the line's content (before its terminator).</summary>
    public int LineContentEnd(int line)
    {
        int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _text.Length;
        if (end > _lineStarts[line] && end <= _text.Length && end > 0 && _text[end - 1] == '\n') end--;
        if (end > _lineStarts[line] && end > 0 && _text[end - 1] == '\r') end--;
        return end;
    }

    /// <summary>Applies LSP content changes in order (each range is relative to the text after the previous change).</summary>
    public static string Apply(string text, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                text = change.Text ?? string.Empty;
                continue;
            }
            var map = new LineMap(text);
            int start = map.ToIndex(change.Range.Start);
            int end = Math.Max(start, map.ToIndex(change.Range.End));
            text = string.Concat(text.AsSpan(0, start), change.Text ?? string.Empty, text.AsSpan(end));
        }
        return text;
    }
}
