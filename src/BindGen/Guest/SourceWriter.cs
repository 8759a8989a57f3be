using System.Text;

namespace WitTools.BindGen.Guest;

/// <summary>Builds C# text line by line with 4-space indentation and brace blocks; "\n" line ends.</summary>
public sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
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

    public static string EscapeXml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The position of the end of the text, for <see cref="TruncateTo"/>.</summary>
    public int Mark => _text.Length;

    /// <summary>Removes what was written after <paramref name="mark"/>.</summary>
    public void TruncateTo(int mark) => _text.Length = mark;

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
