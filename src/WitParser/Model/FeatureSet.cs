using System;
using System.Collections.Generic;

namespace WitTools.WitParser.Model;

/// <summary>The <c>@unstable</c> features to include when resolving: a set of names, or all of them.</summary>
public sealed class FeatureSet : IEquatable<FeatureSet>
{
    public static readonly FeatureSet None = new(Array.Empty<string>());
    public static readonly FeatureSet All = new(Array.Empty<string>(), allFeatures: true);

    public FeatureSet(IEnumerable<string> features, bool allFeatures = false)
    {
        var set = new OrderedSet<string>();
        foreach (var f in features)
            if (!string.IsNullOrEmpty(f)) set.Add(f);
        Names = set.Items;
        AllFeatures = allFeatures;
    }

    /// <summary>Enabled feature names, in the order given (duplicates removed).</summary>
    public IReadOnlyList<string> Names { get; }

    public bool AllFeatures { get; }

    public bool IsEnabled(string feature)
    {
        if (AllFeatures) return true;
        foreach (var n in Names)
            if (n == feature) return true;
        return false;
    }

    /// <summary>Parses a list like <c>"a,b c"</c> (comma- and/or whitespace-separated, as wasm-tools' --features).</summary>
    public static FeatureSet Parse(string? list, bool allFeatures = false) =>
        new((list ?? "").Split(new[] { ',', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries), allFeatures);

    /// <summary>Copies the features into a Resolve before loading.</summary>
    public void ApplyTo(Resolve resolve)
    {
        foreach (var n in Names) resolve.Features.Add(n);
        resolve.AllFeatures |= AllFeatures;
    }

    public bool Equals(FeatureSet? other)
    {
        if (other is null || AllFeatures != other.AllFeatures || Names.Count != other.Names.Count) return false;
        var mine = new HashSet<string>(Names);
        foreach (var n in other.Names)
            if (!mine.Contains(n)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is FeatureSet other && Equals(other);

    public override int GetHashCode()
    {
        int h = AllFeatures ? 1 : 0;
        foreach (var n in Names) h ^= StringComparer.Ordinal.GetHashCode(n);
        return h;
    }

    public override string ToString() => AllFeatures ? "all" : string.Join(",", Names);
}
