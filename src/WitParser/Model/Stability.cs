using System;

namespace WitTools.WitParser.Model;

public enum StabilityKind
{
    /// <summary>Neither <c>@since</c> nor <c>@unstable</c>.</summary>
    Unknown,

    /// <summary><c>@unstable(feature = name)</c>: excluded unless the feature is enabled.</summary>
    Unstable,

    /// <summary><c>@since(version = x.y.z)</c>.</summary>
    Stable,
}

/// <summary>
/// The feature-gate annotation of a world, interface, type, function or world item, with an optional
/// <c>@deprecated(version = ...)</c>. Immutable. Ordered like wit-parser (Unknown &lt; Unstable &lt; Stable).
/// </summary>
public sealed class Stability : IEquatable<Stability>, IComparable<Stability>
{
    public static readonly Stability Unknown = new(StabilityKind.Unknown, null, null, null);

    private Stability(StabilityKind kind, string? feature, SemVersion? since, SemVersion? deprecated)
    {
        Kind = kind;
        Feature = feature;
        Since = since;
        Deprecated = deprecated;
    }

    public static Stability Unstable(string feature, SemVersion? deprecated = null) =>
        new(StabilityKind.Unstable, feature, null, deprecated);

    public static Stability Stable(SemVersion since, SemVersion? deprecated = null) =>
        new(StabilityKind.Stable, null, since, deprecated);

    public StabilityKind Kind { get; }

    /// <summary>The feature name of an <see cref="StabilityKind.Unstable"/> item.</summary>
    public string? Feature { get; }

    /// <summary>The version of a <see cref="StabilityKind.Stable"/> item.</summary>
    public SemVersion? Since { get; }

    /// <summary>The <c>@deprecated</c> version, if any.</summary>
    public SemVersion? Deprecated { get; }

    public bool IsUnknown => Kind == StabilityKind.Unknown;
    public bool IsStable => Kind == StabilityKind.Stable;
    public bool IsUnstable => Kind == StabilityKind.Unstable;

    public bool Equals(Stability? other) =>
        other is not null && Kind == other.Kind && Feature == other.Feature && Equals(Since, other.Since)
        && Equals(Deprecated, other.Deprecated);

    public override bool Equals(object? obj) => obj is Stability other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            int h = (int)Kind;
            h = h * 31 + (Feature is null ? 0 : StringComparer.Ordinal.GetHashCode(Feature));
            h = h * 31 + (Since?.GetHashCode() ?? 0);
            return h * 31 + (Deprecated?.GetHashCode() ?? 0);
        }
    }

    public int CompareTo(Stability? other)
    {
        if (other is null) return 1;
        int c = Kind.CompareTo(other.Kind);
        if (c != 0) return c;
        c = Kind == StabilityKind.Unstable ? string.CompareOrdinal(Feature, other.Feature) : CompareVersions(Since, other.Since);
        return c != 0 ? c : CompareVersions(Deprecated, other.Deprecated);
    }

    private static int CompareVersions(SemVersion? a, SemVersion? b) =>
        a is null || b is null ? (a is null ? (b is null ? 0 : -1) : 1) : a.CompareTo(b);

    public override string ToString() => Kind switch
    {
        StabilityKind.Unstable => "@unstable(feature = " + Feature + ")" + (Deprecated is null ? "" : " @deprecated(version = " + Deprecated + ")"),
        StabilityKind.Stable => "@since(version = " + Since + ")" + (Deprecated is null ? "" : " @deprecated(version = " + Deprecated + ")"),
        _ => "unknown",
    };
}
