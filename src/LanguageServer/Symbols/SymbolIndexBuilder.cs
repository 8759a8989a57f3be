using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Symbols;

/// <summary>
/// Builds the <see cref="SymbolIndex"/> of an analysis from the syntax trees of all its files: definitions
/// with their containers, and every name at a use site bound the way WIT scopes work (package items,
/// <c>use</c>d names with and without <c>as</c>, paths into the packages of <c>deps/</c>, <c>include</c>
/// renames). It works on broken files too (the parser recovers), so navigation keeps working while typing.
/// Every loop is bounded by the size of the syntax trees; <c>use</c> chains are followed with a depth limit.
/// </summary>
internal sealed class SymbolIndexBuilder
{
    private const int MaxUseDepth = 64;
    private const int MaxPackageDepth = 100;

    private readonly List<WitSymbol> _definitions = new();
    private readonly List<WitReference> _references = new();
    private readonly List<WitSymbol> _scopeSymbols = new();
    private readonly List<PackageInfo> _packages = new();
    private readonly Dictionary<WitSymbol, Scope> _scopes = new();
    private readonly List<Action> _pendingReferences = new();

    private sealed class PackageInfo
    {
        public PackageInfo(WitSymbol symbol, PackageNameSyntax? name)
        {
            Symbol = symbol;
            Name = name;
        }

        public WitSymbol Symbol { get; }
        public PackageNameSyntax? Name { get; }
        public List<(ToplevelUseSyntax Use, WitDocument Document)> TopLevelUses { get; } = new();
    }

    private sealed class Scope
    {
        public Scope(WitSymbol owner, PackageInfo package)
        {
            Owner = owner;
            Package = package;
        }

        public WitSymbol Owner { get; }
        public PackageInfo Package { get; }
        public Dictionary<string, PendingUse> PendingByName { get; } = new(StringComparer.Ordinal);
        public List<PendingUse> Uses { get; } = new();
    }

    private sealed class PendingUse
    {
        public PendingUse(UseSyntax syntax, Scope scope, WitDocument document)
        {
            Syntax = syntax;
            Scope = scope;
            Document = document;
        }

        public UseSyntax Syntax { get; }
        public Scope Scope { get; }
        public WitDocument Document { get; }
        public bool Done { get; set; }
    }

    public static SymbolIndex Build(RootAnalysis analysis) => Build(analysis.Documents);

    public static SymbolIndex Build(IReadOnlyList<WitDocument> documents)
    {
        var builder = new SymbolIndexBuilder();
        builder.DeclarePackages(documents);
        foreach (var package in builder._packages.ToArray()) builder.ResolveTopLevelUses(package);
        foreach (var scope in builder._scopes.Values) foreach (var use in scope.Uses) builder.ProcessUse(use, 0);
        // Paths and type names are bound once every scope knows its names.
        for (int i = 0; i < builder._pendingReferences.Count; i++) builder._pendingReferences[i]();
        return new SymbolIndex(builder._definitions, builder._references, builder._scopeSymbols);
    }

    // ------------------------------------------------------------------ packages and their items

    private void DeclarePackages(IReadOnlyList<WitDocument> documents)
    {
        var groups = new SortedDictionary<int, List<WitDocument>>();
        foreach (var document in documents)
        {
            if (!groups.TryGetValue(document.PackageGroup, out var list)) groups[document.PackageGroup] = list = new List<WitDocument>();
            list.Add(document);
        }
        foreach (var group in groups.Values)
        {
            PackageInfo? package = null;
            foreach (var document in group)
            {
                if (document.Syntax.Package is not { } header) continue;
                if (package == null) package = NewPackage(header, document);
                else AddPackageReference(document, header, package, null);
            }
            package ??= NewPackage(null, group[0]);
            foreach (var document in group) DeclareItems(package, document, document.Syntax.Items, 0);
        }
    }

    private PackageInfo NewPackage(PackageNameSyntax? header, WitDocument document)
    {
        string name = header is null ? string.Empty : header.Namespace.Name + ":" + header.Name.Name;
        var nameSpan = header is null ? Span.Unknown : new Span(header.Namespace.Span.Start, header.Name.Span.End);
        var symbol = new WitSymbol(WitSymbolKind.Package, name, document, nameSpan, header?.Span ?? Span.Unknown, null)
        {
            PackageVersion = header?.Version?.ToString(),
            Docs = header?.Docs.Contents,
            Syntax = header,
        };
        if (header != null) _definitions.Add(symbol);
        var package = new PackageInfo(symbol, header);
        _packages.Add(package);
        return package;
    }

    private void DeclareItems(PackageInfo package, WitDocument document, IReadOnlyList<DeclItemSyntax> items, int depth)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case InterfaceSyntax iface:
                {
                    var symbol = Define(WitSymbolKind.Interface, iface.Name, document, iface.Span, package.Symbol, iface.Docs, iface.Attributes, iface);
                    if (symbol == null) break;
                    var scope = NewScope(symbol, package);
                    DeclareInterfaceItems(scope, document, iface.Items);
                    break;
                }
                case WorldSyntax world:
                {
                    var symbol = Define(WitSymbolKind.World, world.Name, document, world.Span, package.Symbol, world.Docs, world.Attributes, world);
                    if (symbol == null) break;
                    var scope = NewScope(symbol, package);
                    DeclareWorldItems(scope, document, world.Items);
                    break;
                }
                case ToplevelUseSyntax use:
                    package.TopLevelUses.Add((use, document));
                    break;
                case NestedPackageSyntax nested when depth < MaxPackageDepth:
                {
                    var existing = FindPackage(nested.Name.Namespace.Name, nested.Name.Name.Name, nested.Name.Version?.ToString(), exactVersion: true);
                    var inner = existing ?? NewPackage(nested.Name, document);
                    if (existing != null) AddPackageReference(document, nested.Name, existing, null);
                    DeclareItems(inner, document, nested.Items, depth + 1);
                    break;
                }
            }
        }
    }

    private Scope NewScope(WitSymbol owner, PackageInfo package)
    {
        var scope = new Scope(owner, package);
        _scopes[owner] = scope;
        _scopeSymbols.Add(owner);
        return scope;
    }

    private void ResolveTopLevelUses(PackageInfo package)
    {
        foreach (var (use, document) in package.TopLevelUses)
        {
            var target = ResolvePath(use.Item, package, document, package.Symbol, bringsIntoScope: use.As is null);
            if (use.As is { IsMissing: false } alias && alias.Name.Length > 0)
            {
                var symbol = new WitSymbol(WitSymbolKind.UseAlias, alias.Name, document, alias.Span, use.Span, package.Symbol)
                {
                    AliasOf = target,
                    Syntax = use,
                };
                ApplyAttributes(symbol, use.Attributes);
                _definitions.Add(symbol);
                package.Symbol.Children.Add(symbol);
                package.Symbol.Names.TryAdd(alias.Name, symbol);
            }
            else if (target != null)
            {
                package.Symbol.Names.TryAdd(target.Name, target);
            }
        }
    }

    // ------------------------------------------------------------------ interface and world bodies

    private void DeclareInterfaceItems(Scope scope, WitDocument document, IReadOnlyList<IInterfaceItemSyntax> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case TypeDefSyntax type:
                    DeclareType(scope, document, type);
                    break;
                case NamedFuncSyntax func:
                    DeclareFunction(scope, document, func, WitSymbolKind.Function, scope.Owner, func.Name.Name);
                    break;
                case UseSyntax use:
                    AddUse(scope, document, use);
                    break;
            }
        }
    }

    private void DeclareWorldItems(Scope scope, WitDocument document, IReadOnlyList<IWorldItemSyntax> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case TypeDefSyntax type:
                    DeclareType(scope, document, type);
                    break;
                case UseSyntax use:
                    AddUse(scope, document, use);
                    break;
                case WorldExternSyntax external:
                    DeclareExtern(scope, document, external);
                    break;
                case IncludeSyntax include:
                    _pendingReferences.Add(() => BindInclude(scope, document, include));
                    break;
            }
        }
    }

    private void DeclareExtern(Scope scope, WitDocument document, WorldExternSyntax external)
    {
        var kind = external is ImportSyntax ? WitSymbolKind.Import : WitSymbolKind.Export;
        switch (external.Kind)
        {
            case PathExternSyntax path:
                _pendingReferences.Add(() => ResolvePath(path.Path, scope.Package, document, scope.Owner, bringsIntoScope: false));
                break;
            case NamedPathExternSyntax named:
            {
                Define(kind, named.Name, document, external.Span, scope.Owner, external.Docs, external.Attributes, external);
                _pendingReferences.Add(() => ResolvePath(named.Path, scope.Package, document, scope.Owner, bringsIntoScope: false));
                break;
            }
            case FuncExternSyntax func:
            {
                var symbol = Define(WitSymbolKind.Function, func.Name, document, external.Span, scope.Owner, external.Docs, external.Attributes, external);
                if (symbol != null) DeclareSignature(scope, document, symbol, func.Func);
                break;
            }
            case InterfaceExternSyntax inline:
            {
                var symbol = Define(kind, inline.Name, document, external.Span, scope.Owner, external.Docs, external.Attributes, external);
                if (symbol == null) break;
                var inner = NewScope(symbol, scope.Package);
                DeclareInterfaceItems(inner, document, inline.Items);
                break;
            }
        }
    }

    private void DeclareType(Scope scope, WitDocument document, TypeDefSyntax type)
    {
        var kind = type.Type is ResourceTypeSyntax ? WitSymbolKind.Resource : WitSymbolKind.Type;
        var symbol = Define(kind, type.Name, document, type.Span, scope.Owner, type.Docs, type.Attributes, type);
        if (symbol == null) return;
        switch (type.Type)
        {
            case RecordTypeSyntax record:
                foreach (var field in record.Fields)
                {
                    Member(WitSymbolKind.Field, field.Name, document, field.Span, symbol, field.Docs, field);
                    _pendingReferences.Add(() => BindType(scope, document, field.Type));
                }
                break;
            case VariantTypeSyntax variant:
                foreach (var @case in variant.Cases)
                {
                    Member(WitSymbolKind.Case, @case.Name, document, @case.Span, symbol, @case.Docs, @case);
                    if (@case.Type is { } payload) _pendingReferences.Add(() => BindType(scope, document, payload));
                }
                break;
            case EnumTypeSyntax @enum:
                foreach (var @case in @enum.Cases) Member(WitSymbolKind.Case, @case.Name, document, @case.Span, symbol, @case.Docs, @case);
                break;
            case FlagsTypeSyntax flags:
                foreach (var flag in flags.Flags) Member(WitSymbolKind.Flag, flag.Name, document, flag.Span, symbol, flag.Docs, flag);
                break;
            case ResourceTypeSyntax resource:
                foreach (var func in resource.Funcs)
                {
                    var funcKind = func.Kind switch
                    {
                        ResourceFuncKind.Constructor => WitSymbolKind.Constructor,
                        ResourceFuncKind.Static => WitSymbolKind.StaticFunction,
                        _ => WitSymbolKind.Method,
                    };
                    DeclareFunction(scope, document, func.Func, funcKind, symbol, func.Func.Name.Name);
                }
                break;
            default:
                _pendingReferences.Add(() => BindType(scope, document, type.Type));
                break;
        }
    }

    private void DeclareFunction(Scope scope, WitDocument document, NamedFuncSyntax func, WitSymbolKind kind, WitSymbol container, string name)
    {
        var symbol = Define(kind, func.Name, document, func.Span, container, func.Docs, func.Attributes, func);
        if (symbol != null) DeclareSignature(scope, document, symbol, func.Func);
    }

    private void DeclareSignature(Scope scope, WitDocument document, WitSymbol function, FuncSyntax signature)
    {
        foreach (var param in signature.Params)
        {
            Member(WitSymbolKind.Parameter, param.Name, document, param.Span, function, WitTools.WitParser.Syntax.Docs.None, param);
            _pendingReferences.Add(() => BindType(scope, document, param.Type));
        }
        if (signature.Result is { } result) _pendingReferences.Add(() => BindType(scope, document, result));
    }

    private void AddUse(Scope scope, WitDocument document, UseSyntax use)
    {
        var pending = new PendingUse(use, scope, document);
        scope.Uses.Add(pending);
        foreach (var name in use.Names)
        {
            string local = (name.As ?? name.Name).Name;
            if (local.Length > 0) scope.PendingByName.TryAdd(local, pending);
        }
    }

    private void ProcessUse(PendingUse use, int depth)
    {
        if (use.Done || depth > MaxUseDepth) return;
        use.Done = true;
        var scope = use.Scope;
        var target = ResolvePath(use.Syntax.From, scope.Package, use.Document, scope.Owner, bringsIntoScope: false);
        Scope? targetScope = target != null && _scopes.TryGetValue(target, out var found) ? found : null;
        foreach (var name in use.Syntax.Names)
        {
            if (name.Name.IsMissing || name.Name.Name.Length == 0) continue;
            var item = targetScope != null ? Lookup(targetScope, name.Name.Name, depth + 1) : null;
            if (item != null) AddReference(use.Document, name.Name.Span, item, scope.Owner, bringsIntoScope: name.As is null);
            if (name.As is { IsMissing: false } alias && alias.Name.Length > 0)
            {
                var symbol = new WitSymbol(WitSymbolKind.UseAlias, alias.Name, use.Document, alias.Span, name.Span, scope.Owner)
                {
                    AliasOf = item,
                    Syntax = use.Syntax,
                };
                ApplyAttributes(symbol, use.Syntax.Attributes);
                _definitions.Add(symbol);
                scope.Owner.Children.Add(symbol);
                scope.Owner.Names.TryAdd(alias.Name, symbol);
            }
            else if (item != null)
            {
                scope.Owner.Names.TryAdd(name.Name.Name, item);
            }
        }
    }

    /// <summary>A name visible in a scope: its own types and functions, then names its <c>use</c>s bring in.</summary>
    private WitSymbol? Lookup(Scope scope, string name, int depth)
    {
        if (scope.Owner.Names.TryGetValue(name, out var symbol)) return symbol;
        if (scope.PendingByName.TryGetValue(name, out var use) && !use.Done)
        {
            ProcessUse(use, depth);
            if (scope.Owner.Names.TryGetValue(name, out symbol)) return symbol;
        }
        return null;
    }

    private void BindInclude(Scope scope, WitDocument document, IncludeSyntax include)
    {
        var world = ResolvePath(include.From, scope.Package, document, scope.Owner, bringsIntoScope: false);
        foreach (var rename in include.Names)
        {
            WitSymbol? item = null;
            if (world != null && !rename.Name.IsMissing && world.Names.TryGetValue(rename.Name.Name, out var found))
            {
                item = found;
                AddReference(document, rename.Name.Span, item, scope.Owner, bringsIntoScope: false);
            }
            if (rename.As.IsMissing || rename.As.Name.Length == 0) continue;
            var symbol = new WitSymbol(WitSymbolKind.IncludeAlias, rename.As.Name, document, rename.As.Span, rename.Span, scope.Owner)
            {
                AliasOf = item,
                Syntax = include,
            };
            _definitions.Add(symbol);
            scope.Owner.Children.Add(symbol);
            scope.Owner.Names.TryAdd(rename.As.Name, symbol);
        }
    }

    /// <summary>Records the references of a type expression (named types and handle targets).</summary>
    private void BindType(Scope scope, WitDocument document, TypeSyntax? type)
    {
        // Iterative: nested types are bounded by the parser, but a stack keeps this independent of that.
        var stack = new Stack<TypeSyntax>();
        if (type != null) stack.Push(type);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case NamedTypeSyntax named:
                    BindName(scope, document, named.Name);
                    break;
                case HandleTypeSyntax handle:
                    BindName(scope, document, handle.Resource);
                    break;
                case ListTypeSyntax list:
                    stack.Push(list.Element);
                    break;
                case FixedLengthListTypeSyntax fixedList:
                    stack.Push(fixedList.Element);
                    break;
                case MapTypeSyntax map:
                    stack.Push(map.Value);
                    stack.Push(map.Key);
                    break;
                case OptionTypeSyntax option:
                    stack.Push(option.Type);
                    break;
                case ResultTypeSyntax result:
                    if (result.Err != null) stack.Push(result.Err);
                    if (result.Ok != null) stack.Push(result.Ok);
                    break;
                case TupleTypeSyntax tuple:
                    for (int i = tuple.Types.Count - 1; i >= 0; i--) stack.Push(tuple.Types[i]);
                    break;
                case FutureTypeSyntax { Type: { } payload }:
                    stack.Push(payload);
                    break;
                case StreamTypeSyntax { Type: { } payload }:
                    stack.Push(payload);
                    break;
            }
        }
    }

    private void BindName(Scope scope, WitDocument document, Identifier name)
    {
        if (name.IsMissing || name.Name.Length == 0) return;
        var symbol = Lookup(scope, name.Name, 0);
        // A name used inside an inline interface may also come from the world around it.
        if (symbol == null && scope.Owner.Container is { } outer && _scopes.TryGetValue(outer, out var outerScope)
            && scope.Owner.Kind is WitSymbolKind.Import or WitSymbolKind.Export)
        {
            symbol = Lookup(outerScope, name.Name, 0);
        }
        if (symbol != null && symbol.Kind is WitSymbolKind.Type or WitSymbolKind.Resource or WitSymbolKind.UseAlias)
        {
            AddReference(document, name.Span, symbol, scope.Owner, bringsIntoScope: false);
        }
    }

    // ------------------------------------------------------------------ paths

    /// <summary>Binds <c>name</c> (an item of the package or a top-level <c>use</c>) or <c>ns:pkg/name@v</c>,
    /// recording the references; returns the interface or world finally named.</summary>
    private WitSymbol? ResolvePath(UsePathSyntax path, PackageInfo package, WitDocument document, WitSymbol scope, bool bringsIntoScope)
    {
        if (path.Name.IsMissing || path.Name.Name.Length == 0) return null;
        PackageInfo? owner = package;
        if (path.Package is { } packageName)
        {
            owner = FindPackage(packageName.Namespace.Name, packageName.Name.Name, packageName.Version?.ToString(), exactVersion: false);
            if (owner == null) return null;
            AddPackageReference(document, packageName, owner, scope);
        }
        if (!owner.Symbol.Names.TryGetValue(path.Name.Name, out var item)) return null;
        AddReference(document, path.Name.Span, item, scope, bringsIntoScope);
        var original = item.Original;
        return original.Kind is WitSymbolKind.Interface or WitSymbolKind.World ? original : null;
    }

    private PackageInfo? FindPackage(string ns, string name, string? version, bool exactVersion)
    {
        PackageInfo? fallback = null;
        foreach (var package in _packages)
        {
            if (package.Name is not { } candidate || candidate.Namespace.Name != ns || candidate.Name.Name != name) continue;
            string? candidateVersion = candidate.Version?.ToString();
            if (candidateVersion == version) return package;
            if (!exactVersion && version == null) fallback ??= package;
        }
        return fallback;
    }

    private void AddPackageReference(WitDocument document, PackageNameSyntax name, PackageInfo package, WitSymbol? scope)
    {
        if (name.Namespace.IsMissing || name.Name.IsMissing) return;
        AddReference(document, new Span(name.Namespace.Span.Start, name.Name.Span.End), package.Symbol, scope, bringsIntoScope: false);
    }

    // ------------------------------------------------------------------ definitions

    private WitSymbol? Define(WitSymbolKind kind, Identifier name, WitDocument document, Span fullSpan, WitSymbol container,
        WitTools.WitParser.Syntax.Docs docs, IReadOnlyList<AttributeSyntax> attributes, SyntaxNode syntax)
    {
        if (name.IsMissing || name.Name.Length == 0) return null;
        var symbol = new WitSymbol(kind, name.Name, document, name.Span, fullSpan, container)
        {
            Docs = docs.Contents,
            Syntax = syntax,
        };
        ApplyAttributes(symbol, attributes);
        _definitions.Add(symbol);
        container.Children.Add(symbol);
        container.Names.TryAdd(name.Name, symbol);
        return symbol;
    }

    private void Member(WitSymbolKind kind, Identifier name, WitDocument document, Span fullSpan, WitSymbol container,
        WitTools.WitParser.Syntax.Docs docs, SyntaxNode syntax) =>
        Define(kind, name, document, fullSpan, container, docs, Array.Empty<AttributeSyntax>(), syntax);

    private static void ApplyAttributes(WitSymbol symbol, IReadOnlyList<AttributeSyntax> attributes)
    {
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case SinceAttributeSyntax since:
                    symbol.Since = since.Version.ToString();
                    break;
                case UnstableAttributeSyntax unstable:
                    symbol.UnstableFeature = unstable.Feature.Name;
                    break;
                case DeprecatedAttributeSyntax deprecated:
                    symbol.DeprecatedSince = deprecated.Version.ToString();
                    break;
            }
        }
    }

    private void AddReference(WitDocument document, Span span, WitSymbol target, WitSymbol? scope, bool bringsIntoScope)
    {
        if (!span.IsKnown || span.Length == 0) return;
        _references.Add(new WitReference(document, span, target, scope, bringsIntoScope));
    }
}
