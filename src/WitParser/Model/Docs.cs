using System;

namespace WitTools.WitParser.Model;

/// <summary>Documentation comments attached to an item: the joined comment text, or none.</summary>
/// <remarks>Docs read from source are normalized only when <see cref="Contents"/> is first asked for (a load does not
/// pay for text nobody reads); docs made from a string hold it as is.</remarks>
public readonly struct Docs : IEquatable<Docs>
{
    public static readonly Docs None = default;

    // Null, the text, or the file's comment table, whose comments _first .. _first + _count - 1 are these docs
    // (normalized on first use and cached in the table: no object per documented item).
    private readonly object? _value;
    private readonly int _first;
    private readonly int _count;

    public Docs(string? contents)
    {
        _value = contents;
        _first = 0;
        _count = 0;
    }

    internal Docs(Syntax.CommentTable table, int first, int count)
    {
        _value = table;
        _first = first;
        _count = count;
    }

    /// <summary>The doc text (lines joined by '\n', comment markers stripped), or null.</summary>
    public string? Contents => _value is Syntax.CommentTable table ? table.Normalized(_first, _count) : (string?)_value;

    public bool IsEmpty => _value is null;

    public bool Equals(Docs other) => Contents == other.Contents;
    public override bool Equals(object? obj) => obj is Docs other && Equals(other);
    public override int GetHashCode() => Contents is not { } contents ? 0 : StringComparer.Ordinal.GetHashCode(contents);
    public static bool operator ==(Docs a, Docs b) => a.Equals(b);
    public static bool operator !=(Docs a, Docs b) => !a.Equals(b);
    public override string ToString() => Contents ?? "";
}
