using System.Collections.Generic;
using System.Text;

namespace WitTools.WitParser.Text;

/// <summary>
/// All source files of a resolution, each at its own global offset so that a <see cref="Span"/> alone
/// identifies file and position. Offsets count UTF-8 bytes. Like wit-parser, each file reserves one extra
/// offset past its end, so an end-of-file span belongs to that file and renders one line past its last line.
/// </summary>
public sealed class SourceMap
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<SourceFile> _files = new();
    private int _nextOffset;

    public IReadOnlyList<SourceFile> Files => _files;

    /// <summary>Adds a file given as text (it is encoded to UTF-8; spans count those bytes).</summary>
    public SourceFile Add(string path, string text) => Add(path, Utf8.GetBytes(text ?? string.Empty), text);

    /// <summary>Adds a file given as UTF-8 bytes (not copied: the caller must not change them afterwards).
    /// Malformed sequences are read as U+FFFD, one byte each.</summary>
    public SourceFile Add(string path, byte[] utf8) => Add(path, utf8, null);

    private SourceFile Add(string path, byte[] utf8, string? text)
    {
        var file = new SourceFile(path, utf8, _nextOffset, text);
        _files.Add(file);
        _nextOffset += utf8.Length + 1;
        return file;
    }

    /// <summary>The file owning a global offset, or null for an unknown span.</summary>
    public SourceFile? FileAt(int globalOffset)
    {
        if (globalOffset < 0) return null;
        int lo = 0, hi = _files.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var file = _files[mid];
            if (globalOffset < file.Offset) hi = mid - 1;
            else if (globalOffset > file.End) lo = mid + 1;
            else return file;
        }
        return null;
    }

    public SourceLocation? Locate(Span span) => FileAt(span.Start) is { } file ? file.Locate(span.Start) : null;

    /// <summary>`path:line:col` of a span (wit-parser's render_location), or "&lt;unknown&gt;".</summary>
    public string RenderLocation(Span span) => Locate(span)?.ToString() ?? "<unknown>";
}
