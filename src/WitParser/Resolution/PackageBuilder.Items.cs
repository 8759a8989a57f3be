using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;
using SyntaxDocs = WitTools.WitParser.Syntax.Docs;

namespace WitTools.WitParser.Resolution;

internal sealed partial class PackageBuilder
{
    private void ResolveInterface(InterfaceId id, IReadOnlyList<IInterfaceItemSyntax> items, SyntaxDocs docs,
        IReadOnlyList<AttributeSyntax> attributes)
    {
        var iface = _interfaces[id];
        iface.Docs = Docs(docs);
        iface.Stability = Stability(attributes);

        var typeItems = new List<SyntaxNode>();
        foreach (var item in items)
        {
            if (item is UseSyntax or TypeDefSyntax) typeItems.Add((SyntaxNode)item);
        }
        ResolveTypes(TypeOwner.OfInterface(id), typeItems);

        foreach (var entry in _typeLookup)
        {
            iface.Types[entry.Key] = entry.Value.Type;
        }

        // Functions last, once every type is defined.
        var functions = new List<Function>();
        foreach (var item in items)
        {
            switch (item)
            {
                case NamedFuncSyntax func:
                    DefineInterfaceName(func.Name, new NameEntry("function", func.Name.Span));
                    functions.Add(ResolveFunction(func.Docs, func.Attributes, func.Name.Name, func.Name.Span, func.Func,
                        func.Func.IsAsync ? FunctionKind.AsyncFreestanding : FunctionKind.Freestanding, null));
                    break;
                case TypeDefSyntax { Type: ResourceTypeSyntax resource } def:
                    foreach (var func in resource.Funcs) functions.Add(ResolveResourceFunc(func, def.Name));
                    break;
            }
        }
        foreach (var function in functions) iface.Functions.Add(function.Name, function);

        _interfaceTypes[id.Index] = _typeLookup;
        _typeLookup = new OrderedMap<string, NameEntry>();
    }

    private void ResolveWorld(WorldId id, WorldSyntax syntax)
    {
        var world = _worlds[id];
        world.Docs = Docs(syntax.Docs);
        world.Stability = Stability(syntax.Attributes);

        var typeItems = new List<SyntaxNode>();
        foreach (var item in syntax.Items)
        {
            if (item is UseSyntax or TypeDefSyntax) typeItems.Add((SyntaxNode)item);
        }
        ResolveTypes(TypeOwner.OfWorld(id), typeItems);

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
                throw new WitException($"import `{entry.Key}` conflicts with prior import of same name", entry.Value.Span);
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
                        var function = ResolveResourceFunc(func, def.Name);
                        world.Imports.Add(WorldKey.OfName(function.Name), new FunctionWorldItem(function));
                    }
                    continue;
                default:
                    continue;
            }

            bool isImport = ext is ImportSyntax;
            string desc = isImport ? "import" : "export";
            var worldItem = ResolveWorldItem(ext.Docs, ext.Attributes, ext.Kind);
            WorldKey key;
            switch (ext.Kind)
            {
                case InterfaceExternSyntax inline:
                    key = WorldKey.OfName(inline.Name.Name);
                    break;
                case FuncExternSyntax:
                    // The item's name comes from the function (it could be mangled), not the WIT text.
                    key = WorldKey.OfName(((FunctionWorldItem)worldItem).Function.Name);
                    break;
                case PathExternSyntax path:
                {
                    var (target, name, span) = ResolveAstItemPath(path.Path);
                    key = WorldKey.OfInterface(ExtractInterface(target, name, span));
                    break;
                }
                case NamedPathExternSyntax named:
                    key = WorldKey.OfName(named.Name.Name);
                    break;
                default:
                    throw new WitException("invalid world item", ext.Kind.Span);
            }

            if (key.IsInterface && !(isImport ? importedInterfaces : exportedInterfaces).Add(key.Interface))
            {
                throw new WitException($"interface cannot be {desc}ed more than once", ext.Kind.Span);
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
                throw new WitException($"{desc} `{key.Name}` conflicts with prior {priorKind} of same name", ext.Kind.Span);
            }
            destination.Add(key, worldItem);
        }
        _typeLookup.Clear();
    }

    private WorldItem ResolveWorldItem(SyntaxDocs docs, IReadOnlyList<AttributeSyntax> attributes, ExternKindSyntax kind)
    {
        switch (kind)
        {
            case InterfaceExternSyntax inline:
            {
                // An inline interface has its own names; the world's are set aside meanwhile.
                var outer = _typeLookup;
                _typeLookup = new OrderedMap<string, NameEntry>();
                var id = AllocInterface(inline.Name.Span);
                ResolveInterface(id, inline.Items, docs, attributes);
                _typeLookup = outer;
                return new InterfaceWorldItem(id)
                {
                    Stability = _interfaces[id].Stability,
                    Span = inline.Name.Span,
                    ExternalId = ExternalId(attributes),
                };
            }
            case PathExternSyntax path:
            {
                var stability = Stability(attributes);
                var externalId = ExternalId(attributes);
                var itemDocs = Docs(docs);
                var (item, name, span) = ResolveAstItemPath(path.Path);
                var id = ExtractInterface(item, name, span);
                return new InterfaceWorldItem(id) { Stability = stability, ExternalId = externalId, Docs = itemDocs, Span = span };
            }
            case NamedPathExternSyntax named:
            {
                var stability = Stability(attributes);
                var externalId = ExternalId(attributes);
                var itemDocs = Docs(docs);
                var (item, name, span) = ResolveAstItemPath(named.Path);
                var id = ExtractInterface(item, name, span);
                return new InterfaceWorldItem(id)
                {
                    Stability = stability,
                    ExternalId = externalId,
                    Docs = itemDocs,
                    Span = named.Name.Span,
                };
            }
            case FuncExternSyntax func:
                return new FunctionWorldItem(ResolveFunction(docs, attributes, func.Name.Name, func.Name.Span, func.Func,
                    func.Func.IsAsync ? FunctionKind.AsyncFreestanding : FunctionKind.Freestanding, null));
            default:
                throw new WitException("invalid world item", kind.Span);
        }
    }

    /// <summary>`include path [with { a as b }]`: recorded for world elaboration in the Resolve.</summary>
    private void ResolveInclude(WorldId world, IncludeSyntax include)
    {
        var stability = Stability(include.Attributes);
        var (item, name, span) = ResolveAstItemPath(include.From);
        var from = ExtractWorld(item, name, span);
        var resolved = new WorldInclude(from) { Stability = stability, Span = span };
        foreach (var rename in include.Names)
        {
            resolved.Names.Add(new IncludeName(rename.Name.Name, rename.As.Name) { Span = rename.Name.Span });
        }
        _worlds[world].Includes.Add(resolved);
    }

    /// <summary>A resource's method, static function or constructor, with its component-model name.</summary>
    private Function ResolveResourceFunc(ResourceFuncSyntax func, Identifier resource)
    {
        if (!_typeLookup.TryGetValue(resource.Name, out var entry) || !entry.IsType)
        {
            throw new System.InvalidOperationException("type lookup for resource failed");
        }
        var named = func.Func;
        bool isAsync = named.Func.IsAsync;
        string name;
        FunctionKind kind;
        switch (func.Kind)
        {
            case ResourceFuncKind.Method:
                name = $"[method]{resource.Name}.{named.Name.Name}";
                kind = isAsync ? FunctionKind.AsyncMethod : FunctionKind.Method;
                break;
            case ResourceFuncKind.Static:
                name = $"[static]{resource.Name}.{named.Name.Name}";
                kind = isAsync ? FunctionKind.AsyncStatic : FunctionKind.Static;
                break;
            default:
                name = $"[constructor]{resource.Name}";
                kind = FunctionKind.Constructor;
                break;
        }
        return ResolveFunction(named.Docs, named.Attributes, name, named.Name.Span, named.Func, kind, entry.Type);
    }

    private Function ResolveFunction(SyntaxDocs docs, IReadOnlyList<AttributeSyntax> attributes, string name, Span nameSpan,
        FuncSyntax func, FunctionKind kind, TypeId? resource)
    {
        var function = new Function(name, kind, resource)
        {
            Docs = Docs(docs),
            Stability = Stability(attributes),
            ExternalId = ExternalId(attributes),
            Span = nameSpan,
        };
        function.Params = ResolveParams(func, kind, resource);
        function.Result = ResolveResult(func.Result, kind, resource);
        return function;
    }

    private List<Param> ResolveParams(FuncSyntax func, FunctionKind kind, TypeId? resource)
    {
        var result = new List<Param>();
        if (kind is FunctionKind.Method or FunctionKind.AsyncMethod)
        {
            // Methods take an implicit `self: borrow<R>` first.
            var borrow = new Model.HandleKind(HandleOwnership.Borrow, resource!.Value);
            var self = AnonTypeDef(new TypeDef(null, borrow, TypeOwner.None)
            {
                Stability = FindStability(borrow, Model.Stability.Unknown),
                Span = func.Span,
            });
            result.Add(new Param("self", self) { Span = func.Span });
        }
        foreach (var param in func.Params)
        {
            foreach (var prior in result)
            {
                if (prior.Name == param.Name.Name)
                {
                    throw new WitException($"param `{param.Name.Name}` is defined more than once", param.Name.Span);
                }
            }
            result.Add(new Param(param.Name.Name, ResolveType(param.Type, Model.Stability.Unknown)) { Span = param.Name.Span });
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
        if (!(result.IsId && _types[result.Id].Kind is ResultKind resultKind))
        {
            throw new WitException("if a constructor return type is declared it must be a `result`", syntax.Span);
        }
        if (resultKind.Ok is { Kind: WitTypeKind.Id } ok && ok.Id == resource) return result;
        var okSpan = syntax is ResultTypeSyntax { Ok: { } okSyntax } ? okSyntax.Span : syntax.Span;
        throw new WitException("the `ok` type must be the resource being constructed", okSpan);
    }
}
