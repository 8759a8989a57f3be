using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace WitTools.AbiOracle.Types;

/// <summary>The kinds of component-model value types the oracle can carry through Wasmtime .NET 50.</summary>
/// <remarks>Resources, maps and fixed-size lists are absent on purpose: the .NET wrapper cannot carry them.</remarks>
public enum WitTypeKind
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String,
    List, Record, Tuple, Variant, Enum, Option, Result, Flags,
}

/// <summary>
/// A component-model value type, printable as component WAT type syntax (<see cref="ToString"/>)
/// and parseable from it (<see cref="Parse"/>).
/// </summary>
public abstract class WitValueType
{
    private protected WitValueType(WitTypeKind kind) => Kind = kind;

    public WitTypeKind Kind { get; }

    public static PrimitiveType Bool { get; } = new(WitTypeKind.Bool);
    public static PrimitiveType S8 { get; } = new(WitTypeKind.S8);
    public static PrimitiveType U8 { get; } = new(WitTypeKind.U8);
    public static PrimitiveType S16 { get; } = new(WitTypeKind.S16);
    public static PrimitiveType U16 { get; } = new(WitTypeKind.U16);
    public static PrimitiveType S32 { get; } = new(WitTypeKind.S32);
    public static PrimitiveType U32 { get; } = new(WitTypeKind.U32);
    public static PrimitiveType S64 { get; } = new(WitTypeKind.S64);
    public static PrimitiveType U64 { get; } = new(WitTypeKind.U64);
    public static PrimitiveType F32 { get; } = new(WitTypeKind.F32);
    public static PrimitiveType F64 { get; } = new(WitTypeKind.F64);
    public static PrimitiveType Char { get; } = new(WitTypeKind.Char);
    public static PrimitiveType String { get; } = new(WitTypeKind.String);

    /// <summary>All primitive types in <see cref="WitTypeKind"/> order.</summary>
    public static IReadOnlyList<PrimitiveType> Primitives { get; } =
        [Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String];

    public static PrimitiveType Primitive(WitTypeKind kind) =>
        kind <= WitTypeKind.String ? Primitives[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>Parses component WAT value-type syntax, e.g. <c>(record (field "a" u32) (field "b" (option string)))</c>.</summary>
    /// <exception cref="FormatException">The text is not a supported type.</exception>
    public static WitValueType Parse(string componentTypeText) => WatTypeParser.Parse(componentTypeText);

    /// <summary>True when <see cref="Kind"/> is a nominal kind (record, variant, enum, flags), which a component must export by name.</summary>
    public bool IsNominal => Kind is WitTypeKind.Record or WitTypeKind.Variant or WitTypeKind.Enum or WitTypeKind.Flags;

    /// <summary>Direct child types, in declaration order.</summary>
    public abstract IEnumerable<WitValueType> Children { get; }

    /// <summary>Component WAT type syntax.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, t => null);
        return sb.ToString();
    }

    /// <summary>Writes WAT syntax; <paramref name="reference"/> may replace a child by a type reference such as <c>$t3</c>.</summary>
    internal abstract void Write(StringBuilder sb, Func<WitValueType, string?> reference);

    internal static void WriteChild(StringBuilder sb, WitValueType child, Func<WitValueType, string?> reference)
    {
        var name = reference(child);
        if (name != null) sb.Append(name);
        else child.Write(sb, reference);
    }

    internal static string Quote(string name) => "\"" + name + "\"";
}

public sealed class PrimitiveType : WitValueType
{
    internal PrimitiveType(WitTypeKind kind) : base(kind) { }

    public override IEnumerable<WitValueType> Children => [];

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference) =>
        sb.Append(Kind.ToString().ToLowerInvariant());
}

public sealed class ListType(WitValueType element) : WitValueType(WitTypeKind.List)
{
    public WitValueType Element { get; } = element;

    public override IEnumerable<WitValueType> Children => [Element];

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(list ");
        WriteChild(sb, Element, reference);
        sb.Append(')');
    }
}

public sealed class OptionType(WitValueType payload) : WitValueType(WitTypeKind.Option)
{
    public WitValueType Payload { get; } = payload;

    public override IEnumerable<WitValueType> Children => [Payload];

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(option ");
        WriteChild(sb, Payload, reference);
        sb.Append(')');
    }
}

public sealed class ResultType(WitValueType? ok, WitValueType? err) : WitValueType(WitTypeKind.Result)
{
    public WitValueType? Ok { get; } = ok;
    public WitValueType? Err { get; } = err;

    public override IEnumerable<WitValueType> Children =>
        new[] { Ok, Err }.Where(t => t != null).Select(t => t!);

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(result");
        if (Ok != null)
        {
            sb.Append(' ');
            WriteChild(sb, Ok, reference);
        }
        if (Err != null)
        {
            sb.Append(" (error ");
            WriteChild(sb, Err, reference);
            sb.Append(')');
        }
        sb.Append(')');
    }
}

public sealed class TupleType : WitValueType
{
    public TupleType(IReadOnlyList<WitValueType> items) : base(WitTypeKind.Tuple)
    {
        if (items.Count == 0) throw new ArgumentException("a tuple needs at least one element", nameof(items));
        Items = items;
    }

    public IReadOnlyList<WitValueType> Items { get; }

    public override IEnumerable<WitValueType> Children => Items;

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(tuple");
        foreach (var item in Items)
        {
            sb.Append(' ');
            WriteChild(sb, item, reference);
        }
        sb.Append(')');
    }
}

/// <summary>A record field or a variant case: a kebab-case name and an optional type.</summary>
public sealed record NamedType(string Name, WitValueType? Type);

public sealed class RecordType : WitValueType
{
    public RecordType(IReadOnlyList<NamedType> fields) : base(WitTypeKind.Record)
    {
        if (fields.Count == 0) throw new ArgumentException("a record needs at least one field", nameof(fields));
        if (fields.Any(f => f.Type == null)) throw new ArgumentException("record fields need a type", nameof(fields));
        Fields = fields;
    }

    /// <summary>Fields in declaration order (Wasmtime wants record values in this order).</summary>
    public IReadOnlyList<NamedType> Fields { get; }

    public override IEnumerable<WitValueType> Children => Fields.Select(f => f.Type!);

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(record");
        foreach (var field in Fields)
        {
            sb.Append(" (field ").Append(Quote(field.Name)).Append(' ');
            WriteChild(sb, field.Type!, reference);
            sb.Append(')');
        }
        sb.Append(')');
    }
}

public sealed class VariantType : WitValueType
{
    public VariantType(IReadOnlyList<NamedType> cases) : base(WitTypeKind.Variant)
    {
        if (cases.Count == 0) throw new ArgumentException("a variant needs at least one case", nameof(cases));
        Cases = cases;
    }

    public IReadOnlyList<NamedType> Cases { get; }

    public override IEnumerable<WitValueType> Children =>
        Cases.Where(c => c.Type != null).Select(c => c.Type!);

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(variant");
        foreach (var @case in Cases)
        {
            sb.Append(" (case ").Append(Quote(@case.Name));
            if (@case.Type != null)
            {
                sb.Append(' ');
                WriteChild(sb, @case.Type, reference);
            }
            sb.Append(')');
        }
        sb.Append(')');
    }
}

public sealed class EnumType : WitValueType
{
    public EnumType(IReadOnlyList<string> names) : base(WitTypeKind.Enum)
    {
        if (names.Count == 0) throw new ArgumentException("an enum needs at least one case", nameof(names));
        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public override IEnumerable<WitValueType> Children => [];

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(enum");
        foreach (var name in Names) sb.Append(' ').Append(Quote(name));
        sb.Append(')');
    }
}

public sealed class FlagsType : WitValueType
{
    /// <summary>The component model allows at most 32 flags.</summary>
    public const int MaxFlags = 32;

    public FlagsType(IReadOnlyList<string> names) : base(WitTypeKind.Flags)
    {
        if (names.Count is 0 or > MaxFlags) throw new ArgumentException("flags need 1 to 32 names", nameof(names));
        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public override IEnumerable<WitValueType> Children => [];

    internal override void Write(StringBuilder sb, Func<WitValueType, string?> reference)
    {
        sb.Append("(flags");
        foreach (var name in Names) sb.Append(' ').Append(Quote(name));
        sb.Append(')');
    }
}
