using WitTools.WitParser.Text;

namespace WitTools.WitParser.Symbols;

/// <summary>What kind of name a <see cref="WitReference"/> is.</summary>
public enum WitReferenceKind
{
    /// <summary>A type name in a type expression (<c>list&lt;name&gt;</c>, <c>borrow&lt;name&gt;</c>, a parameter's type…).</summary>
    Type,

    /// <summary>The interface named by a path: <c>use</c>, <c>import</c>, <c>export</c>.</summary>
    Interface,

    /// <summary>The world named by an <c>include</c> (or a package-level <c>use</c> of a world).</summary>
    World,

    /// <summary>The <c>ns:name</c> of a path into another package.</summary>
    Package,

    /// <summary>A name in <c>use path.{name}</c>: the item of the used interface.</summary>
    UsedName,

    /// <summary>The <c>name</c> of <c>include w with { name as other }</c>: an item of the included world.</summary>
    IncludedName,

    /// <summary>A second <c>package</c> header of a package spread over several files.</summary>
    PackageHeader,
}

/// <summary>
/// One use of a name in WIT source: the span of its token and the definition it refers to.
/// </summary>
public readonly struct WitReference
{
    internal WitReference(Span span, WitReferenceKind kind, WitSymbol? symbol)
    {
        Span = span;
        Kind = kind;
        Symbol = symbol;
    }

    /// <summary>The name token (global UTF-8 byte offsets).</summary>
    public Span Span { get; }

    public WitReferenceKind Kind { get; }

    /// <summary>What the name refers to directly: a <see cref="WitSymbolKind.Use"/> symbol when the name is a
    /// <c>use</c> alias, else the definition itself. Null when the name did not resolve (an error was reported).</summary>
    public WitSymbol? Symbol { get; }

    /// <summary><see cref="Symbol"/> with its <c>use</c> aliases followed (<see cref="WitSymbol.Definition"/>).</summary>
    public WitSymbol? Definition => Symbol?.Definition;

    public override string ToString() => Span + " -> " + (Symbol?.ToString() ?? "<unresolved>");
}
