using System.Collections.Generic;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Symbols;

/// <summary>
/// Gathers the symbols and references of one load while the resolver runs. Names into other packages are
/// recorded by name and linked once every package is known (<see cref="Build"/>); links into the model are added
/// per package as it is pushed into the Resolve (<see cref="PackageSymbols.Bind"/>).
/// </summary>
internal sealed class SymbolCollector
{
    private readonly SourceMap _sources;
    private readonly List<WitSymbol> _symbols = new();
    private readonly List<PendingReference> _references = new();
    private readonly List<(WitSymbol Use, ForeignName Target)> _foreignAliases = new();
    private readonly Dictionary<WitSymbol, Dictionary<string, WitSymbol>> _members = new();
    private readonly Dictionary<PackageName, WitSymbol> _packages = new();
    private SourceFile? _lastFile;

    public SymbolCollector(SourceMap sources) => _sources = sources;

    /// <summary>Records a definition; it becomes a member of <paramref name="container"/> (found by name from other
    /// packages) unless <paramref name="member"/> is false or the name is taken.</summary>
    public WitSymbol Define(WitSymbolKind kind, string name, Span nameSpan, Span span, WitSymbol? container, string? docs,
        Stability? stability = null, bool member = true)
    {
        var symbol = new WitSymbol(kind, name, nameSpan, span, container, FileOf(nameSpan), docs, stability ?? Stability.Unknown);
        _symbols.Add(symbol);
        if (member && container != null)
        {
            if (!_members.TryGetValue(container, out var members)) _members.Add(container, members = new Dictionary<string, WitSymbol>());
            if (!members.ContainsKey(name)) members.Add(name, symbol);
        }
        return symbol;
    }

    /// <summary>Records a package definition; the first package of a name is the one other packages link to.</summary>
    public WitSymbol DefinePackage(PackageName name, Span nameSpan, Span span, string? docs)
    {
        var symbol = Define(WitSymbolKind.Package, name.ToString(), nameSpan, span, null, docs);
        symbol.PackageName = name;
        if (!_packages.ContainsKey(name)) _packages.Add(name, symbol);
        return symbol;
    }

    /// <summary>The member of a container named <paramref name="name"/>, if recorded.</summary>
    public WitSymbol? Member(WitSymbol? container, string name) =>
        container != null && _members.TryGetValue(container, out var members) && members.TryGetValue(name, out var symbol) ? symbol : null;

    public void Reference(Span span, WitReferenceKind kind, WitSymbol? target)
    {
        if (span.IsKnown) _references.Add(new PendingReference(span, kind, target, null));
    }

    /// <summary>A reference into another package, linked by name in <see cref="Build"/>.</summary>
    public void ForeignReference(Span span, WitReferenceKind kind, ForeignName target)
    {
        if (span.IsKnown) _references.Add(new PendingReference(span, kind, null, target));
    }

    /// <summary>Sets the <see cref="WitSymbol.AliasOf"/> of a <c>use</c> of another package's item by name, in
    /// <see cref="Build"/>.</summary>
    public void ForeignAlias(WitSymbol use, ForeignName target) => _foreignAliases.Add((use, target));

    /// <summary>Links the names into other packages and freezes everything into an index.</summary>
    public WitSymbolIndex Build()
    {
        foreach (var (use, target) in _foreignAliases) use.AliasOf ??= Find(target);
        var references = new List<WitReference>(_references.Count);
        foreach (var pending in _references)
        {
            var symbol = pending.Target ?? (pending.Foreign is { } foreign ? Find(foreign) : null);
            references.Add(new WitReference(pending.Span, pending.Kind, symbol));
        }
        return new WitSymbolIndex(_symbols, references);
    }

    private WitSymbol? Find(ForeignName name)
    {
        if (!_packages.TryGetValue(name.Package, out var package)) return null;
        if (name.Item is null) return package;
        var item = Member(package, name.Item);
        return name.Member is null ? item : Member(item, name.Member);
    }

    private SourceFile? FileOf(Span span)
    {
        if (!span.IsKnown) return null;
        if (_lastFile != null && _lastFile.Contains(span.Start)) return _lastFile;
        return _lastFile = _sources.FileAt(span.Start);
    }

    private readonly struct PendingReference
    {
        public PendingReference(Span span, WitReferenceKind kind, WitSymbol? target, ForeignName? foreign)
        {
            Span = span;
            Kind = kind;
            Target = target;
            Foreign = foreign;
        }

        public Span Span { get; }
        public WitReferenceKind Kind { get; }
        public WitSymbol? Target { get; }
        public ForeignName? Foreign { get; }
    }
}

/// <summary>A name in another package: the package, optionally an interface or world of it, optionally a member of that.</summary>
internal readonly struct ForeignName
{
    public ForeignName(PackageName package, string? item = null, string? member = null)
    {
        Package = package;
        Item = item;
        Member = member;
    }

    public PackageName Package { get; }
    public string? Item { get; }
    public string? Member { get; }
}

/// <summary>What a symbol stands for in its package's local arenas, mapped to Resolve ids when the package is pushed.</summary>
internal enum LocalLinkKind
{
    Interface,
    World,
    Type,

    /// <summary>A function of the interface (index) or, with a negative index -1-w, of world w.</summary>
    Function,
}

/// <summary>The symbols of one package and their links into its local arenas.</summary>
internal sealed class PackageSymbols
{
    private readonly List<(WitSymbol Symbol, LocalLinkKind Kind, int Index, Function? Function)> _links = new();

    public WitSymbol? Package { get; set; }

    public void Link(WitSymbol symbol, LocalLinkKind kind, int index, Function? function = null) =>
        _links.Add((symbol, kind, index, function));

    /// <summary>Sets the model links once the package is in the Resolve.</summary>
    public void Bind(PackageId id, Resolve resolve, ILocalIdMap map)
    {
        if (Package != null && Package.PackageId is null) Package.PackageId = id;
        foreach (var (symbol, kind, index, function) in _links)
        {
            switch (kind)
            {
                case LocalLinkKind.Interface:
                    symbol.InterfaceId = map.Interface(index);
                    break;
                case LocalLinkKind.World:
                    symbol.WorldId = map.World(index);
                    break;
                case LocalLinkKind.Type:
                    symbol.TypeId = map.Type(index);
                    break;
                case LocalLinkKind.Function:
                    if (function != null && Contains(resolve, map, index, function)) symbol.Function = function;
                    break;
            }
        }
    }

    // Whether the function survived feature gating (it is still one of its owner's functions).
    private static bool Contains(Resolve resolve, ILocalIdMap map, int owner, Function function)
    {
        if (owner >= 0)
        {
            return map.Interface(owner) is { } iface && resolve.Interfaces[iface].Functions.TryGetValue(function.Name, out var f)
                && ReferenceEquals(f, function);
        }
        if (map.World(-1 - owner) is not { } world) return false;
        foreach (var items in new[] { resolve.Worlds[world].Imports, resolve.Worlds[world].Exports })
        {
            foreach (var item in items.Values)
            {
                if (item is FunctionWorldItem f && ReferenceEquals(f.Function, function)) return true;
            }
        }
        return false;
    }
}

/// <summary>Local arena index → Resolve id of one pushed package (null for items left out).</summary>
internal interface ILocalIdMap
{
    InterfaceId? Interface(int localIndex);
    WorldId? World(int localIndex);
    TypeId? Type(int localIndex);
}
