using System;

namespace WitTools.WitParser.Model;

/// <summary>Documentation comments attached to an item: the joined comment text, or none.</summary>
/// <remarks>Docs read from source are normalized only when <see cref="Contents"/> is first asked for (a load does not
/// pay for text nobody reads); docs made from a string hold it as is.</remarks>
public readonly struct Docs : IEquatable<Docs>
{
    public static readonly Docs None = default;

    // Null, the text, or a LazyDocs that computes it once.
    private readonly object? _value;

    public Docs(string? contents) => _value = contents;

    internal Docs(LazyDocs source) => _value = source;

    /// <summary>The doc text (lines joined by '\n', comment markers stripped), or null.</summary>
    public string? Contents => _value is LazyDocs lazy ? lazy.Contents : (string?)_value;

    public bool IsEmpty => _value is null;

    public bool Equals(Docs other) => Contents == other.Contents;
    public override bool Equals(object? obj) => obj is Docs other && Equals(other);
    public override int GetHashCode() => Contents is not { } contents ? 0 : StringComparer.Ordinal.GetHashCode(contents);
    public static bool operator ==(Docs a, Docs b) => a.Equals(b);
    public static bool operator !=(Docs a, Docs b) => !a.Equals(b);
    public override string ToString() => Contents ?? "";
}

/// <summary>Doc comments in source whose normalized text is computed on first use (then kept).</summary>
internal sealed class LazyDocs
{
    private readonly Syntax.CommentTable _table;
    private readonly int _first;
    private readonly int _count;
    private string? _contents;

    public LazyDocs(Syntax.CommentTable table, int first, int count)
    {
        _table = table;
        _first = first;
        _count = count;
    }

    // Computing twice on a race gives equal strings; no lock needed.
    public string Contents => _contents ??= Syntax.DocsText.Normalize(_table, _first, _count);
}
