using System;

namespace WitTools.WitParser.Model;

/// <summary>Documentation comments attached to an item: the joined comment text, or none.</summary>
public readonly struct Docs : IEquatable<Docs>
{
    public static readonly Docs None = default;

    public Docs(string? contents) => Contents = contents;

    /// <summary>The doc text (lines joined by '\n', comment markers stripped), or null.</summary>
    public string? Contents { get; }

    public bool IsEmpty => Contents is null;

    public bool Equals(Docs other) => Contents == other.Contents;
    public override bool Equals(object? obj) => obj is Docs other && Equals(other);
    public override int GetHashCode() => Contents is null ? 0 : StringComparer.Ordinal.GetHashCode(Contents);
    public static bool operator ==(Docs a, Docs b) => a.Equals(b);
    public static bool operator !=(Docs a, Docs b) => !a.Equals(b);
    public override string ToString() => Contents ?? "";
}
