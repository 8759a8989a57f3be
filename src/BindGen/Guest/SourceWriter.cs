using System.IO;
using System.Text;

namespace WitTools.BindGen.Guest;

/// <summary>Builds C# text line by line with 4-space indentation and brace blocks; "\n" line ends. Either into a
/// string (<see cref="ToString"/>), or streamed to a <see cref="TextWriter"/> (a generated file can be tens of megabytes:
/// only a small buffer is held; <see cref="Flush"/> writes the rest).</summary>
public sealed class SourceWriter
{
    /// <summary>Buffered characters above which a streaming writer passes its text on (before the next line).</summary>
    private const int FlushThreshold = 32 * 1024;

    private readonly StringBuilder _text = new();
    private readonly TextWriter? _output;
    private int _flushed;
    private char[]? _chunk;
    private int _indent;

    public SourceWriter()
    {
    }

    /// <summary>A writer that streams its text to <paramref name="output"/>; call <see cref="Flush"/> at the end.</summary>
    public SourceWriter(TextWriter output) => _output = output;

    public SourceWriter Line(string line = "")
    {
        // Passed on only before a line starts, so a mark taken before the last line written stays in the buffer
        // (see TruncateTo).
        if (_output is not null && _text.Length > FlushThreshold) Flush();
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes what is buffered to the output (streaming writers only).</summary>
    public void Flush()
    {
        if (_output is null || _text.Length == 0) return;
        var chunk = _chunk ??= new char[8192];
        for (int start = 0; start < _text.Length; start += chunk.Length)
        {
            int count = System.Math.Min(chunk.Length, _text.Length - start);
            _text.CopyTo(start, chunk, 0, count);
            _output.Write(chunk, 0, count);
        }
        _flushed += _text.Length;
        _text.Clear();
    }

    /// <summary>Writes <paramref name="header"/>, then "{" and indents until <see cref="Close"/>.</summary>
    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string tail = "")
    {
        _indent--;
        Line("}" + tail);
        return this;
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    /// <summary>Appends pre-formatted lines, each indented at the current level.</summary>
    public SourceWriter Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n')) Line(line);
        return this;
    }

    /// <summary>XML doc comment from WIT docs, with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped.</summary>
    public SourceWriter Docs(string? docs)
    {
        if (string.IsNullOrEmpty(docs)) return this;
        Line("/// <summary>");
        foreach (var line in docs!.Replace("\r\n", "\n").Split('\n')) Line(("/// " + EscapeXml(line)).TrimEnd());
        Line("/// </summary>");
        return this;
    }

    /// <summary><c>[Obsolete("message")]</c> when there is a message (a deprecated WIT item).</summary>
    public SourceWriter Obsolete(string? message)
    {
        if (message is not null) Line("[global::System.Obsolete(" + WitTools.BindGen.Binding.CSharpNames.Literal(message) + ")]");
        return this;
    }

    /// <summary>
    /// One part of an interface's static partial class in its own file: a blank line, the namespace, the class (with
    /// its docs and <c>[Obsolete]</c> only in the part that declares them, <paramref name="declaring"/>), then
    /// <paramref name="body"/>. Guest and host bindings split an interface's class over files this way.
    /// </summary>
    public void PartialClassInNamespace(string @namespace, string modifiers, string name, bool declaring, string? docs, string? obsolete, System.Action body)
    {
        Line();
        Open("namespace " + @namespace);
        if (declaring)
        {
            Docs(docs);
            Obsolete(obsolete);
        }
        Open($"{modifiers} partial class {name}");
        body();
        Close();
        Close();
    }

    public static string EscapeXml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The position of the end of the text, for <see cref="TruncateTo"/>.</summary>
    public int Mark => _flushed + _text.Length;

    /// <summary>Removes what was written after <paramref name="mark"/>: at most one line (a streaming writer may have
    /// passed on everything before it).</summary>
    public void TruncateTo(int mark)
    {
        if (mark < _flushed) throw new System.InvalidOperationException("internal: truncating text already written out");
        _text.Length = mark - _flushed;
    }

    /// <summary>The text written (for a streaming writer: what is still buffered).</summary>
    public override string ToString() => _text.ToString();
}

/// <summary>Writes blank lines between members: nothing before the first, one before each other.
/// Shared by the guest and host printers.</summary>
internal sealed class Gaps
{
    private readonly SourceWriter _w;
    private bool _first = true;

    public Gaps(SourceWriter w) => _w = w;

    public void Next()
    {
        if (!_first) _w.Line();
        _first = false;
    }
}
