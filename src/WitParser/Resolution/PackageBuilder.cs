using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;
using ModelDocs = WitTools.WitParser.Model.Docs;
using SyntaxDocs = WitTools.WitParser.Syntax.Docs;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Builds one <see cref="UnresolvedPackage"/> from the syntax trees of its files (wit-parser's
/// <c>ast::Resolver</c>): every name inside the package is resolved, references to other packages become
/// placeholder interfaces/worlds recorded in <see cref="UnresolvedPackage.ForeignDeps"/>, and all the
/// per-package validations run. The first error is thrown as a <see cref="WitException"/>.
/// </summary>
/// <remarks>
/// The order in which items are allocated and errors are checked follows wit-parser step by step: the
/// arenas' order is visible in the JSON output, and which error comes first is visible in messages.
/// </remarks>
internal sealed partial class PackageBuilder
{
    // Package name learned from the files pushed so far, and where it was declared.
    private PackageName? _packageName;
    private Span _packageNameSpan = Span.Unknown;
    private ModelDocs _packageDocs;

    // One item list per pushed file (or per nested package block).
    private readonly List<IReadOnlyList<DeclItemSyntax>> _declLists = new();

    private readonly Arena<TypeId, TypeDef> _types = new();
    private readonly Arena<InterfaceId, Interface> _interfaces = new();
    private readonly Arena<WorldId, World> _worlds = new();

    // Interning of anonymous types such as `list<string>` by their structure.
    private readonly Dictionary<string, TypeId> _anonTypes = new();

    // Index into _astItems of the file whose names are in scope.
    private int _curAstIndex;

    // Per file: the top-level names in scope (interfaces, worlds and top-level `use`s of that file).
    private readonly List<Dictionary<string, AstItem>> _astItems = new();

    // Interfaces and worlds defined anywhere in the package.
    private readonly Dictionary<string, AstItem> _packageItems = new();

    // Per interface (parallel to _interfaces): its names (types and functions) once resolved.
    private readonly List<OrderedMap<string, NameEntry>> _interfaceTypes = new();

    // Foreign package → interface/world name → placeholder item and referrers' stabilities.
    private readonly OrderedMap<PackageName, OrderedMap<string, ForeignDependency>> _foreignDeps = new();
    private readonly HashSet<InterfaceId> _foreignInterfaces = new();
    private readonly HashSet<WorldId> _foreignWorlds = new();

    // Names of the interface or world being resolved.
    private OrderedMap<string, NameEntry> _typeLookup = new();

    private readonly List<Span> _unknownTypeSpans = new();
    private readonly List<Span> _foreignDepSpans = new();
    private readonly List<(TypeId, Span)> _requiredResourceTypes = new();

    /// <summary>A name inside an interface or world: a type, or another kind of item ("function").</summary>
    private readonly struct NameEntry
    {
        public NameEntry(TypeId type, Span span)
        {
            Type = type;
            ItemKind = null;
            Span = span;
        }

        public NameEntry(string itemKind, Span span)
        {
            Type = default;
            ItemKind = itemKind;
            Span = span;
        }

        public TypeId Type { get; }

        /// <summary>Null for a type; otherwise what the name is ("function").</summary>
        public string? ItemKind { get; }

        public bool IsType => ItemKind == null;
        public Span Span { get; }
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
    public void Push(PackageNameSyntax? header, IReadOnlyList<DeclItemSyntax> items)
    {
        // Only one file needs the `package` header, but all headers must agree.
        if (header != null)
        {
            var name = ToPackageName(header);
            if (_packageName != null && !name.Equals(_packageName))
            {
                throw new WitException(
                    $"package identifier `{name}` does not match previous package name of `{_packageName}`", header.Span);
            }
            _packageName = name;
            _packageNameSpan = header.Span;

            var docs = Docs(header.Docs);
            if (docs.Contents != null)
            {
                if (_packageDocs.Contents != null)
                {
                    throw new WitException("found doc comments on multiple 'package' items", header.Docs.Span);
                }
                _packageDocs = docs;
            }
        }

        // Nested packages of top-level files are split off before pushing; any left are nested twice.
        foreach (var item in items)
        {
            if (item is NestedPackageSyntax nested)
            {
                throw new WitException("nested packages must be placed at the top-level", nested.Name.Span);
            }
        }
        _declLists.Add(items);
    }

    /// <summary>Resolves everything pushed so far into an <see cref="UnresolvedPackage"/>.</summary>
    public UnresolvedPackage Resolve()
    {
        if (_packageName == null)
        {
            throw new WitException("no `package` header was found in any WIT file for this package", Span.Unknown);
        }

        // The structure of the package first: foreign dependencies, the package's interfaces and worlds
        // in dependency order, and placeholder types for everything used from foreign interfaces.
        PopulateForeignDeps();
        var (interfaceOrder, worldOrder) = PopulateAstItems();
        PopulateForeignTypes();

        var interfaceAsts = new Dictionary<InterfaceId, (InterfaceSyntax Syntax, int File)>();
        var worldAsts = new Dictionary<WorldId, (WorldSyntax Syntax, int File)>();
        for (int i = 0; i < _declLists.Count; i++)
        {
            foreach (var item in _declLists[i])
            {
                switch (item)
                {
                    case InterfaceSyntax iface:
                        interfaceAsts[_astItems[i][iface.Name.Name].Interface] = (iface, i);
                        break;
                    case WorldSyntax world:
                        worldAsts[_astItems[i][world.Name.Name].World] = (world, i);
                        break;
                }
            }
        }

        foreach (var id in interfaceOrder)
        {
            var (syntax, file) = interfaceAsts[id];
            _curAstIndex = file;
            ResolveInterface(id, syntax.Items, syntax.Docs, syntax.Attributes);
        }
        foreach (var id in worldOrder)
        {
            var (syntax, file) = worldAsts[id];
            _curAstIndex = file;
            ResolveWorld(id, syntax);
        }

        return BuildPackage(_packageName);
    }

    private UnresolvedPackage BuildPackage(PackageName name)
    {
        var package = new UnresolvedPackage(name)
        {
            Docs = _packageDocs,
            PackageNameSpan = _packageNameSpan,
        };
        foreach (var world in _worlds.Items) package.Worlds.Alloc(world);
        foreach (var iface in _interfaces.Items) package.Interfaces.Alloc(iface);
        foreach (var type in _types.Items) package.Types.Alloc(type);
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

    /// <summary>Registers a placeholder interface or world for every `ns:pkg/name` path.</summary>
    private void PopulateForeignDeps()
    {
        foreach (var items in _declLists)
        {
            ForEachPath(items, (_, attributes, path, _, target) =>
            {
                if (path.Package == null) return;
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
                        ? AstItem.OfWorld(AllocWorld(path.Name.Span))
                        : AstItem.OfInterface(AllocInterface(path.Name.Span));
                    dep = new ForeignDependency(placeholder);
                    deps.Add(path.Name.Name, dep);
                }
                dep.Stabilities.Add(stability);
                if (dep.Item.Kind == AstItemKind.Interface) _foreignInterfaces.Add(dep.Item.Interface);
                else _foreignWorlds.Add(dep.Item.World);
            });
        }
    }

    private InterfaceId AllocInterface(Span span)
    {
        _interfaceTypes.Add(new OrderedMap<string, NameEntry>());
        return _interfaces.Alloc(new Interface(null) { Span = span });
    }

    private WorldId AllocWorld(Span span) => _worlds.Alloc(new World(string.Empty) { Span = span });

    /// <summary>The source of a top-level name of one file: a local interface/world name, or a foreign package.</summary>
    private readonly struct FileName
    {
        public FileName(Identifier? local) => Local = local;

        /// <summary>The local interface or world this name stands for; null for a foreign item.</summary>
        public Identifier? Local { get; }
    }

    /// <summary>
    /// Creates the package's interfaces and worlds in dependency order (as induced by `use` and `include`),
    /// checks their names, and builds each file's table of top-level names.
    /// </summary>
    private (List<InterfaceId> Interfaces, List<WorldId> Worlds) PopulateAstItems()
    {
        // Interface and world names must be unique across all files of the package.
        var packageItemSpans = new Dictionary<string, Span>();
        var isInterface = new Dictionary<string, bool>();
        var order = new OrderedMap<string, List<NameRef>>();
        foreach (var items in _declLists)
        {
            foreach (var item in items)
            {
                Identifier name;
                switch (item)
                {
                    case InterfaceSyntax iface: name = iface.Name; break;
                    case WorldSyntax world: name = world.Name; break;
                    default: continue;
                }
                if (packageItemSpans.ContainsKey(name.Name))
                {
                    throw new WitException($"duplicate item named `{name.Name}`", name.Span);
                }
                packageItemSpans.Add(name.Name, name.Span);
                order.Add(name.Name, new List<NameRef>());
                isInterface.Add(name.Name, item is InterfaceSyntax);
            }
        }

        // Dependencies between this package's items, from each file's point of view (its own top-level
        // `use`s can rename items; foreign items do not take part in the ordering).
        foreach (var items in _declLists)
        {
            var fileNames = new Dictionary<string, FileName>();
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
                if (fileNames.ContainsKey(name.Name))
                {
                    throw new WitException($"duplicate name `{name.Name}` in this file", name.Span);
                }
                fileNames.Add(name.Name, source);
            }

            ForEachPath(items, (owner, _, path, _, _) =>
            {
                // Paths in worlds (other than includes) do not order anything.
                if (owner == null || path.Package != null) return;
                var used = path.Name;
                if (fileNames.TryGetValue(used.Name, out var source))
                {
                    if (source.Local != null) order[owner.Name].Add(new NameRef(source.Local.Name, source.Local.Span));
                }
                else if (packageItemSpans.ContainsKey(used.Name))
                {
                    order[owner.Name].Add(new NameRef(used.Name, used.Span));
                }
                else
                {
                    throw InterfaceToposort.NotFound("interface or world", used.Name, used.Span);
                }
            });
        }

        var sorted = InterfaceToposort.Sort("interface or world", order);

        // Allocate in dependency order, then build each file's name table.
        var ids = new Dictionary<string, AstItem>();
        var interfaceOrder = new List<InterfaceId>();
        var worldOrder = new List<WorldId>();
        foreach (var name in sorted)
        {
            if (isInterface[name])
            {
                var id = AllocInterface(packageItemSpans[name]);
                _interfaces[id].Name = name;
                ids.Add(name, AstItem.OfInterface(id));
                interfaceOrder.Add(id);
            }
            else
            {
                var id = AllocWorld(packageItemSpans[name]);
                _worlds[id].Name = name;
                ids.Add(name, AstItem.OfWorld(id));
                worldOrder.Add(id);
            }
        }

        foreach (var items in _declLists)
        {
            var fileItems = new Dictionary<string, AstItem>();
            foreach (var item in items)
            {
                switch (item)
                {
                    case ToplevelUseSyntax use:
                    {
                        if (use.Attributes.Count != 0)
                        {
                            throw new WitException("attributes not allowed on top-level use", use.UseSpan);
                        }
                        var name = use.As ?? use.Item.Name;
                        AstItem target;
                        if (use.Item.Package == null)
                        {
                            if (!ids.TryGetValue(use.Item.Name.Name, out target))
                            {
                                throw InterfaceToposort.NotFound("interface or world", use.Item.Name.Name, use.Item.Name.Span);
                            }
                        }
                        else
                        {
                            target = _foreignDeps[ToPackageName(use.Item.Package)][use.Item.Name.Name].Item;
                        }
                        // Names brought in by `use` are visible in this file only.
                        fileItems.Add(name.Name, target);
                        break;
                    }
                    case InterfaceSyntax iface:
                        fileItems.Add(iface.Name.Name, ids[iface.Name.Name]);
                        _packageItems.Add(iface.Name.Name, ids[iface.Name.Name]);
                        break;
                    case WorldSyntax world:
                        fileItems.Add(world.Name.Name, ids[world.Name.Name]);
                        _packageItems.Add(world.Name.Name, ids[world.Name.Name]);
                        break;
                }
            }
            _astItems.Add(fileItems);
        }
        return (interfaceOrder, worldOrder);
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
                var (item, itemName, span) = ResolveAstItemPath(path);
                var iface = ExtractInterface(item, itemName, span);
                if (!_foreignInterfaces.Contains(iface)) return;

                var lookup = _interfaceTypes[iface.Index];
                foreach (var useName in names)
                {
                    var name = useName.Name;
                    if (lookup.ContainsKey(name.Name)) continue;
                    var id = _types.Alloc(new TypeDef(name.Name, new UnknownKind(), TypeOwner.OfInterface(iface))
                    {
                        Stability = stability,
                        Span = name.Span,
                        ExternalId = externalId,
                    });
                    _unknownTypeSpans.Add(name.Span);
                    lookup.Add(name.Name, new NameEntry(id, name.Span));
                    _interfaces[iface].Types.Add(name.Name, id);
                }
            });
        }
    }

    /// <summary>The interface or world a path names, with the name and span to report errors at.</summary>
    private (AstItem Item, string Name, Span Span) ResolveAstItemPath(UsePathSyntax path)
    {
        if (path.Package == null)
        {
            var id = path.Name;
            if (_astItems[_curAstIndex].TryGetValue(id.Name, out var item) || _packageItems.TryGetValue(id.Name, out item))
            {
                return (item, id.Name, id.Span);
            }
            throw InterfaceToposort.NotFound("interface or world", id.Name, id.Span);
        }
        return (_foreignDeps[ToPackageName(path.Package)][path.Name.Name].Item, path.Name.Name, path.Name.Span);
    }

    private static InterfaceId ExtractInterface(AstItem item, string name, Span span) =>
        item.Kind == AstItemKind.Interface
            ? item.Interface
            : throw new WitException($"name `{name}` is defined as a world, not an interface", span);

    private static WorldId ExtractWorld(AstItem item, string name, Span span) =>
        item.Kind == AstItemKind.World
            ? item.World
            : throw new WitException($"name `{name}` is defined as an interface, not a world", span);

    private static PackageName ToPackageName(PackageNameSyntax syntax) =>
        new(syntax.Namespace.Name, syntax.Name.Name, syntax.Version);

    private static ModelDocs Docs(SyntaxDocs docs) => new(docs.Contents);
}
