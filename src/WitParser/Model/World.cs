using System;
using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Model;

/// <summary>A world: imported and exported interfaces, functions and types (wit-parser's World).</summary>
public sealed class World
{
    public World(string name) => Name = name;

    public string Name { get; set; }

    public OrderedMap<WorldKey, WorldItem> Imports { get; set; } = new();

    public OrderedMap<WorldKey, WorldItem> Exports { get; set; } = new();

    /// <summary>The owning package (null only inside an UnresolvedPackage before pushing).</summary>
    public PackageId? Package { get; set; }

    public Docs Docs { get; set; }

    public Stability Stability { get; set; } = Stability.Unknown;

    /// <summary>The <c>include</c> statements; empty once the world is elaborated in a Resolve.</summary>
    public List<WorldInclude> Includes
    {
        get => _includes ??= new();
        set => _includes = value;
    }

    // Created on first use (the builders usually set a presized one).
    private List<WorldInclude>? _includes;

    /// <summary>The includes resolution applied (ids of resolved worlds); not serialized. Resolution empties
    /// <see cref="Includes"/> like wit-parser does, but the printer needs them to print the world as written.</summary>
    public List<WorldInclude> AppliedIncludes
    {
        get => _appliedIncludes ??= new();
        set => _appliedIncludes = value;
    }

    // Created on first use (the builders usually set a presized one).
    private List<WorldInclude>? _appliedIncludes;

    /// <summary>Keys of the imports written in the world itself (not included, not implied by elaboration), in
    /// the order elaboration processed them; null for worlds not produced by resolution. Not serialized. The
    /// printer prints only these (plus <see cref="AppliedIncludes"/>), in this order, so that resolving the
    /// printed text elaborates the world again exactly as before.</summary>
    public List<WorldKey>? WrittenImports { get; set; }

    /// <summary>Keys of the exports written in the world, in source order (see <see cref="WrittenImports"/>).</summary>
    public List<WorldKey>? WrittenExports { get; set; }

    public Span Span { get; set; } = Span.Unknown;

    public override string ToString() => Name;
}

/// <summary>An <c>include</c> statement of a world.</summary>
public sealed class WorldInclude
{
    public WorldInclude(WorldId id) => Id = id;

    public Stability Stability { get; set; } = Stability.Unknown;

    /// <summary>The included world.</summary>
    public WorldId Id { get; set; }

    /// <summary>The <c>with { a as b }</c> renames.</summary>
    public List<IncludeName> Names { get; set; } = new();

    public Span Span { get; set; } = Span.Unknown;
}

/// <summary>One <c>name as new-name</c> rename of an include.</summary>
public sealed class IncludeName
{
    public IncludeName(string name, string @as)
    {
        Name = name;
        As = @as;
    }

    public string Name { get; set; }
    public string As { get; set; }
    public Span Span { get; set; } = Span.Unknown;
}

/// <summary>The key of a world import/export: a kebab-name, or an interface imported by path.</summary>
public readonly struct WorldKey : IEquatable<WorldKey>
{
    private WorldKey(string? name, InterfaceId interfaceId)
    {
        Name = name;
        _interface = interfaceId;
    }

    private readonly InterfaceId _interface;

    public static WorldKey OfName(string name) => new(name ?? throw new ArgumentNullException(nameof(name)), default);
    public static WorldKey OfInterface(InterfaceId id) => new(null, id);

    /// <summary>The kebab-name, or null for an interface key.</summary>
    public string? Name { get; }

    public bool IsName => Name is not null;
    public bool IsInterface => Name is null;

    /// <summary>The interface of an interface key.</summary>
    public InterfaceId Interface => Name is null ? _interface : throw new InvalidOperationException("world key is a name");

    public bool TryGetInterface(out InterfaceId id)
    {
        id = _interface;
        return Name is null;
    }

    public bool Equals(WorldKey other) => Name is null ? other.Name is null && _interface == other._interface : Name == other.Name;
    public override bool Equals(object? obj) => obj is WorldKey other && Equals(other);
    public override int GetHashCode() => Name is null ? 0x5a5a0000 ^ _interface.Index : StringComparer.Ordinal.GetHashCode(Name);
    public static bool operator ==(WorldKey a, WorldKey b) => a.Equals(b);
    public static bool operator !=(WorldKey a, WorldKey b) => !a.Equals(b);

    /// <summary>The name, or <c>interface-N</c> for an interface key (the form wit-parser's JSON uses).</summary>
    public override string ToString() => Name ?? "interface-" + _interface.Index;
}

/// <summary>An imported or exported item of a world.</summary>
public abstract class WorldItem
{
    private protected WorldItem() { }

    public abstract Span Span { get; set; }

    /// <summary>The item's stability (a type item's is that of its TypeDef).</summary>
    public Stability GetStability(Resolve resolve) => this switch
    {
        InterfaceWorldItem i => i.Stability,
        FunctionWorldItem f => f.Function.Stability,
        TypeWorldItem t => resolve.Types[t.Id].Stability,
        _ => Stability.Unknown,
    };
}

/// <summary>An interface imported or exported by a world (by path or inline).</summary>
public sealed class InterfaceWorldItem : WorldItem
{
    public InterfaceWorldItem(InterfaceId id) => Id = id;

    public InterfaceId Id { get; set; }
    public Stability Stability { get; set; } = Stability.Unknown;

    /// <summary>The <c>@external-id("...")</c> attribute, if any.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Docs on the <c>import</c>/<c>export</c> statement itself.</summary>
    public Docs Docs { get; set; }

    public override Span Span { get; set; } = Span.Unknown;
}

/// <summary>A function imported or exported directly by a world.</summary>
public sealed class FunctionWorldItem : WorldItem
{
    public FunctionWorldItem(Function function) => Function = function;

    public Function Function { get; set; }

    public override Span Span
    {
        get => Function.Span;
        set => Function.Span = value;
    }
}

/// <summary>A type defined in (or used into) a world; types are only ever imports.</summary>
public sealed class TypeWorldItem : WorldItem
{
    public TypeWorldItem(TypeId id) => Id = id;

    public TypeId Id { get; set; }
    public override Span Span { get; set; } = Span.Unknown;
}
