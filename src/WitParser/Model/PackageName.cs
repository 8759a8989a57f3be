using System;

namespace WitTools.WitParser.Model;

/// <summary>A package name such as <c>wasi:http@0.2.0</c>: namespace, name and optional version.</summary>
public sealed class PackageName : IEquatable<PackageName>, IComparable<PackageName>
{
    public PackageName(string @namespace, string name, SemVersion? version = null)
    {
        Namespace = @namespace;
        Name = name;
        Version = version;
    }

    /// <summary>The namespace, e.g. <c>wasi</c>.</summary>
    public string Namespace { get; }

    /// <summary>The package's kebab-name, e.g. <c>http</c>.</summary>
    public string Name { get; }

    public SemVersion? Version { get; }

    /// <summary><c>ns:name@version</c> (version omitted when absent).</summary>
    public override string ToString() => Version is null ? Namespace + ":" + Name : Namespace + ":" + Name + "@" + Version;

    /// <summary>The full id of an interface of this package: <c>ns:name/iface@version</c> (wit-parser's interface_id).</summary>
    public string QualifyInterface(string interfaceName) =>
        Namespace + ":" + Name + "/" + interfaceName + (Version is null ? "" : "@" + Version);

    /// <summary>
    /// The semver-compatible track of a version: build metadata dropped; pre-releases kept as is; otherwise
    /// the first non-zero component is kept and the later ones zeroed (1.2.3 → 1.0.0, 0.2.3 → 0.2.0).
    /// </summary>
    public static SemVersion VersionCompatTrack(SemVersion version)
    {
        var v = version.WithoutBuild();
        if (v.HasPre) return v;
        if (v.Major != 0) return new SemVersion(v.Major, 0, 0);
        if (v.Minor != 0) return new SemVersion(0, v.Minor, 0);
        return v;
    }

    /// <summary>The short string of <see cref="VersionCompatTrack"/> used in component import names ("1", "0.2", "0.0.3").</summary>
    public static string VersionCompatTrackString(SemVersion version)
    {
        var v = VersionCompatTrack(version);
        if (v.HasPre) return v.ToString();
        if (v.Major != 0) return v.Major.ToString();
        if (v.Minor != 0) return v.Major + "." + v.Minor;
        return v.ToString();
    }

    public bool Equals(PackageName? other) =>
        other is not null && Namespace == other.Namespace && Name == other.Name && Equals(Version, other.Version);

    public override bool Equals(object? obj) => obj is PackageName other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            int h = StringComparer.Ordinal.GetHashCode(Namespace);
            h = h * 31 + StringComparer.Ordinal.GetHashCode(Name);
            return h * 31 + (Version?.GetHashCode() ?? 0);
        }
    }

    /// <summary>Orders by namespace, name, then version (no version first), like the Rust derive.</summary>
    public int CompareTo(PackageName? other)
    {
        if (other is null) return 1;
        int c = string.CompareOrdinal(Namespace, other.Namespace);
        if (c != 0) return c;
        c = string.CompareOrdinal(Name, other.Name);
        if (c != 0) return c;
        if (Version is null || other.Version is null) return Version is null ? (other.Version is null ? 0 : -1) : 1;
        return Version.CompareTo(other.Version);
    }

    public static bool operator ==(PackageName? a, PackageName? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(PackageName? a, PackageName? b) => !(a == b);
}
