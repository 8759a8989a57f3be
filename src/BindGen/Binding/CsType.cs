using System.Linq;

namespace WitTools.BindGen.Binding;

/// <summary>
/// The full name of a C# type the bindings declare: its namespace and the path of (nested) type names,
/// e.g. <c>Wit.Wittools.Factorization</c> + <c>[Types, PrimePower]</c>.
/// </summary>
public sealed record CsName(string Namespace, ValueArray<string> Path)
{
    public CsName(string @namespace, params string[] path) : this(@namespace, ValueArray.From(path)) { }

    /// <summary>The last segment: the type's own name.</summary>
    public string Simple => Path[Path.Count - 1];

    /// <summary>A type nested in this one.</summary>
    public CsName Nested(string name) => new(Namespace, ValueArray.From(Path.Append(name)));

    /// <summary>The type containing this one (null for a namespace-level type).</summary>
    public CsName? Container => Path.Count > 1 ? new CsName(Namespace, ValueArray.From(Path.Take(Path.Count - 1))) : null;

    /// <summary>The name below <paramref name="root"/>, dot-separated ("Wittools.Factorization.Types") — how files are named.</summary>
    public string RelativeTo(string root)
    {
        string full = Namespace + "." + string.Join(".", Path);
        return full.StartsWith(root + ".", System.StringComparison.Ordinal) ? full.Substring(root.Length + 1) : full;
    }

    public override string ToString() => "global::" + Namespace + "." + string.Join(".", Path);
}

/// <summary>The C# built-in types a WIT primitive maps to (and the underlying types of enums and flags).</summary>
public enum CsPrimitive
{
    Bool,
    SByte,
    Byte,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    Float,
    Double,
    /// <summary><c>System.Text.Rune</c> (WIT <c>char</c>).</summary>
    Rune,
    String,
}

/// <summary>
/// A C# type as the bindings use it: a tree of records decided once by the binding model and printed by the
/// emitters (never built as text and inspected again). See docs/type-mapping.md.
/// </summary>
public abstract record CsType;

/// <summary>A C# built-in type.</summary>
public sealed record CsPrimitiveType(CsPrimitive Kind) : CsType;

/// <summary><c>T[]</c>.</summary>
public sealed record CsArrayType(CsType Element) : CsType;

/// <summary><c>System.ReadOnlySpan&lt;T&gt;</c> (parameters of imports taking lists of numbers).</summary>
public sealed record CsReadOnlySpanType(CsType Element) : CsType;

/// <summary><c>T?</c> (WIT <c>option&lt;T&gt;</c> unless T is itself an option).</summary>
public sealed record CsNullableType(CsType Inner) : CsType;

/// <summary>A value tuple: no items is <c>System.ValueTuple</c> (also the absent payload of a <c>result</c>),
/// one item <c>System.ValueTuple&lt;T&gt;</c>, more <c>(A, B, ...)</c>.</summary>
public sealed record CsTupleType(ValueArray<CsType> Items) : CsType
{
    public static readonly CsTupleType Unit = new(ValueArray<CsType>.Empty);
}

/// <summary><c>System.Collections.Generic.IReadOnlyDictionary&lt;K, V&gt;</c> (WIT <c>map&lt;K, V&gt;</c>).</summary>
public sealed record CsDictionaryType(CsType Key, CsType Value) : CsType;

/// <summary><c>Option&lt;T&gt;</c> of the runtime support code (<c>option&lt;option&lt;T&gt;&gt;</c>).</summary>
public sealed record CsOptionType(CsType Inner) : CsType;

/// <summary><c>Result&lt;T, E&gt;</c> of the runtime support code (absent payloads are <see cref="CsTupleType.Unit"/>).</summary>
public sealed record CsResultType(CsType Ok, CsType Error) : CsType;

/// <summary>A type the bindings declare (record, variant, enum, flags, resource).</summary>
public sealed record CsDeclaredType(CsName Name) : CsType;
