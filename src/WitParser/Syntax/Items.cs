using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Syntax;

/// <summary>An item of a package scope (wit-parser's `AstItem`): interface, world, top-level use, nested package.</summary>
public abstract record DeclItemSyntax(Span Span) : SyntaxNode(Span);

/// <summary>An item inside an interface body: <see cref="TypeDefSyntax"/>, <see cref="NamedFuncSyntax"/>, <see cref="UseSyntax"/>.</summary>
public interface IInterfaceItemSyntax
{
    Span Span { get; }
}

/// <summary>An item inside a world body: <see cref="ImportSyntax"/>, <see cref="ExportSyntax"/>, <see cref="UseSyntax"/>,
/// <see cref="TypeDefSyntax"/>, <see cref="IncludeSyntax"/>.</summary>
public interface IWorldItemSyntax
{
    Span Span { get; }
}

/// <summary>`package ns:name { ... }` inside a file. <see cref="Attributes"/> is always empty in valid input
/// (attributes on nested packages are an error).</summary>
public sealed record NestedPackageSyntax(
    Span Span,
    PackageNameSyntax Name,
    IReadOnlyList<AttributeSyntax> Attributes,
    IReadOnlyList<DeclItemSyntax> Items) : DeclItemSyntax(Span);

/// <summary>`interface name { items }`.</summary>
public sealed record InterfaceSyntax(
    Span Span,
    Docs Docs,
    IReadOnlyList<AttributeSyntax> Attributes,
    Identifier Name,
    IReadOnlyList<IInterfaceItemSyntax> Items) : DeclItemSyntax(Span);

/// <summary>`world name { items }`.</summary>
public sealed record WorldSyntax(
    Span Span,
    Docs Docs,
    IReadOnlyList<AttributeSyntax> Attributes,
    Identifier Name,
    IReadOnlyList<IWorldItemSyntax> Items) : DeclItemSyntax(Span);

/// <summary>`use path [as name];` at package level. <see cref="UseSpan"/> is the `use` keyword (wit-parser's span).</summary>
public sealed record ToplevelUseSyntax(
    Span Span,
    Span UseSpan,
    IReadOnlyList<AttributeSyntax> Attributes,
    UsePathSyntax Item,
    Identifier? As) : DeclItemSyntax(Span);

/// <summary>`use path.{a, b as c};` inside an interface or world.</summary>
public sealed record UseSyntax(
    Span Span,
    IReadOnlyList<AttributeSyntax> Attributes,
    UsePathSyntax From,
    IReadOnlyList<UseNameSyntax> Names) : SyntaxNode(Span), IInterfaceItemSyntax, IWorldItemSyntax;

public sealed record UseNameSyntax(Span Span, Identifier Name, Identifier? As) : SyntaxNode(Span);

/// <summary>`include path [with { a as b, ... }]` in a world.</summary>
public sealed record IncludeSyntax(
    Span Span,
    IReadOnlyList<AttributeSyntax> Attributes,
    UsePathSyntax From,
    IReadOnlyList<IncludeNameSyntax> Names) : SyntaxNode(Span), IWorldItemSyntax;

public sealed record IncludeNameSyntax(Span Span, Identifier Name, Identifier As) : SyntaxNode(Span);

/// <summary>An `import` or `export` of a world.</summary>
public abstract record WorldExternSyntax(
    Span Span,
    Docs Docs,
    IReadOnlyList<AttributeSyntax> Attributes,
    ExternKindSyntax Kind) : SyntaxNode(Span), IWorldItemSyntax;

public sealed record ImportSyntax(Span Span, Docs Docs, IReadOnlyList<AttributeSyntax> Attributes, ExternKindSyntax Kind)
    : WorldExternSyntax(Span, Docs, Attributes, Kind);

public sealed record ExportSyntax(Span Span, Docs Docs, IReadOnlyList<AttributeSyntax> Attributes, ExternKindSyntax Kind)
    : WorldExternSyntax(Span, Docs, Attributes, Kind);

/// <summary>What an import/export names. <see cref="SyntaxNode.Span"/> is wit-parser's `ExternKind::span()`: the
/// span of the name (the label, or the last identifier of a path).</summary>
public abstract record ExternKindSyntax(Span Span) : SyntaxNode(Span);

/// <summary>`name: interface { items }`.</summary>
public sealed record InterfaceExternSyntax(Span Span, Identifier Name, IReadOnlyList<IInterfaceItemSyntax> Items)
    : ExternKindSyntax(Span);

/// <summary>`path;` (a local interface or `ns:pkg/iface@v`).</summary>
public sealed record PathExternSyntax(Span Span, UsePathSyntax Path) : ExternKindSyntax(Span);

/// <summary>`name: [async] func(...)`.</summary>
public sealed record FuncExternSyntax(Span Span, Identifier Name, FuncSyntax Func) : ExternKindSyntax(Span);

/// <summary>`label: path;` — a plain-named import/export implementing an interface.</summary>
public sealed record NamedPathExternSyntax(Span Span, Identifier Name, UsePathSyntax Path) : ExternKindSyntax(Span);

/// <summary>A type definition: `type x = ...;`, or a `record`/`flags`/`variant`/`enum`/`resource` declaration.</summary>
public sealed record TypeDefSyntax(
    Span Span,
    Docs Docs,
    IReadOnlyList<AttributeSyntax> Attributes,
    Identifier Name,
    TypeSyntax Type) : SyntaxNode(Span), IInterfaceItemSyntax, IWorldItemSyntax;

/// <summary>`name: func(...)` in an interface, or a resource method/static/constructor.</summary>
public sealed record NamedFuncSyntax(
    Span Span,
    Docs Docs,
    IReadOnlyList<AttributeSyntax> Attributes,
    Identifier Name,
    FuncSyntax Func) : SyntaxNode(Span), IInterfaceItemSyntax;

/// <summary>A function signature. <see cref="SyntaxNode.Span"/> is the `func` keyword (or `constructor`), as in wit-parser.</summary>
public sealed record FuncSyntax(Span Span, bool IsAsync, IReadOnlyList<ParamSyntax> Params, TypeSyntax? Result)
    : SyntaxNode(Span);

public sealed record ParamSyntax(Span Span, Identifier Name, TypeSyntax Type) : SyntaxNode(Span);

public enum ResourceFuncKind
{
    Method,
    Static,
    Constructor,
}

/// <summary>A function inside a resource body. A constructor's name is `constructor` with the keyword's span.</summary>
public sealed record ResourceFuncSyntax(Span Span, ResourceFuncKind Kind, NamedFuncSyntax Func) : SyntaxNode(Span);
