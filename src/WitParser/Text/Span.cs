using System;

namespace WitTools.WitParser.Text;

/// <summary>
/// A range of source text, as global UTF-8 byte offsets into a <see cref="SourceMap"/> (every file owns a
/// distinct offset range, so a span alone says which file it is in). Lines and columns shown to users, and
/// UTF-16 positions for editors, are computed from it only when needed (<see cref="SourceFile.Locate"/>,
/// <see cref="SourceFile.PositionOf"/>).
/// </summary>
public readonly struct Span : IEquatable<Span>
{
    /// <summary>A span that points nowhere (synthesized items).</summary>
    public static readonly Span Unknown = new(-1, -1);

    public Span(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public int Length => End - Start;

    /// <summary>Whether <paramref name="offset"/> lies in [Start, End] (the end counts, so a cursor just after a
    /// name still touches it).</summary>
    public bool Touches(int offset) => IsKnown && offset >= Start && offset <= End;

    /// <summary>Whether <paramref name="offset"/> lies in [Start, End).</summary>
    public bool Contains(int offset) => IsKnown && offset >= Start && offset < End;

    public bool IsKnown => Start >= 0;

    /// <summary>The smallest span covering both.</summary>
    public Span Cover(Span other) =>
        !IsKnown ? other : !other.IsKnown ? this : new Span(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public bool Equals(Span other) => Start == other.Start && End == other.End;
    public override bool Equals(object? obj) => obj is Span other && Equals(other);
    public override int GetHashCode() => unchecked(Start * 397 ^ End);
    public static bool operator ==(Span left, Span right) => left.Equals(right);
    public static bool operator !=(Span left, Span right) => !left.Equals(right);
    public override string ToString() => IsKnown ? $"{Start}..{End}" : "<unknown>";
}
