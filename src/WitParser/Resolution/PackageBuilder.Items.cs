using System.Collections.Generic;
using WitTools.WitParser.Model;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;
using SyntaxDocs = WitTools.WitParser.Syntax.Docs;

namespace WitTools.WitParser.Resolution;

internal sealed partial class PackageBuilder
{
    /// <param name="scope">The symbol the interface's items belong to (the interface, or the world item of an
    /// inline interface).</param>
    private void ResolveInterface(InterfaceId id, IReadOnlyList<IInterfaceItemSyntax> items, SyntaxDocs docs,
        IReadOnlyList<AttributeSyntax> attributes, WitSymbol? scope)
    {
        var iface = _interfaces[id];
        iface.Docs = Docs(docs);
        iface.Stability = Stability(attributes);
        var outerScope = _scopeSymbol;
        _scopeSymbol = scope;
        _typeLookup = new OrderedMap<string, NameEntry>(items.Count);

        ResolveTypes(TypeOwner.OfInterface(id), items);

        iface.Types = new OrderedMap<string, TypeId>(_typeLookup.Count);
        for (int i = 0; i < _typeLookup.Count; i++)
        {
            iface.Types[_typeLookup.KeyAt(i)] = _typeLookup.ValueAt(i).Type;
        }

        // Functions last, once every type is defined.
        var functions = _functionScratch;
        functions.Clear();
        for (int i = 0; i < items.Count; i++)
        {
            switch (items[i])
            {
                case NamedFuncSyntax func:
                {
                    if (func.Name.IsMissing) break;
                    var kind = func.Func.IsAsync ? FunctionKind.AsyncFreestanding : FunctionKind.Freestanding;
                    var symbol = DefineFunctionSymbol(WitSymbolKind.Function, func, scope);
                    bool defined = DefineInterfaceName(func.Name, new NameEntry("function", func.Name.Span, symbol));
                    var function = ResolveFunction(func.Docs, func.Attributes, func.Name.Name, func.Name.Span, func.Func, kind, null, symbol);
                    if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.Function, id.Index, function);
                    if (defined) functions.Add(function);
                    break;
                }
                case TypeDefSyntax { Type: ResourceTypeSyntax resource } def:
                    foreach (var func in resource.Funcs)
                    {
                        if (ResolveResourceFunc(func, def, id.Index) is { } function) functions.Add(function);
                    }
                    break;
            }
        }
        iface.Functions = new OrderedMap<string, Function>(functions.Count);
        foreach (var function in functions)
        {
            // Names are unique here (duplicates were reported and left out).
            iface.Functions.TryAdd(function.Name, function);
        }
        functions.Clear();

        _interfaceTypes[id.Index] = _typeLookup;
        _interfaceResolved[id.Index] = true;
        _scopeSymbol = outerScope;
    }

    private void ResolveWorld(WorldId id, WorldSyntax syntax)
    {
        var world = _worlds[id];
        world.Docs = Docs(syntax.Docs);
        world.Stability = Stability(syntax.Attributes);
        var worldSymbol = _worldSymbols[id.Index];
        _scopeSymbol = worldSymbol;
        _typeLookup = new OrderedMap<string, NameEntry>(syntax.Items.Count);

        ResolveTypes(TypeOwner.OfWorld(id), syntax.Items);

        foreach (var item in syntax.Items)
        {
            if (item is IncludeSyntax include) ResolveInclude(id, include);
        }

        // The world's own types are imports.
        foreach (var entry in _typeLookup)
        {
            var key = WorldKey.OfName(entry.Key);
            if (world.Imports.ContainsKey(key))
            {
                _errors.Error($"import `{entry.Key}` conflicts with prior import of same name", entry.Value.Span);
                continue;
            }
            world.Imports.Add(key, new TypeWorldItem(entry.Value.Type) { Span = entry.Value.Span });
        }

        var importedInterfaces = new HashSet<InterfaceId>();
        var exportedInterfaces = new HashSet<InterfaceId>();
        foreach (var item in syntax.Items)
        {
            WorldExternSyntax ext;
            switch (item)
            {
                case WorldExternSyntax e:
                    ext = e;
                    break;
                case TypeDefSyntax { Type: ResourceTypeSyntax resource } def:
                    // A resource's functions are imported next to it (their names are unique by construction).
                    foreach (var func in resource.Funcs)
                    {
                        if (ResolveResourceFunc(func, def, -1 - id.Index) is not { } function) continue;
                        world.Imports.TryAdd(WorldKey.OfName(function.Name), new FunctionWorldItem(function));
                    }
                    continue;
                default:
                    continue;
            }

            bool isImport = ext is ImportSyntax;
            string desc = isImport ? "import" : "export";
            if (ResolveWorldItem(ext, id) is not { } resolved) continue;
            var (worldItem, key) = resolved;

            if (key.IsInterface && !(isImport ? importedInterfaces : exportedInterfaces).Add(key.Interface))
            {
                _errors.Error($"interface cannot be {desc}ed more than once", ext.Kind.Span);
                continue;
            }
            var destination = isImport ? world.Imports : world.Exports;
            if (destination.TryGetValue(key, out var prior))
            {
                string priorKind = prior switch
                {
                    InterfaceWorldItem => "interface",
                    FunctionWorldItem => "func",
                    _ => "type",
                };
                _errors.Error($"{desc} `{key.Name}` conflicts with prior {priorKind} of same name", ext.Kind.Span);
                continue;
            }
            destination.Add(key, worldItem);
        }
        _typeLookup.Clear();
        _scopeSymbol = null;
    }

    /// <summary>An import or export and its key; null when it names nothing (an error was reported).</summary>
    private (WorldItem Item, WorldKey Key)? ResolveWorldItem(WorldExternSyntax ext, WorldId world)
    {
        var docs = ext.Docs;
        var attributes = ext.Attributes;
        var itemKind = ext is ImportSyntax ? WitSymbolKind.Import : WitSymbolKind.Export;
        switch (ext.Kind)
        {
            case InterfaceExternSyntax inline:
            {
                if (inline.Name.IsMissing) return null;
                var symbol = _symbols?.Define(itemKind, inline.Name.Name, inline.Name.Span, ext.Span, _scopeSymbol, docs.Contents,
                    Stability(attributes));
                // An inline interface has its own names; the world's are set aside meanwhile.
                var outer = _typeLookup;
                var id = AllocInterface(inline.Name.Span, null);
                if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.Interface, id.Index);
                ResolveInterface(id, inline.Items, docs, attributes, symbol);
                _typeLookup = outer;
                var item = new InterfaceWorldItem(id)
                {
                    Stability = _interfaces[id].Stability,
                    Span = inline.Name.Span,
                    ExternalId = ExternalId(attributes),
                };
                return (item, WorldKey.OfName(inline.Name.Name));
            }
            case PathExternSyntax path:
            {
                var stability = Stability(attributes);
                var externalId = ExternalId(attributes);
                var itemDocs = Docs(docs);
                var resolved = ResolveAstItemPath(path.Path, PathTarget.Interface);
                RecordPath(path.Path, resolved?.Recorded, WitReferenceKind.Interface);
                if (resolved is not { } target || ExtractInterface(target.Item, target.Name, target.Span) is not { } id) return null;
                var item = new InterfaceWorldItem(id) { Stability = stability, ExternalId = externalId, Docs = itemDocs, Span = target.Span };
                return (item, WorldKey.OfInterface(id));
            }
            case NamedPathExternSyntax named:
            {
                var stability = Stability(attributes);
                var externalId = ExternalId(attributes);
                var itemDocs = Docs(docs);
                var resolved = ResolveAstItemPath(named.Path, PathTarget.Interface);
                if (!named.Name.IsMissing && _symbols != null)
                {
                    var symbol = _symbols.Define(itemKind, named.Name.Name, named.Name.Span, ext.Span, _scopeSymbol, docs.Contents, stability);
                    if (resolved is { IsStandIn: false, Item.Kind: AstItemKind.Interface } r) _packageSymbols!.Link(symbol, LocalLinkKind.Interface, r.Item.Interface.Index);
                }
                RecordPath(named.Path, resolved?.Recorded, WitReferenceKind.Interface);
                if (resolved is not { } target || ExtractInterface(target.Item, target.Name, target.Span) is not { } id) return null;
                if (named.Name.IsMissing) return null;
                var item = new InterfaceWorldItem(id)
                {
                    Stability = stability,
                    ExternalId = externalId,
                    Docs = itemDocs,
                    Span = named.Name.Span,
                };
                return (item, WorldKey.OfName(named.Name.Name));
            }
            case FuncExternSyntax func:
            {
                if (func.Name.IsMissing) return null;
                var symbol = _symbols?.Define(itemKind, func.Name.Name, func.Name.Span, ext.Span, _scopeSymbol, docs.Contents,
                    Stability(attributes));
                var function = ResolveFunction(docs, attributes, func.Name.Name, func.Name.Span, func.Func,
                    func.Func.IsAsync ? FunctionKind.AsyncFreestanding : FunctionKind.Freestanding, null, symbol);
                if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.Function, -1 - world.Index, function);
                // The item's name comes from the function (it could be mangled), not the WIT text.
                return (new FunctionWorldItem(function), WorldKey.OfName(function.Name));
            }
            default:
                return null;
        }
    }

    /// <summary>`include path [with { a as b }]`: recorded for world elaboration in the Resolve.</summary>
    private void ResolveInclude(WorldId world, IncludeSyntax include)
    {
        var stability = Stability(include.Attributes);
        var resolved = ResolveAstItemPath(include.From, PathTarget.World);
        RecordPath(include.From, resolved?.Recorded, WitReferenceKind.World);
        WorldId? from = resolved is { } target ? ExtractWorld(target.Item, target.Name, target.Span) : null;
        if (_symbols != null)
        {
            // A stand-in world is not what the text names: its members are not recorded as named here.
            var named = resolved is { IsStandIn: false } ? from : null;
            var includedSymbol = named is { } f ? _worldSymbols[f.Index] : null;
            foreach (var rename in include.Names)
            {
                if (rename.Name.IsMissing) continue;
                var owner = named is { } w ? AstItem.OfWorld(w) : (AstItem?)null;
                var included = _symbols.Member(includedSymbol, rename.Name.Name);
                RecordMemberReference(rename.Name.Span, WitReferenceKind.IncludedName, owner, rename.Name.Name, included);
                if (rename.As.IsMissing) continue;
                var alias = _symbols.Define(WitSymbolKind.IncludeAlias, rename.As.Name, rename.As.Span, rename.Span, _scopeSymbol, null, stability);
                alias.AliasOf = included;
                if (included == null && owner is { } item && _foreignNames.TryGetValue(item, out var foreign))
                {
                    _symbols.ForeignAlias(alias, new ForeignName(foreign.Package, foreign.Item, rename.Name.Name));
                }
            }
        }
        if (from is not { } fromId) return;
        var result = new WorldInclude(fromId) { Stability = stability, Span = resolved!.Value.Span };
        foreach (var rename in include.Names)
        {
            if (rename.Name.IsMissing || rename.As.IsMissing) continue;
            result.Names.Add(new IncludeName(rename.Name.Name, rename.As.Name) { Span = rename.Name.Span });
        }
        _worlds[world].Includes.Add(result);
    }

    /// <summary>A resource's method, static function or constructor, with its component-model name; null when its
    /// resource is a duplicate definition or the function's name is (errors were reported).</summary>
    /// <param name="owner">The local interface index, or -1-w for world w (for the symbol's model link).</param>
    private Function? ResolveResourceFunc(ResourceFuncSyntax func, TypeDefSyntax resourceDef, int owner)
    {
        var resource = resourceDef.Name;
        // Only the resource definition that owns its name gets functions.
        if (resource.IsMissing || !_typeLookup.TryGetValue(resource.Name, out var entry) || !entry.IsType || entry.Span != resource.Span)
        {
            return null;
        }
        var named = func.Func;
        if (named.Name.IsMissing) return null;
        bool isAsync = named.Func.IsAsync;
        string name;
        FunctionKind kind;
        WitSymbolKind symbolKind;
        switch (func.Kind)
        {
            case ResourceFuncKind.Method:
                name = $"[method]{resource.Name}.{named.Name.Name}";
                kind = isAsync ? FunctionKind.AsyncMethod : FunctionKind.Method;
                symbolKind = WitSymbolKind.Method;
                break;
            case ResourceFuncKind.Static:
                name = $"[static]{resource.Name}.{named.Name.Name}";
                kind = isAsync ? FunctionKind.AsyncStatic : FunctionKind.Static;
                symbolKind = WitSymbolKind.StaticFunction;
                break;
            default:
                name = $"[constructor]{resource.Name}";
                kind = FunctionKind.Constructor;
                symbolKind = WitSymbolKind.Constructor;
                break;
        }
        var symbol = DefineFunctionSymbol(symbolKind, named, entry.Symbol);
        var function = ResolveFunction(named.Docs, named.Attributes, name, named.Name.Span, named.Func, kind, entry.Type, symbol);
        if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.Function, owner, function);
        // Duplicate constructors and method names were reported with the resource: only the first is kept.
        return _duplicateResourceFuncs != null && _duplicateResourceFuncs.Contains(func) ? null : function;
    }

    // Reused by ResolveInterface (an inline interface's functions are done before the world's are collected).
    private readonly List<Function> _functionScratch = new();

    // Resource functions whose name (or constructor) came before in their resource (reported; left out).
    private HashSet<ResourceFuncSyntax>? _duplicateResourceFuncs;

    private WitSymbol? DefineFunctionSymbol(WitSymbolKind kind, NamedFuncSyntax func, WitSymbol? container) =>
        _symbols?.Define(kind, func.Name.Name, func.Name.Span, func.Span, container, func.Docs.Contents, Stability(func.Attributes));

    private Function ResolveFunction(SyntaxDocs docs, IReadOnlyList<AttributeSyntax> attributes, string name, Span nameSpan,
        FuncSyntax func, FunctionKind kind, TypeId? resource, WitSymbol? symbol)
    {
        var function = new Function(name, kind, resource)
        {
            Docs = Docs(docs),
            Stability = Stability(attributes),
            ExternalId = ExternalId(attributes),
            Span = nameSpan,
        };
        function.Params = ResolveParams(func, kind, resource, symbol);
        function.Result = ResolveResult(func.Result, kind, resource);
        return function;
    }

    private List<Param> ResolveParams(FuncSyntax func, FunctionKind kind, TypeId? resource, WitSymbol? symbol)
    {
        var result = new List<Param>(func.Params.Count + 1);
        if (kind is FunctionKind.Method or FunctionKind.AsyncMethod)
        {
            // Methods take an implicit `self: borrow<R>` first.
            var self = Intern(new AnonKey(AnonShape.Borrow, WitType.Of(resource!.Value)), func.Span, Model.Stability.Unknown);
            result.Add(new Param("self", self) { Span = func.Span });
        }
        var parameters = func.Params;
        for (int p = 0; p < parameters.Count; p++)
        {
            var param = parameters[p];
            var type = ResolveType(param.Type, Model.Stability.Unknown);
            if (param.Name.IsMissing) continue;
            _symbols?.Define(WitSymbolKind.Parameter, param.Name.Name, param.Name.Span, param.Span, symbol, null);
            bool duplicate = false;
            foreach (var prior in result)
            {
                if (prior.Name == param.Name.Name) duplicate = true;
            }
            if (duplicate)
            {
                _errors.Error($"param `{param.Name.Name}` is defined more than once", param.Name.Span);
                continue;
            }
            result.Add(new Param(param.Name.Name, type) { Span = param.Name.Span });
        }
        return result;
    }

    private WitType? ResolveResult(TypeSyntax? result, FunctionKind kind, TypeId? resource)
    {
        if (kind != FunctionKind.Constructor)
        {
            return result == null ? null : ResolveType(result, Model.Stability.Unknown);
        }
        // A constructor returns an owned handle of its resource, or `result<R, E?>` if declared.
        if (result == null) return WitType.Of(resource!.Value);
        return ResolveConstructorResult(resource!.Value, result);
    }

    private WitType ResolveConstructorResult(TypeId resource, TypeSyntax syntax)
    {
        var result = ResolveType(syntax, Model.Stability.Unknown);
        if (IsErrorType(result)) return WitType.Of(resource);
        if (!(result.IsId && _types[result.Id].Kind is ResultKind resultKind))
        {
            _errors.Error("if a constructor return type is declared it must be a `result`", syntax.Span);
            return WitType.Of(resource);
        }
        if (resultKind.Ok is { Kind: WitTypeKind.Id } ok && ok.Id == resource) return result;
        var okSpan = syntax is ResultTypeSyntax { Ok: { } okSyntax } ? okSyntax.Span : syntax.Span;
        _errors.Error("the `ok` type must be the resource being constructed", okSpan);
        return WitType.Of(resource);
    }
}
