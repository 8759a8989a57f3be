using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Syntax;

/// <summary>
/// A type expression. <see cref="SyntaxNode.Span"/> is exactly wit-parser's `Type::span()`: the keyword for
/// primitives, `list`, `map`, `option`, `result`, `tuple`, `future`, `stream`; the resource name for
/// `own&lt;T&gt;`/`borrow&lt;T&gt;`; the declared name for record/flags/variant/enum/resource definitions.
/// </summary>
public abstract record TypeSyntax(Span Span) : SyntaxNode(Span);

public enum PrimitiveTypeKind
{
    Bool,
    U8,
    U16,
    U32,
    U64,
    S8,
    S16,
    S32,
    S64,
    F32,
    F64,
    Char,
    String,
    ErrorContext,
}

public sealed record PrimitiveTypeSyntax(Span Span, PrimitiveTypeKind Kind) : TypeSyntax(Span);

/// <summary>A reference to a named type (including `float32`/`float64`, which resolution rejects).</summary>
public sealed record NamedTypeSyntax(Span Span, Identifier Name) : TypeSyntax(Span);

public sealed record ListTypeSyntax(Span Span, TypeSyntax Element) : TypeSyntax(Span);

/// <summary>`list&lt;T, N&gt;`.</summary>
public sealed record FixedLengthListTypeSyntax(Span Span, TypeSyntax Element, uint Size) : TypeSyntax(Span);

public sealed record MapTypeSyntax(Span Span, TypeSyntax Key, TypeSyntax Value) : TypeSyntax(Span);

public enum HandleKind
{
    Own,
    Borrow,
}

/// <summary>`own&lt;T&gt;` / `borrow&lt;T&gt;`; the span is the resource name's.</summary>
public sealed record HandleTypeSyntax(Span Span, HandleKind Kind, Identifier Resource) : TypeSyntax(Span);

public sealed record ResourceTypeSyntax(Span Span, IReadOnlyList<ResourceFuncSyntax> Funcs) : TypeSyntax(Span);

public sealed record RecordTypeSyntax(Span Span, IReadOnlyList<FieldSyntax> Fields) : TypeSyntax(Span);

public sealed record FieldSyntax(Span Span, Docs Docs, Identifier Name, TypeSyntax Type) : SyntaxNode(Span);

public sealed record FlagsTypeSyntax(Span Span, IReadOnlyList<FlagSyntax> Flags) : TypeSyntax(Span);

public sealed record FlagSyntax(Span Span, Docs Docs, Identifier Name) : SyntaxNode(Span);

public sealed record VariantTypeSyntax(Span Span, IReadOnlyList<VariantCaseSyntax> Cases) : TypeSyntax(Span);

public sealed record VariantCaseSyntax(Span Span, Docs Docs, Identifier Name, TypeSyntax? Type) : SyntaxNode(Span);

public sealed record EnumTypeSyntax(Span Span, IReadOnlyList<EnumCaseSyntax> Cases) : TypeSyntax(Span);

public sealed record EnumCaseSyntax(Span Span, Docs Docs, Identifier Name) : SyntaxNode(Span);

public sealed record TupleTypeSyntax(Span Span, IReadOnlyList<TypeSyntax> Types) : TypeSyntax(Span);

public sealed record OptionTypeSyntax(Span Span, TypeSyntax Type) : TypeSyntax(Span);

/// <summary>`result`, `result&lt;T&gt;`, `result&lt;_, E&gt;`, `result&lt;T, E&gt;`.</summary>
public sealed record ResultTypeSyntax(Span Span, TypeSyntax? Ok, TypeSyntax? Err) : TypeSyntax(Span);

public sealed record FutureTypeSyntax(Span Span, TypeSyntax? Type) : TypeSyntax(Span);

public sealed record StreamTypeSyntax(Span Span, TypeSyntax? Type) : TypeSyntax(Span);

/// <summary>Placeholder for a type that failed to parse (only present when a syntax error was reported).</summary>
public sealed record ErrorTypeSyntax(Span Span) : TypeSyntax(Span);
