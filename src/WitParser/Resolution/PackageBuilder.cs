using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;
using ModelDocs = WitTools.WitParser.Model.Docs;
using SyntaxDocs = WitTools.WitParser.Syntax.Docs;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Builds one <see cref="UnresolvedPackage"/> from the syntax trees of its files (wit-parser's
/// <c>ast::Resolver</c>): every name inside the package is resolved, references to other packages become
/// placeholder interfaces/worlds recorded in <see cref="UnresolvedPackage.ForeignDeps"/>, and all the
/// per-package validations run.
/// </summary>
/// <remarks>
/// <para>The order in which items are allocated and errors are checked follows wit-parser step by step: the
/// arenas' order is visible in the JSON output, and which error comes first is visible in messages.</para>
/// <para>Errors do not stop the work: each is reported to the <see cref="DiagnosticSink"/> and the item is left
/// out, or a name that did not resolve becomes an error type (a <see cref="TypeDef"/> of
/// <see cref="UnknownKind"/> without owner), so everything else is still resolved and checked and no error
/// is a mere consequence of another. When a <see cref="SymbolCollector"/> is given, every definition and
/// reference is recorded in it as it is resolved.</para>
/// </remarks>
internal sealed partial class PackageBuilder
{
    private readonly DiagnosticSink _errors;
    private readonly SymbolCollector? _symbols;
    private readonly PackageSymbols? _packageSymbols;

    // Package name learned from the files pushed so far, and where it was declared.
    private PackageName? _packageName;
    private Span _packageNameSpan = Span.Unknown;
    private ModelDocs _packageDocs;

    // One item list per pushed file (or per nested package block).
    private readonly List<IReadOnlyList<DeclItemSyntax>> _declLists = new();

    private readonly Arena<TypeId, TypeDef> _types;
    private readonly Arena<InterfaceId, Interface> _interfaces = new();
    private readonly Arena<WorldId, World> _worlds = new();

    // Interning of anonymous types such as `list<string>` by their structure.
    private readonly Dictionary<AnonKey, TypeId> _anonTypes;

    // Index into _astItems of the file whose names are in scope.
    private int _curAstIndex;

    // Per file: the top-level names in scope (interfaces, worlds and top-level `use`s of that file), and the
    // names whose definition failed (uses of them are not errors again).
    private readonly List<Dictionary<string, AstItem>> _astItems = new();
    private readonly List<HashSet<string>> _failedFileNames = new();
    private readonly List<Dictionary<string, WitSymbol>> _fileSymbols = new();

    // Interfaces and worlds defined anywhere in the package.
    private readonly Dictionary<string, AstItem> _packageItems = new();

    // Per interface (parallel to _interfaces): its names (types and functions) once resolved, and whether it is
    // resolved (an interface in a `use` cycle is used before; its names then fail silently).
    private readonly List<OrderedMap<string, NameEntry>> _interfaceTypes = new();
    private readonly List<bool> _interfaceResolved = new();

    // Symbols of the package's interfaces and worlds (parallel to the arenas; null for foreign placeholders).
    private readonly List<WitSymbol?> _interfaceSymbols = new();
    private readonly List<WitSymbol?> _worldSymbols = new();

    // Foreign package → interface/world name → placeholder item and referrers' stabilities.
    private readonly OrderedMap<PackageName, OrderedMap<string, ForeignDependency>> _foreignDeps = new();
    private readonly HashSet<InterfaceId> _foreignInterfaces = new();
    private readonly HashSet<WorldId> _foreignWorlds = new();
    private readonly Dictionary<AstItem, ForeignName> _foreignNames = new();

    // Names of the interface or world being resolved, and the symbol they belong to.
    private OrderedMap<string, NameEntry> _typeLookup = new();
    private WitSymbol? _scopeSymbol;

    // Names declared in the interface or world being resolved whose definition has not been reached (only
    // possible through a reported cycle); references to them fail silently.
    private HashSet<string>? _pendingTypeNames;

    private readonly List<Span> _unknownTypeSpans = new();
    private readonly List<Span> _foreignDepSpans = new();
    private readonly List<(TypeId, Span)> _requiredResourceTypes = new();

    /// <param name="sizeHint">The package's source size in bytes, to size the tables up front.</param>
    public PackageBuilder(DiagnosticSink errors, SymbolCollector? symbols = null, int sizeHint = 0)
    {
        _errors = errors;
        _symbols = symbols;
        if (symbols != null) _packageSymbols = new PackageSymbols();
        // Typical WIT has a type per ~150 bytes, an anonymous one per ~500.
        _types = new Arena<TypeId, TypeDef>(sizeHint / 128);
        _anonTypes = new Dictionary<AnonKey, TypeId>(sizeHint / 512);
    }

    /// <summary>A name inside an interface or world: a type, or another kind of item ("function").</summary>
    private readonly struct NameEntry
    {
        public NameEntry(TypeId type, Span span, WitSymbol? symbol)
        {
            Type = type;
            ItemKind = null;
            Span = span;
            Symbol = symbol;
        }

        public NameEntry(string itemKind, Span span, WitSymbol? symbol)
        {
            Type = default;
            ItemKind = itemKind;
            Span = span;
            Symbol = symbol;
        }

        public TypeId Type { get; }

        /// <summary>Null for a type; otherwise what the name is ("function").</summary>
        public string? ItemKind { get; }

        public bool IsType => ItemKind == null;
        public Span Span { get; }
        public WitSymbol? Symbol { get; }
    }

    /// <summary>Whether a `use`/`include`/import path refers to a world, an interface, or either (top-level use).</summary>
    private enum PathTarget
    {
        World,
        Interface,
        Unknown,
    }

    /// <summary>Callback of <see cref="ForEachPath"/>: (owner interface/world name or null, attributes, path,
    /// imported names or null, what the path must name).</summary>
    private delegate void PathVisitor(Identifier? owner, IReadOnlyList<AttributeSyntax> attributes, UsePathSyntax path,
        IReadOnlyList<UseNameSyntax>? names, PathTarget target);

    /// <summary>Adds one file (or one nested package block) of the package.</summary>
    /// <param name="block">The whole `package x:y { … }` block of a nested package (the package symbol's span).</param>
    public void Push(PackageNameSyntax? header, IReadOnlyList<DeclItemSyntax> items, Span? block = null)
    {
        // Only one file needs the `package` header, but all headers must agree.
        if (header != null && !header.Namespace.IsMissing && !header.Name.IsMissing)
        {
            var name = ToPackageName(header);
            if (_packageName != null && !name.Equals(_packageName))
            {
                _errors.Error($"package identifier `{name}` does not match previous package name of `{_packageName}`", header.Span);
            }
            else
            {
                var docs = Docs(header.Docs);
                if (docs.Contents != null)
                {
                    if (_packageDocs.Contents != null) _errors.Error("found doc comments on multiple 'package' items", header.Docs.Span);
                    else _packageDocs = docs;
                }
                if (_symbols != null)
                {
                    if (_packageSymbols!.Package == null) _packageSymbols.Package = _symbols.DefinePackage(name, header.Span, block ?? header.Span, docs.Contents);
                    else _symbols.Reference(header.Span, WitReferenceKind.PackageHeader, _packageSymbols.Package);
                }
                // As in wit-parser, the last header's span is the package's.
                _packageName = name;
                _packageNameSpan = header.Span;
            }
        }

        // Nested packages of top-level files are split off before pushing; any left are nested twice.
        List<DeclItemSyntax>? kept = null;
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is NestedPackageSyntax nested)
            {
                _errors.Error("nested packages must be placed at the top-level", nested.Name.Span);
                if (kept == null)
                {
                    kept = new List<DeclItemSyntax>(items.Count);
                    for (int j = 0; j < i; j++) kept.Add(items[j]);
                }
                continue;
            }
            kept?.Add(items[i]);
        }
        _declLists.Add((IReadOnlyList<DeclItemSyntax>?)kept ?? items);
    }

    /// <summary>Resolves everything pushed so far into an <see cref="UnresolvedPackage"/>; with errors (see the
    /// <see cref="DiagnosticSink"/>), one holding what did resolve.</summary>
    public UnresolvedPackage Resolve()
    {
        bool unnamed = _packageName == null;
        if (unnamed)
        {
            _errors.Error("no `package` header was found in any WIT file for this package", Span.Unknown);
        }

        // The structure of the package first: foreign dependencies, the package's interfaces and worlds
        // in dependency order, and placeholder types for everything used from foreign interfaces.
        PopulateForeignDeps();
        var (interfaces, worlds) = PopulateAstItems();
        PopulateForeignTypes();

        foreach (var (id, syntax, file) in interfaces)
        {
            _curAstIndex = file;
            ResolveInterface(id, syntax.Items, syntax.Docs, syntax.Attributes, _interfaceSymbols[id.Index]);
        }
        foreach (var (id, syntax, file) in worlds)
        {
            _curAstIndex = file;
            ResolveWorld(id, syntax);
        }

        var package = BuildPackage(_packageName ?? new PackageName("unnamed", "unnamed"));
        package.IsUnnamed = unnamed;
        return package;
    }

    private UnresolvedPackage BuildPackage(PackageName name)
    {
        var package = new UnresolvedPackage(name, _worlds, _interfaces, _types)
        {
            Docs = _packageDocs,
            PackageNameSpan = _packageNameSpan,
            Symbols = _packageSymbols,
        };
        foreach (var dep in _foreignDeps) package.ForeignDeps.Add(dep.Key, dep.Value);
        package.UnknownTypeSpans.AddRange(_unknownTypeSpans);
        package.ForeignDepSpans.AddRange(_foreignDepSpans);
        package.RequiredResourceTypes.AddRange(_requiredResourceTypes);
        return package;
    }

    // ---- package structure ---------------------------------------------------------------------------

    /// <summary>
    /// Visits every path of a file that names an interface or world, in wit-parser's order (a world's
    /// `use`s and `include`s first, then its imports, then its exports).
    /// </summary>
    private static void ForEachPath(IReadOnlyList<DeclItemSyntax> items, PathVisitor visit)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case WorldSyntax world:
                {
                    var imports = new List<WorldExternSyntax>();
                    var exports = new List<WorldExternSyntax>();
                    foreach (var worldItem in world.Items)
                    {
                        switch (worldItem)
                        {
                            case UseSyntax use:
                                visit(null, use.Attributes, use.From, use.Names, PathTarget.Interface);
                                break;
                            case IncludeSyntax include:
                                visit(world.Name, include.Attributes, include.From, null, PathTarget.World);
                                break;
                            case ImportSyntax import:
                                imports.Add(import);
                                break;
                            case ExportSyntax export:
                                exports.Add(export);
                                break;
                        }
                    }
                    foreach (var ext in imports) VisitExtern(ext, visit);
                    foreach (var ext in exports) VisitExtern(ext, visit);
                    break;
                }
                case InterfaceSyntax iface:
                    foreach (var ifaceItem in iface.Items)
                    {
                        if (ifaceItem is UseSyntax use)
                        {
                            visit(iface.Name, use.Attributes, use.From, use.Names, PathTarget.Interface);
                        }
                    }
                    break;
                case ToplevelUseSyntax use:
                    // A top-level use could name a world or an interface; it is treated as an interface.
                    visit(null, use.Attributes, use.Item, null, PathTarget.Unknown);
                    break;
                case NestedPackageSyntax nested:
                    ForEachPath(nested.Items, visit);
                    break;
            }
        }
    }

    private static void VisitExtern(WorldExternSyntax ext, PathVisitor visit)
    {
        switch (ext.Kind)
        {
            case InterfaceExternSyntax inline:
                foreach (var ifaceItem in inline.Items)
                {
                    if (ifaceItem is UseSyntax use)
                    {
                        visit(null, use.Attributes, use.From, use.Names, PathTarget.Interface);
                    }
                }
                break;
            case PathExternSyntax path:
                visit(null, ext.Attributes, path.Path, null, PathTarget.Interface);
                break;
            case NamedPathExternSyntax named:
                visit(null, ext.Attributes, named.Path, null, PathTarget.Interface);
                break;
        }
    }

    /// <summary>Whether a path was broken by a syntax error (already reported; nothing to resolve).</summary>
    private static bool IsBroken(UsePathSyntax path) =>
        path.Name.IsMissing || path.Package is { } p && (p.Namespace.IsMissing || p.Name.IsMissing);

    /// <summary>Registers a placeholder interface or world for every `ns:pkg/name` path.</summary>
    private void PopulateForeignDeps()
    {
        foreach (var items in _declLists)
        {
            ForEachPath(items, (_, attributes, path, _, target) =>
            {
                if (path.Package == null || IsBroken(path)) return;
                var stability = Stability(attributes);
                var packageName = ToPackageName(path.Package);
                if (!_foreignDeps.TryGetValue(packageName, out var deps))
                {
                    deps = new OrderedMap<string, ForeignDependency>();
                    _foreignDeps.Add(packageName, deps);
                    _foreignDepSpans.Add(path.Package.Span);
                }
                if (!deps.TryGetValue(path.Name.Name, out var dep))
                {
                    // A top-level use is assumed to name an interface.
                    var placeholder = target == PathTarget.World
                        ? AstItem.OfWorld(AllocWorld(path.Name.Span, null))
                        : AstItem.OfInterface(AllocInterface(path.Name.Span, null));
                    dep = new ForeignDependency(placeholder);
                    deps.Add(path.Name.Name, dep);
                    _foreignNames[placeholder] = new ForeignName(packageName, path.Name.Name);
                }
                dep.Stabilities.Add(stability);
                if (dep.Item.Kind == AstItemKind.Interface) _foreignInterfaces.Add(dep.Item.Interface);
                else _foreignWorlds.Add(dep.Item.World);
            });
        }
    }

    private InterfaceId AllocInterface(Span span, WitSymbol? symbol)
    {
        _interfaceTypes.Add(new OrderedMap<string, NameEntry>());
        _interfaceResolved.Add(false);
        _interfaceSymbols.Add(symbol);
        var id = _interfaces.Alloc(new Interface(null) { Span = span });
        if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.Interface, id.Index);
        return id;
    }

    private WorldId AllocWorld(Span span, WitSymbol? symbol)
    {
        _worldSymbols.Add(symbol);
        var id = _worlds.Alloc(new World(string.Empty) { Span = span });
        if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.World, id.Index);
        return id;
    }

    /// <summary>The source of a top-level name of one file: a local interface/world name, or a foreign package.</summary>
    private readonly struct FileName
    {
        public FileName(Identifier? local) => Local = local;

        /// <summary>The local interface or world this name stands for; null for a foreign item.</summary>
        public Identifier? Local { get; }
    }

    /// <summary>
    /// Creates the package's interfaces and worlds in dependency order (as induced by `use` and `include`),
    /// checks their names, and builds each file's table of top-level names. Items defined twice are created
    /// too (after the others, without a name in the package's tables) so their contents are still checked.
    /// </summary>
    private (List<(InterfaceId, InterfaceSyntax, int)> Interfaces, List<(WorldId, WorldSyntax, int)> Worlds) PopulateAstItems()
    {
        // Interface and world names must be unique across all files of the package.
        int itemCount = 0;
        foreach (var items in _declLists) itemCount += items.Count;
        var packageItemSpans = new Dictionary<string, Span>(itemCount);
        var firstDefinitions = new Dictionary<string, (DeclItemSyntax Item, int File)>(itemCount);
        var duplicates = new List<(DeclItemSyntax Item, int File)>();
        var order = new OrderedMap<string, List<NameRef>>(itemCount);
        for (int file = 0; file < _declLists.Count; file++)
        {
            foreach (var item in _declLists[file])
            {
                Identifier name;
                switch (item)
                {
                    case InterfaceSyntax iface: name = iface.Name; break;
                    case WorldSyntax world: name = world.Name; break;
                    default: continue;
                }
                if (name.IsMissing || packageItemSpans.ContainsKey(name.Name))
                {
                    if (!name.IsMissing) _errors.Error($"duplicate item named `{name.Name}`", name.Span);
                    duplicates.Add((item, file));
                    continue;
                }
                packageItemSpans.Add(name.Name, name.Span);
                firstDefinitions.Add(name.Name, (item, file));
                order.Add(name.Name, new List<NameRef>());
            }
        }

        // Dependencies between this package's items, from each file's point of view (its own top-level
        // `use`s can rename items; foreign items do not take part in the ordering).
        foreach (var items in _declLists)
        {
            var fileNames = new Dictionary<string, FileName>(items.Count);
            foreach (var item in items)
            {
                Identifier name;
                FileName source;
                switch (item)
                {
                    case ToplevelUseSyntax use:
                        name = use.As ?? use.Item.Name;
                        source = new FileName(use.Item.Package == null ? use.Item.Name : null);
                        break;
                    case InterfaceSyntax iface:
                        name = iface.Name;
                        source = new FileName(iface.Name);
                        break;
                    case WorldSyntax world:
                        name = world.Name;
                        source = new FileName(world.Name);
                        break;
                    default:
                        continue;
                }
                if (name.IsMissing) continue;
                if (fileNames.ContainsKey(name.Name))
                {
                    _errors.Error($"duplicate name `{name.Name}` in this file", name.Span);
                    continue;
                }
                fileNames.Add(name.Name, source);
            }

            ForEachPath(items, (owner, _, path, _, target) =>
            {
                // Paths in worlds (other than includes) do not order anything; nor do those of a duplicate.
                if (owner is not { } ownerName || path.Package != null || IsBroken(path)) return;
                if (!packageItemSpans.TryGetValue(ownerName.Name, out var ownerSpan) || ownerSpan != ownerName.Span) return;
                var used = path.Name;
                if (fileNames.TryGetValue(used.Name, out var source))
                {
                    if (source.Local is { } local) order[ownerName.Name].Add(new NameRef(local.Name, local.Span));
                }
                else if (packageItemSpans.ContainsKey(used.Name))
                {
                    order[ownerName.Name].Add(new NameRef(used.Name, used.Span));
                }
                else
                {
                    // A misspelled name: ordered after the item that stands in for it (see ResolveAstItemPath).
                    var suggestion = NameSuggestion.Nearest(used.Name, ItemNames(firstDefinitions, target, ownerName.Name));
                    _errors.Add(InterfaceToposort.NotFound("interface or world", used.Name, used.Span, suggestion: suggestion));
                    if (suggestion != null) order[ownerName.Name].Add(new NameRef(suggestion, used.Span));
                }
            });
        }

        var sorted = InterfaceToposort.Sort("interface or world", order, _errors);

        // Allocate in dependency order (then the duplicates), then build each file's name table.
        var ids = new Dictionary<string, AstItem>(sorted.Count);
        var interfaces = new List<(InterfaceId, InterfaceSyntax, int)>(sorted.Count);
        var worlds = new List<(WorldId, WorldSyntax, int)>();
        foreach (var name in sorted)
        {
            var (item, file) = firstDefinitions[name];
            ids.Add(name, AllocItem(item, file, interfaces, worlds, isDuplicate: false));
        }
        foreach (var (item, file) in duplicates) AllocItem(item, file, interfaces, worlds, isDuplicate: true);

        for (int file = 0; file < _declLists.Count; file++)
        {
            var fileItems = new Dictionary<string, AstItem>(_declLists[file].Count);
            var failed = new HashSet<string>();
            var symbols = new Dictionary<string, WitSymbol>(_symbols == null ? 0 : _declLists[file].Count);
            foreach (var item in _declLists[file])
            {
                switch (item)
                {
                    case ToplevelUseSyntax use:
                        DefineToplevelUse(use, ids, fileItems, failed, symbols);
                        break;
                    case InterfaceSyntax iface when ids.TryGetValue(iface.Name.Name, out var id) && ReferenceEquals(firstDefinitions[iface.Name.Name].Item, item):
                        AddFileItem(iface.Name.Name, id, fileItems, symbols);
                        _packageItems[iface.Name.Name] = id;
                        break;
                    case WorldSyntax world when ids.TryGetValue(world.Name.Name, out var id) && ReferenceEquals(firstDefinitions[world.Name.Name].Item, item):
                        AddFileItem(world.Name.Name, id, fileItems, symbols);
                        _packageItems[world.Name.Name] = id;
                        break;
                }
            }
            _astItems.Add(fileItems);
            _failedFileNames.Add(failed);
            _fileSymbols.Add(symbols);
        }
        return (interfaces, worlds);
    }

    private AstItem AllocItem(DeclItemSyntax item, int file, List<(InterfaceId, InterfaceSyntax, int)> interfaces,
        List<(WorldId, WorldSyntax, int)> worlds, bool isDuplicate)
    {
        var container = _packageSymbols?.Package;
        if (item is InterfaceSyntax iface)
        {
            var symbol = _symbols?.Define(WitSymbolKind.Interface, iface.Name.Name, iface.Name.Span, iface.Span, container,
                iface.Docs.Contents, Stability(iface.Attributes), member: !isDuplicate);
            var id = AllocInterface(iface.Name.Span, symbol);
            _interfaces[id].Name = iface.Name.Name;
            interfaces.Add((id, iface, file));
            return AstItem.OfInterface(id);
        }
        var world = (WorldSyntax)item;
        var worldSymbol = _symbols?.Define(WitSymbolKind.World, world.Name.Name, world.Name.Span, world.Span, container,
            world.Docs.Contents, Stability(world.Attributes), member: !isDuplicate);
        var worldId = AllocWorld(world.Name.Span, worldSymbol);
        _worlds[worldId].Name = world.Name.Name;
        worlds.Add((worldId, world, file));
        return AstItem.OfWorld(worldId);
    }

    private void AddFileItem(string name, AstItem item, Dictionary<string, AstItem> fileItems, Dictionary<string, WitSymbol> symbols)
    {
        if (!fileItems.ContainsKey(name)) fileItems.Add(name, item);
        if (SymbolOf(item) is { } symbol && !symbols.ContainsKey(name)) symbols.Add(name, symbol);
    }

    /// <summary>`use path [as name];` at package level: a name for an interface or world, visible in its file.</summary>
    private void DefineToplevelUse(ToplevelUseSyntax use, Dictionary<string, AstItem> ids, Dictionary<string, AstItem> fileItems,
        HashSet<string> failed, Dictionary<string, WitSymbol> symbols)
    {
        if (use.Attributes.Count != 0)
        {
            _errors.Error("attributes not allowed on top-level use", use.UseSpan);
        }
        var name = use.As ?? use.Item.Name;
        if (name.IsMissing || IsBroken(use.Item)) return;
        AstItem? target = null;
        bool standIn = false;
        if (use.Item.Package == null)
        {
            if (ids.TryGetValue(use.Item.Name.Name, out var local)) target = local;
            else
            {
                var written = use.Item.Name;
                var suggestion = NameSuggestion.Nearest(written.Name, ids.Keys);
                _errors.Add(InterfaceToposort.NotFound("interface or world", written.Name, written.Span, suggestion: suggestion));
                if (suggestion != null && _errors.StandIn(written.Span, written.Name, suggestion, KindName(ids[suggestion].Kind)))
                {
                    target = ids[suggestion];
                    standIn = true;
                }
            }
        }
        else
        {
            target = _foreignDeps[ToPackageName(use.Item.Package)][use.Item.Name.Name].Item;
        }

        WitSymbol? symbol = null;
        if (_symbols != null)
        {
            symbol = _symbols.Define(WitSymbolKind.Use, name.Name, name.Span, use.Span, _packageSymbols!.Package, null, member: false);
            RecordPath(use.Item, standIn ? null : target, target is { Kind: AstItemKind.World } ? WitReferenceKind.World : WitReferenceKind.Interface);
            if (!standIn && target is { } t)
            {
                if (SymbolOf(t) is { } local) symbol.AliasOf = local;
                else if (_foreignNames.TryGetValue(t, out var foreign)) _symbols.ForeignAlias(symbol, foreign);
                if (t.Kind == AstItemKind.Interface) _packageSymbols.Link(symbol, LocalLinkKind.Interface, t.Interface.Index);
                else _packageSymbols.Link(symbol, LocalLinkKind.World, t.World.Index);
            }
        }

        // Names brought in by `use` are visible in this file only (a name defined twice was reported).
        if (fileItems.ContainsKey(name.Name)) return;
        if (target is { } found) fileItems.Add(name.Name, found);
        else failed.Add(name.Name);
        if (symbol != null && !symbols.ContainsKey(name.Name)) symbols.Add(name.Name, symbol);
    }

    /// <summary>
    /// Creates a type of unknown structure for every name used from a foreign interface (resolved later,
    /// against the dependency). These types come first in the type arena.
    /// </summary>
    private void PopulateForeignTypes()
    {
        for (int i = 0; i < _declLists.Count; i++)
        {
            _curAstIndex = i;
            ForEachPath(_declLists[i], (_, attributes, path, names, _) =>
            {
                if (names == null) return;
                var stability = Stability(attributes);
                var externalId = ExternalId(attributes);
                if (ResolveAstItemPath(path, PathTarget.Interface) is not { } resolved) return;
                if (ExtractInterface(resolved.Item, resolved.Name, resolved.Span) is not { } iface) return;
                if (!_foreignInterfaces.Contains(iface)) return;

                var lookup = _interfaceTypes[iface.Index];
                foreach (var useName in names)
                {
                    var name = useName.Name;
                    if (name.IsMissing || lookup.ContainsKey(name.Name)) continue;
                    var id = _types.Alloc(new TypeDef(name.Name, new UnknownKind(), TypeOwner.OfInterface(iface))
                    {
                        Stability = stability,
                        Span = name.Span,
                        ExternalId = externalId,
                    });
                    _unknownTypeSpans.Add(name.Span);
                    lookup.Add(name.Name, new NameEntry(id, name.Span, null));
                    _interfaces[iface].Types.Add(name.Name, id);
                }
            });
        }
    }

    /// <summary>A resolved path: the interface or world it names, with the name and span to report errors at.</summary>
    private readonly struct ResolvedPath
    {
        public ResolvedPath(AstItem item, string name, Span span, bool standIn = false)
        {
            Item = item;
            Name = name;
            Span = span;
            IsStandIn = standIn;
        }

        public AstItem Item { get; }
        public string Name { get; }
        public Span Span { get; }

        /// <summary>The path's name did not resolve (its error is reported): <see cref="Item"/> is the one it most likely
        /// meant, bound in its place for the failed load's recovery (<see cref="WitStandIn"/>).</summary>
        public bool IsStandIn { get; }

        /// <summary>What the symbol index records the path as naming: nothing for a stand-in.</summary>
        public AstItem? Recorded => IsStandIn ? null : Item;
    }

    /// <summary>The interface or world a path names; null (with the error reported, unless it is a consequence
    /// of an earlier one) when it names nothing.</summary>
    private ResolvedPath? ResolveAstItemPath(UsePathSyntax path, PathTarget target)
    {
        if (IsBroken(path)) return null;
        if (path.Package == null)
        {
            var id = path.Name;
            if (_astItems[_curAstIndex].TryGetValue(id.Name, out var item) || _packageItems.TryGetValue(id.Name, out item))
            {
                return new ResolvedPath(item, id.Name, id.Span);
            }
            if (_failedFileNames[_curAstIndex].Contains(id.Name)) return null;
            // A misspelled name: the item of the right kind it most likely meant stands in for it.
            var candidates = new Dictionary<string, AstItem>(_packageItems);
            foreach (var pair in _astItems[_curAstIndex]) candidates[pair.Key] = pair.Value;
            var names = new List<string>(candidates.Count);
            foreach (var pair in candidates)
            {
                if (Matches(pair.Value.Kind, target)) names.Add(pair.Key);
            }
            var suggestion = NameSuggestion.Nearest(id.Name, names);
            _errors.Add(InterfaceToposort.NotFound("interface or world", id.Name, id.Span, suggestion: suggestion));
            if (suggestion == null) return null;
            var standIn = candidates[suggestion];
            return _errors.StandIn(id.Span, id.Name, suggestion, KindName(standIn.Kind))
                ? new ResolvedPath(standIn, suggestion, id.Span, standIn: true)
                : null;
        }
        return new ResolvedPath(_foreignDeps[ToPackageName(path.Package)][path.Name.Name].Item, path.Name.Name, path.Name.Span);
    }

    private static bool Matches(AstItemKind kind, PathTarget target) => target switch
    {
        PathTarget.Interface => kind == AstItemKind.Interface,
        PathTarget.World => kind == AstItemKind.World,
        _ => true,
    };

    private static string KindName(AstItemKind kind) => kind == AstItemKind.World ? "world" : "interface";

    /// <summary>The names of this package's interfaces or worlds (as <paramref name="target"/> asks) other than
    /// <paramref name="except"/>: what a misspelled name in an interface's `use` or a world's `include` is compared with.</summary>
    private static IEnumerable<string> ItemNames(Dictionary<string, (DeclItemSyntax Item, int File)> items, PathTarget target, string except)
    {
        foreach (var pair in items)
        {
            if (pair.Key == except) continue;
            var kind = pair.Value.Item is WorldSyntax ? AstItemKind.World : AstItemKind.Interface;
            if (Matches(kind, target)) yield return pair.Key;
        }
    }

    private InterfaceId? ExtractInterface(AstItem item, string name, Span span)
    {
        if (item.Kind == AstItemKind.Interface) return item.Interface;
        _errors.Error($"name `{name}` is defined as a world, not an interface", span);
        return null;
    }

    private WorldId? ExtractWorld(AstItem item, string name, Span span)
    {
        if (item.Kind == AstItemKind.World) return item.World;
        _errors.Error($"name `{name}` is defined as an interface, not a world", span);
        return null;
    }

    // ---- symbols -------------------------------------------------------------------------------------

    /// <summary>The symbol of a local interface or world (null for foreign placeholders or without an index).</summary>
    private WitSymbol? SymbolOf(AstItem item)
    {
        if (_symbols == null) return null;
        return item.Kind == AstItemKind.Interface ? _interfaceSymbols[item.Interface.Index] : _worldSymbols[item.World.Index];
    }

    /// <summary>Records the references of a path: its package (if foreign) and the interface or world it names.</summary>
    private void RecordPath(UsePathSyntax path, AstItem? target, WitReferenceKind kind)
    {
        if (_symbols == null || IsBroken(path)) return;
        if (path.Package != null)
        {
            var packageName = ToPackageName(path.Package);
            _symbols.ForeignReference(path.Package.Span, WitReferenceKind.Package, new ForeignName(packageName));
            _symbols.ForeignReference(path.Name.Span, kind, new ForeignName(packageName, path.Name.Name));
            return;
        }
        // A local name may be a file-level `use` alias: the reference is to the alias.
        if (_fileSymbols[_curAstIndex].TryGetValue(path.Name.Name, out var fileSymbol)) _symbols.Reference(path.Name.Span, kind, fileSymbol);
        else _symbols.Reference(path.Name.Span, kind, target is { } t ? SymbolOf(t) : null);
    }

    /// <summary>The symbol of a member of an interface or world reached through a path (pending by name when the
    /// interface is foreign).</summary>
    private void RecordMemberReference(Span span, WitReferenceKind kind, AstItem? owner, string name, WitSymbol? local)
    {
        if (_symbols == null) return;
        if (local != null || owner is not { } item || !_foreignNames.TryGetValue(item, out var foreign))
        {
            _symbols.Reference(span, kind, local);
            return;
        }
        _symbols.ForeignReference(span, kind, new ForeignName(foreign.Package, foreign.Item, name));
    }

    private static PackageName ToPackageName(PackageNameSyntax syntax) =>
        new(syntax.Namespace.Name, syntax.Name.Name, syntax.Version);

    private static ModelDocs Docs(SyntaxDocs docs) => docs.ToModel();
}
