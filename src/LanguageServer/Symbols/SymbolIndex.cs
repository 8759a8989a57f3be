using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Symbols;

public enum WitSymbolKind
{
    Package,
    Interface,
    World,
    /// <summary>A <c>type x = ...</c> alias or a record/variant/enum/flags definition.</summary>
    Type,
    Resource,
    Function,
    Method,
    StaticFunction,
    Constructor,
    Field,
    Case,
    Flag,
    Parameter,
    /// <summary>A named world import (<c>import name: ...</c>).</summary>
    Import,
    Export,
    /// <summary>The new name of a <c>use path.{a as b}</c> or a top-level <c>use path as b</c>.</summary>
    UseAlias,
    /// <summary>The new name of an <c>include w with { a as b }</c>.</summary>
    IncludeAlias,
}

/// <summary>A named definition in WIT source: where its name is, what contains it, its docs and gates.</summary>
public sealed class WitSymbol
{
    private Dictionary<string, WitSymbol>? _names;

    internal WitSymbol(WitSymbolKind kind, string name, WitDocument document, Span nameSpan, Span fullSpan, WitSymbol? container)
    {
        Kind = kind;
        Name = name;
        Document = document;
        NameSpan = nameSpan;
        FullSpan = fullSpan;
        Container = container;
    }

    public WitSymbolKind Kind { get; }
    public string Name { get; }
    public WitDocument Document { get; }
    public Span NameSpan { get; }
    public Span FullSpan { get; internal set; }
    public WitSymbol? Container { get; }

    /// <summary>The defining syntax node (for signatures and the type keyword).</summary>
    public SyntaxNode? Syntax { get; internal set; }

    public string? Docs { get; internal set; }
    public string? Since { get; internal set; }
    public string? UnstableFeature { get; internal set; }
    public string? DeprecatedSince { get; internal set; }

    /// <summary>For aliases: the symbol the alias renames (when it could be resolved).</summary>
    public WitSymbol? AliasOf { get; internal set; }

    /// <summary>For a package: <c>ns:name</c> and the version, if any.</summary>
    public string? PackageVersion { get; internal set; }

    public List<WitSymbol> Children { get; } = new();

    /// <summary>Names that would clash with a new child of this symbol (a scope's types, functions and
    /// imported names; a record's fields; a function's parameters; a package's interfaces and worlds).</summary>
    internal Dictionary<string, WitSymbol> Names => _names ??= new Dictionary<string, WitSymbol>(StringComparer.Ordinal);

    public bool HasName(string name) => _names != null && _names.ContainsKey(name);

    /// <summary>The names visible in this symbol (a scope's types and imported names, a package's items).</summary>
    public IEnumerable<(string Name, WitSymbol Symbol)> NamesSnapshot()
    {
        if (_names == null) yield break;
        foreach (var pair in _names) yield return (pair.Key, pair.Value);
    }

    public bool IsDeprecated => DeprecatedSince != null;

    /// <summary>Follows alias links to the item finally named (bounded: alias chains cannot loop forever).</summary>
    public WitSymbol Original
    {
        get
        {
            var symbol = this;
            for (int i = 0; i < 64 && symbol.AliasOf != null; i++) symbol = symbol.AliasOf;
            return symbol;
        }
    }

    /// <summary>The enclosing package symbol.</summary>
    public WitSymbol? Package
    {
        get
        {
            var symbol = this;
            while (symbol != null && symbol.Kind != WitSymbolKind.Package) symbol = symbol.Container;
            return symbol;
        }
    }

    /// <summary><c>ns:pkg/iface@1.0.0.type</c>-style name for hover and workspace symbols.</summary>
    public string QualifiedName
    {
        get
        {
            switch (Kind)
            {
                case WitSymbolKind.Package:
                    return Name + (PackageVersion is null ? "" : "@" + PackageVersion);
                case WitSymbolKind.Interface:
                case WitSymbolKind.World:
                    if (Container is { Kind: WitSymbolKind.Package } package)
                    {
                        return package.Name + "/" + Name + (package.PackageVersion is null ? "" : "@" + package.PackageVersion);
                    }
                    return Name;
                default:
                    if (Container is null) return Name;
                    string separator = Kind is WitSymbolKind.Function or WitSymbolKind.Import or WitSymbolKind.Export ? "#" : ".";
                    if (Container.Kind is WitSymbolKind.Import or WitSymbolKind.Export) separator = ".";
                    return Container.QualifiedName + separator + Name;
            }
        }
    }

    public override string ToString() => Kind + " " + QualifiedName;
}

/// <summary>A name at a use site, linked to the definition it names.</summary>
public sealed class WitReference
{
    internal WitReference(WitDocument document, Span nameSpan, WitSymbol target, WitSymbol? scope, bool bringsIntoScope)
    {
        Document = document;
        NameSpan = nameSpan;
        Target = target;
        Scope = scope;
        BringsIntoScope = bringsIntoScope;
    }

    public WitDocument Document { get; }
    public Span NameSpan { get; }
    public WitSymbol Target { get; }

    /// <summary>The interface, world or package whose body holds the reference.</summary>
    public WitSymbol? Scope { get; }

    /// <summary>A <c>use path.{name}</c> without <c>as</c>: the name also becomes a name of <see cref="Scope"/>
    /// (renaming the target renames it there too, so the new name must be free in that scope).</summary>
    public bool BringsIntoScope { get; }
}

/// <summary>All definitions and references of one analysis, with lookups by position.</summary>
public sealed class SymbolIndex
{
    private readonly Dictionary<WitSymbol, List<WitReference>> _referencesByTarget = new();

    internal SymbolIndex(List<WitSymbol> definitions, List<WitReference> references, List<WitSymbol> scopes)
    {
        Definitions = definitions;
        References = references;
        Scopes = scopes;
        foreach (var reference in references)
        {
            if (!_referencesByTarget.TryGetValue(reference.Target, out var list)) _referencesByTarget[reference.Target] = list = new List<WitReference>();
            list.Add(reference);
        }
    }

    public IReadOnlyList<WitSymbol> Definitions { get; }
    public IReadOnlyList<WitReference> References { get; }

    /// <summary>Interfaces, worlds and inline interfaces (the bodies where types are visible).</summary>
    public IReadOnlyList<WitSymbol> Scopes { get; }

    public IReadOnlyList<WitReference> ReferencesTo(WitSymbol target) =>
        _referencesByTarget.TryGetValue(target, out var list) ? list : (IReadOnlyList<WitReference>)Array.Empty<WitReference>();

    /// <summary>The definition or reference whose name covers <paramref name="globalOffset"/> (the end of a
    /// name counts, so a cursor just after a name finds it).</summary>
    public (WitSymbol? Definition, WitReference? Reference) At(WitDocument document, int globalOffset)
    {
        foreach (var reference in References)
        {
            if (reference.Document == document && Covers(reference.NameSpan, globalOffset)) return (null, reference);
        }
        foreach (var definition in Definitions)
        {
            if (definition.Document == document && Covers(definition.NameSpan, globalOffset)) return (definition, null);
        }
        return (null, null);
    }

    /// <summary>The symbol named at a position: a definition itself, or a reference's target.</summary>
    public WitSymbol? SymbolAt(WitDocument document, int globalOffset)
    {
        var (definition, reference) = At(document, globalOffset);
        return definition ?? reference?.Target;
    }

    /// <summary>The innermost interface/world body containing the offset.</summary>
    public WitSymbol? ScopeAt(WitDocument document, int globalOffset)
    {
        WitSymbol? best = null;
        foreach (var scope in Scopes)
        {
            if (scope.Document != document || !Contains(scope.FullSpan, globalOffset)) continue;
            if (best == null || scope.FullSpan.Length <= best.FullSpan.Length) best = scope;
        }
        return best;
    }

    private static bool Covers(Span span, int offset) => span.IsKnown && span.Length > 0 && offset >= span.Start && offset <= span.End;

    private static bool Contains(Span span, int offset) => span.IsKnown && offset > span.Start && offset <= span.End;
}
