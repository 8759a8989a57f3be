using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Symbols;

/// <summary>What a <see cref="WitSymbol"/> defines.</summary>
public enum WitSymbolKind
{
    /// <summary>A package: its <c>package ns:name@version</c> header (the first one, for a package of several files) or a
    /// nested <c>package ns:name { … }</c> block. <see cref="WitSymbol.Name"/> is <c>ns:name@version</c>.</summary>
    Package,
    Interface,
    World,
    Resource,
    Record,
    Variant,
    Enum,
    Flags,

    /// <summary><c>type name = …;</c></summary>
    TypeAlias,

    /// <summary>A name brought in by <c>use</c>: a type (<c>use iface.{a}</c>, <c>use iface.{a as b}</c>) or an interface
    /// or world (<c>use ns:pkg/iface [as name];</c> at package level). <see cref="WitSymbol.AliasOf"/> is what it names.</summary>
    Use,

    /// <summary>A freestanding function of an interface.</summary>
    Function,

    /// <summary>A resource method (its container is the resource).</summary>
    Method,

    /// <summary>A resource's <c>static</c> function.</summary>
    StaticFunction,

    /// <summary>A resource constructor; its name is <c>constructor</c>.</summary>
    Constructor,
    Field,
    VariantCase,
    EnumCase,
    Flag,

    /// <summary>A function parameter (its container is the function, or the world item of an imported or exported
    /// function).</summary>
    Parameter,

    /// <summary>A named world import: <c>import name: func(…)</c>, <c>import name: interface { … }</c> or
    /// <c>import name: path;</c>.</summary>
    Import,

    /// <summary>A named world export (as <see cref="Import"/>).</summary>
    Export,

    /// <summary>The new name of an included world's item: <c>b</c> in <c>include w with { a as b }</c> (its container is
    /// the including world, <see cref="WitSymbol.AliasOf"/> is <c>a</c> of <c>w</c>).</summary>
    IncludeAlias,
}

/// <summary>
/// One named definition in WIT source, recorded while resolving (see <see cref="WitSymbolIndex"/>). Immutable once the
/// load that made it has finished.
/// </summary>
public sealed class WitSymbol
{
    internal WitSymbol(WitSymbolKind kind, string name, Span nameSpan, Span span, WitSymbol? container, SourceFile? file,
        string? docs, Stability stability)
    {
        Kind = kind;
        Name = name;
        NameSpan = nameSpan;
        Span = span;
        Container = container;
        File = file;
        Docs = docs;
        Stability = stability;
    }

    public WitSymbolKind Kind { get; }

    /// <summary>The name as written (without a leading <c>%</c>): <c>get</c> for a method, <c>constructor</c> for a
    /// constructor, <c>ns:name@version</c> for a package.</summary>
    public string Name { get; }

    /// <summary>The name token (global UTF-8 byte offsets; for a package, the whole <c>ns:name@version</c>).</summary>
    public Span NameSpan { get; }

    /// <summary>The whole definition, attributes included, doc comments not (those are in <see cref="Docs"/>); equal to
    /// <see cref="NameSpan"/> for packages declared by a header.</summary>
    public Span Span { get; }

    /// <summary>What the definition is inside: the interface or world of a type or function, the resource of a method,
    /// the type of a field or case, the function (or function world item) of a parameter, the world of an import or
    /// export, the world item of an inline interface's items, the package of an interface or world or package-level
    /// <c>use</c>. Null for packages.</summary>
    public WitSymbol? Container { get; }

    /// <summary>The file the definition is in.</summary>
    public SourceFile? File { get; }

    /// <summary>The doc comment, normalized as in wit-parser's model (null when there is none).</summary>
    public string? Docs { get; }

    /// <summary>The <c>@since</c>/<c>@unstable</c>/<c>@deprecated</c> gates written on the definition (a <c>use</c> carries
    /// those of its statement; parameters, fields, cases and flags have none).</summary>
    public Stability Stability { get; }

    public bool IsDeprecated => Stability.Deprecated is not null;

    /// <summary>For <see cref="WitSymbolKind.Use"/>: the symbol the name brings in (which may itself be a
    /// <c>use</c>); for <see cref="WitSymbolKind.IncludeAlias"/>: the included item it renames. Null when it did not
    /// resolve, and for every other kind.</summary>
    public WitSymbol? AliasOf { get; internal set; }

    /// <summary>This symbol with every <see cref="AliasOf"/> followed: what a name finally refers to. The symbol
    /// itself when it is not an alias (a <c>use</c> or an include rename), or when its target did not resolve.</summary>
    public WitSymbol Definition
    {
        get
        {
            var symbol = this;
            for (int guard = 0; guard < 10_000 && symbol.AliasOf is { } next; guard++) symbol = next;
            return symbol;
        }
    }

    /// <summary>The package symbol this definition belongs to (itself for a package).</summary>
    public WitSymbol? Package
    {
        get
        {
            var symbol = this;
            while (symbol.Kind != WitSymbolKind.Package && symbol.Container is { } container) symbol = container;
            return symbol.Kind == WitSymbolKind.Package ? symbol : null;
        }
    }

    /// <summary>A readable full name: <c>ns:pkg@1.0.0</c>, <c>ns:pkg/iface@1.0.0</c>, then members joined by '.'
    /// (<c>ns:pkg/iface@1.0.0.request.method</c>).</summary>
    public string QualifiedName
    {
        get
        {
            switch (Kind)
            {
                case WitSymbolKind.Package:
                    return Name;
                case WitSymbolKind.Interface:
                case WitSymbolKind.World:
                    if (Container is { Kind: WitSymbolKind.Package, PackageName: { } name })
                        return name.QualifyInterface(Name);
                    return Name;
                default:
                    return Container is null ? Name : Container.QualifiedName + "." + Name;
            }
        }
    }

    // ---- links into LoadResult.Resolve (null when the item is not there: gated off by a feature, or failed) ----

    /// <summary>The package, for <see cref="WitSymbolKind.Package"/>.</summary>
    public PackageId? PackageId { get; internal set; }

    /// <summary>The interface, for <see cref="WitSymbolKind.Interface"/>, an import/export of an inline interface or of
    /// an interface by path, and a package-level <c>use</c> of an interface.</summary>
    public InterfaceId? InterfaceId { get; internal set; }

    /// <summary>The world, for <see cref="WitSymbolKind.World"/>.</summary>
    public WorldId? WorldId { get; internal set; }

    /// <summary>The type, for type definitions and for <see cref="WitSymbolKind.Use"/> of a type (the alias's own
    /// <see cref="TypeDef"/>, whose kind points at the original).</summary>
    public TypeId? TypeId { get; internal set; }

    /// <summary>The function, for functions, methods, static functions, constructors and function imports/exports.</summary>
    public Function? Function { get; internal set; }

    /// <summary>The package's name, for <see cref="WitSymbolKind.Package"/>.</summary>
    public PackageName? PackageName { get; internal set; }

    public override string ToString() => Kind + " " + QualifiedName;
}
