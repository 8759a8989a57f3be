using System;
using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Model;

/// <summary>
/// One package after name resolution within itself, before its foreign dependencies are connected
/// (wit-parser's UnresolvedPackage). Its arenas are local: ids index into this package's own arenas until
/// it is pushed into a <see cref="Resolve"/>. Interfaces and types are in topological order.
/// </summary>
public sealed class UnresolvedPackage
{
    public UnresolvedPackage(PackageName name) => Name = name;

    /// <summary>A package taking over arenas filled elsewhere (the package builder's, without copying them).</summary>
    internal UnresolvedPackage(PackageName name, Arena<WorldId, World> worlds, Arena<InterfaceId, Interface> interfaces,
        Arena<TypeId, TypeDef> types)
    {
        Name = name;
        Worlds = worlds;
        Interfaces = interfaces;
        Types = types;
    }

    public PackageName Name { get; set; }

    public Arena<WorldId, World> Worlds { get; } = new();

    public Arena<InterfaceId, Interface> Interfaces { get; } = new();

    public Arena<TypeId, TypeDef> Types { get; } = new();

    /// <summary>
    /// Foreign packages this one uses: package name → (interface or world name → the local placeholder
    /// item standing for it, plus the stabilities of the places that referred to it).
    /// </summary>
    public OrderedMap<PackageName, OrderedMap<string, ForeignDependency>> ForeignDeps { get; } = new();

    public Docs Docs { get; set; }

    /// <summary>Span of the <c>package</c> declaration's name.</summary>
    public Span PackageNameSpan { get; set; } = Span.Unknown;

    /// <summary>
    /// Spans of the names of the <see cref="UnknownKind"/> types (types used from foreign interfaces).
    /// Those types come first in <see cref="Types"/>, so entry i belongs to the type with index i.
    /// </summary>
    public List<Span> UnknownTypeSpans { get; } = new();

    /// <summary>One span per foreign dependency entry, in the flattened order of <see cref="ForeignDeps"/>.</summary>
    public List<Span> ForeignDepSpans { get; } = new();

    /// <summary>Types that must turn out to be resources once resolved (used as <c>own</c>/<c>borrow</c> targets or with methods).</summary>
    public List<(TypeId Type, Span Span)> RequiredResourceTypes { get; } = new();

    /// <summary>No file of the package had a `package` header (an error was reported; <see cref="Name"/> is a
    /// placeholder): the package is resolved for its other errors and symbols but not pushed into a Resolve.</summary>
    internal bool IsUnnamed { get; set; }

    /// <summary>The package's symbols, when an index is being built.</summary>
    internal Symbols.PackageSymbols? Symbols { get; set; }

    public override string ToString() => Name.ToString();
}

/// <summary>A foreign interface/world an UnresolvedPackage refers to: the local placeholder and the referrers' stabilities.</summary>
public sealed class ForeignDependency
{
    public ForeignDependency(AstItem item) => Item = item;

    public AstItem Item { get; set; }

    public List<Stability> Stabilities { get; } = new();
}

public enum AstItemKind
{
    Interface,
    World,
}

/// <summary>An interface or world id (wit-parser's AstItem).</summary>
public readonly struct AstItem : IEquatable<AstItem>
{
    private AstItem(AstItemKind kind, int index)
    {
        Kind = kind;
        _index = index;
    }

    private readonly int _index;

    public static AstItem OfInterface(InterfaceId id) => new(AstItemKind.Interface, id.Index);
    public static AstItem OfWorld(WorldId id) => new(AstItemKind.World, id.Index);

    public AstItemKind Kind { get; }

    public InterfaceId Interface =>
        Kind == AstItemKind.Interface ? new InterfaceId(_index) : throw new InvalidOperationException("item is a world");

    public WorldId World => Kind == AstItemKind.World ? new WorldId(_index) : throw new InvalidOperationException("item is an interface");

    public bool Equals(AstItem other) => Kind == other.Kind && _index == other._index;
    public override bool Equals(object? obj) => obj is AstItem other && Equals(other);
    public override int GetHashCode() => ((int)Kind << 24) ^ _index;
    public override string ToString() => (Kind == AstItemKind.Interface ? "interface " : "world ") + _index;
}

/// <summary>
/// The packages parsed from one set of source files (wit-parser's UnresolvedPackageGroup): the main
/// package, the nested <c>package x { }</c> packages, and the source map their spans point into.
/// </summary>
public sealed class UnresolvedPackageGroup
{
    public UnresolvedPackageGroup(UnresolvedPackage main, SourceMap sourceMap)
    {
        Main = main;
        SourceMap = sourceMap;
    }

    public UnresolvedPackage Main { get; set; }

    public List<UnresolvedPackage> Nested { get; } = new();

    public SourceMap SourceMap { get; set; }
}
