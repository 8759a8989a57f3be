using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Abi;

/// <summary>A named field of a record (tuple elements are named "0", "1", ...).</summary>
public sealed class AbiField
{
    public AbiField(string name, AbiType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public AbiType Type { get; }
}

/// <summary>A case of a variant, enum ("no payload"), option ("none", "some") or result ("ok", "error").</summary>
public sealed class AbiCase
{
    public AbiCase(string name, AbiType? type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public AbiType? Type { get; }
}

/// <summary>
/// An immutable, model-independent view of one WIT value type for the canonical ABI. Nodes are built
/// bottom-up (children first), so layout, flattening and nesting depth are computed once, in the
/// constructor, from the children's cached results: nothing here recurses, however deep the type.
/// Named types are shared nodes; an alias is simply the node of the type it names.
/// Invalid types (empty records, more than 32 flags, ...) never throw: <see cref="Error"/> says why and
/// the error propagates to every type containing them.
/// </summary>
public sealed class AbiType
{
    private static readonly IReadOnlyList<AbiField> NoFields = Array.Empty<AbiField>();
    private static readonly IReadOnlyList<AbiCase> NoCases = Array.Empty<AbiCase>();
    private static readonly IReadOnlyList<string> NoNames = Array.Empty<string>();

    private AbiType(
        AbiTypeKind kind,
        string? name,
        AbiType? element = null,
        long length = 0,
        AbiType? key = null,
        AbiType? value = null,
        IReadOnlyList<AbiField>? fields = null,
        IReadOnlyList<AbiCase>? cases = null,
        IReadOnlyList<string>? flagNames = null,
        string? resourceName = null,
        string? invalid = null,
        TypeId? origin = null,
        TypeId? resource = null)
    {
        Origin = origin;
        Resource = resource;
        Kind = kind;
        Name = name;
        Element = element;
        Length = length;
        Key = key;
        Value = value;
        Fields = fields ?? NoFields;
        Cases = cases ?? NoCases;
        FlagNames = flagNames ?? NoNames;
        ResourceName = resourceName;

        int depth = 0;
        string? error = null;
        bool hasPointers = kind is AbiTypeKind.String or AbiTypeKind.List or AbiTypeKind.Map;
        bool hasFuturesOrStreams = kind is AbiTypeKind.Future or AbiTypeKind.Stream;
        bool hasErrorContext = kind is AbiTypeKind.ErrorContext;
        foreach (var child in Children())
        {
            depth = Math.Max(depth, child.Depth);
            error ??= child.Error;
            hasPointers |= child.HasPointers;
            hasFuturesOrStreams |= child.HasFuturesOrStreams;
            hasErrorContext |= child.HasErrorContext;
        }
        HasPointers = hasPointers;
        HasFuturesOrStreams = hasFuturesOrStreams;
        HasErrorContext = hasErrorContext;
        Depth = depth + 1;
        error ??= invalid ?? SizeAlign.Validate(this);
        Layout = error is null ? SizeAlign.Compute(this) : TypeLayout.Invalid;
        if (error is null && Layout.Size >= SizeAlign.MaxTypeSize)
        {
            error = $"type is too large for the canonical ABI: its size ({Layout.Size} bytes) must be less than 2^28 bytes";
            Layout = TypeLayout.Invalid;
        }
        Error = error;
        Flat = error is null ? Flattening.Compute(this) : FlatTypes.Empty;
    }

    public AbiTypeKind Kind { get; }

    /// <summary>The WIT name of a named type (record, variant, enum, flags, resource handle...), else null.</summary>
    public string? Name { get; }

    /// <summary>Element of list / fixed list, payload of future and stream (may be null);
    /// for a map, the synthesized <c>tuple&lt;K, V&gt;</c> its entries are laid out as.</summary>
    public AbiType? Element { get; }

    /// <summary>Number of elements of a fixed-size list <c>list&lt;T, N&gt;</c>.</summary>
    public long Length { get; }

    public AbiType? Key { get; }
    public AbiType? Value { get; }

    /// <summary>Record fields, or tuple elements named "0", "1", ...</summary>
    public IReadOnlyList<AbiField> Fields { get; }

    /// <summary>Variant, enum, option ("none", "some") and result ("ok", "error") cases, in discriminant order.</summary>
    public IReadOnlyList<AbiCase> Cases { get; }

    public IReadOnlyList<string> FlagNames { get; }

    /// <summary>The resource an own/borrow handle refers to.</summary>
    public string? ResourceName { get; }

    /// <summary>The WIT type this node was built from (the definition an alias names, for aliases), when it
    /// came from a resolved model; null for primitives and for nodes built by hand.</summary>
    public TypeId? Origin { get; }

    /// <summary>For own/borrow handles from a resolved model: the resource's definition (aliases looked through).</summary>
    public TypeId? Resource { get; }

    /// <summary>Size, alignment, field offsets, discriminant and payload offset (all zero when invalid).</summary>
    public TypeLayout Layout { get; }

    /// <summary>The flattened core types (see <see cref="FlatTypes"/> for the cap on very long lists).</summary>
    public FlatTypes Flat { get; }

    /// <summary>1 for types without value children; 1 + the deepest child otherwise.</summary>
    public int Depth { get; }

    /// <summary>Why the canonical ABI rejects this type (or a type it contains); null when valid.</summary>
    public string? Error { get; }

    public bool IsValid => Error is null;

    /// <summary>True when a value may point at other memory (contains a string, list or map), i.e. when
    /// lowering it allocates and the receiver of the memory must free it.</summary>
    public bool HasPointers { get; }

    /// <summary>True when the type is or contains a <c>future</c> or <c>stream</c> (whose payloads count too): the
    /// functions using it get numbered async built-ins.</summary>
    public bool HasFuturesOrStreams { get; }

    /// <summary>True when the type is or contains an <c>error-context</c>.</summary>
    public bool HasErrorContext { get; }

    /// <summary>The direct value children (payloads, fields, elements), in order.</summary>
    public IEnumerable<AbiType> Children()
    {
        if (Element is not null) yield return Element;
        foreach (var field in Fields) yield return field.Type;
        foreach (var @case in Cases)
        {
            if (@case.Type is not null) yield return @case.Type;
        }
    }

    // ---- primitives ----
    public static readonly AbiType Bool = new(AbiTypeKind.Bool, null);
    public static readonly AbiType S8 = new(AbiTypeKind.S8, null);
    public static readonly AbiType U8 = new(AbiTypeKind.U8, null);
    public static readonly AbiType S16 = new(AbiTypeKind.S16, null);
    public static readonly AbiType U16 = new(AbiTypeKind.U16, null);
    public static readonly AbiType S32 = new(AbiTypeKind.S32, null);
    public static readonly AbiType U32 = new(AbiTypeKind.U32, null);
    public static readonly AbiType S64 = new(AbiTypeKind.S64, null);
    public static readonly AbiType U64 = new(AbiTypeKind.U64, null);
    public static readonly AbiType F32 = new(AbiTypeKind.F32, null);
    public static readonly AbiType F64 = new(AbiTypeKind.F64, null);
    public static readonly AbiType Char = new(AbiTypeKind.Char, null);
    public static readonly AbiType String = new(AbiTypeKind.String, null);
    public static readonly AbiType ErrorContext = new(AbiTypeKind.ErrorContext, null);

    // ---- constructed types ----
    public static AbiType List(AbiType element, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.List, name, element: element, origin: origin);

    public static AbiType FixedList(AbiType element, long length, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.FixedList, name, element: element, length: length, origin: origin);

    /// <summary><c>map&lt;K, V&gt;</c>, laid out as <c>list&lt;tuple&lt;K, V&gt;&gt;</c>.</summary>
    public static AbiType Map(AbiType key, AbiType value, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Map, name, element: Tuple(key, value), key: key, value: value, origin: origin);

    public static AbiType Record(string? name, IEnumerable<AbiField> fields, TypeId? origin = null) =>
        new(AbiTypeKind.Record, name, fields: fields.ToArray(), origin: origin);

    public static AbiType Record(string? name, params (string Name, AbiType Type)[] fields) =>
        Record(name, fields.Select(f => new AbiField(f.Name, f.Type)));

    public static AbiType Tuple(IEnumerable<AbiType> types, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Tuple, name, fields: types.Select((t, i) => new AbiField(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t)).ToArray(), origin: origin);

    public static AbiType Tuple(params AbiType[] types) => Tuple((IEnumerable<AbiType>)types);

    public static AbiType Variant(string? name, IEnumerable<AbiCase> cases, TypeId? origin = null) =>
        new(AbiTypeKind.Variant, name, cases: cases.ToArray(), origin: origin);

    public static AbiType Variant(string? name, params (string Name, AbiType? Type)[] cases) =>
        Variant(name, cases.Select(c => new AbiCase(c.Name, c.Type)));

    public static AbiType Enum(string? name, IEnumerable<string> labels, TypeId? origin = null) =>
        new(AbiTypeKind.Enum, name, cases: labels.Select(l => new AbiCase(l, null)).ToArray(), origin: origin);

    public static AbiType Option(AbiType payload, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Option, name, cases: new[] { new AbiCase("none", null), new AbiCase("some", payload) }, origin: origin);

    public static AbiType Result(AbiType? ok, AbiType? error, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Result, name, cases: new[] { new AbiCase("ok", ok), new AbiCase("error", error) }, origin: origin);

    public static AbiType Flags(string? name, IEnumerable<string> labels, TypeId? origin = null) =>
        new(AbiTypeKind.Flags, name, flagNames: labels.ToArray(), origin: origin);

    public static AbiType Own(string resource, string? name = null, TypeId? resourceId = null, TypeId? origin = null) =>
        new(AbiTypeKind.Own, name, resourceName: resource, resource: resourceId, origin: origin);

    public static AbiType Borrow(string resource, string? name = null, TypeId? resourceId = null, TypeId? origin = null) =>
        new(AbiTypeKind.Borrow, name, resourceName: resource, resource: resourceId, origin: origin);

    public static AbiType Future(AbiType? payload, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Future, name, element: payload, origin: origin);

    public static AbiType Stream(AbiType? payload, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Stream, name, element: payload, origin: origin);

    /// <summary>A type the canonical ABI cannot lay out (unknown or unresolved in the model), with the reason.</summary>
    public static AbiType Invalid(string error, string? name = null, TypeId? origin = null) =>
        new(AbiTypeKind.Invalid, name, invalid: error, origin: origin);

    /// <summary>True for the primitive kinds (bool through error-context).</summary>
    public bool IsPrimitive => Kind <= AbiTypeKind.ErrorContext;

    /// <summary>WIT-like text: the name of a named type, else its structure (<c>list&lt;u8&gt;</c>).
    /// Very deep anonymous types are shortened with "..." rather than recursing without bound.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Describe(this, builder, 0);
        return builder.ToString();
    }

    private const int MaxDescribeDepth = 8;

    private static void Describe(AbiType? type, StringBuilder sb, int depth)
    {
        if (type is null)
        {
            sb.Append('_');
            return;
        }
        if (type.Name is not null)
        {
            sb.Append(type.Name);
            return;
        }
        if (depth > MaxDescribeDepth)
        {
            sb.Append("...");
            return;
        }
        switch (type.Kind)
        {
            case AbiTypeKind.List:
                sb.Append("list<");
                Describe(type.Element, sb, depth + 1);
                sb.Append('>');
                break;
            case AbiTypeKind.FixedList:
                sb.Append("list<");
                Describe(type.Element, sb, depth + 1);
                sb.Append(", ").Append(type.Length).Append('>');
                break;
            case AbiTypeKind.Map:
                sb.Append("map<");
                Describe(type.Key, sb, depth + 1);
                sb.Append(", ");
                Describe(type.Value, sb, depth + 1);
                sb.Append('>');
                break;
            case AbiTypeKind.Tuple:
                sb.Append("tuple<");
                for (int i = 0; i < type.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Describe(type.Fields[i].Type, sb, depth + 1);
                }
                sb.Append('>');
                break;
            case AbiTypeKind.Option:
                sb.Append("option<");
                Describe(type.Cases[1].Type, sb, depth + 1);
                sb.Append('>');
                break;
            case AbiTypeKind.Result:
                var ok = type.Cases[0].Type;
                var err = type.Cases[1].Type;
                sb.Append("result");
                if (ok is null && err is null) break;
                sb.Append('<');
                Describe(ok, sb, depth + 1);
                if (err is not null)
                {
                    sb.Append(", ");
                    Describe(err, sb, depth + 1);
                }
                sb.Append('>');
                break;
            case AbiTypeKind.Own:
                sb.Append(type.ResourceName);
                break;
            case AbiTypeKind.Borrow:
                sb.Append("borrow<").Append(type.ResourceName).Append('>');
                break;
            case AbiTypeKind.Future:
            case AbiTypeKind.Stream:
                sb.Append(type.Kind == AbiTypeKind.Future ? "future" : "stream");
                if (type.Element is not null)
                {
                    sb.Append('<');
                    Describe(type.Element, sb, depth + 1);
                    sb.Append('>');
                }
                break;
            case AbiTypeKind.Record:
                sb.Append("record");
                break;
            case AbiTypeKind.Variant:
                sb.Append("variant");
                break;
            case AbiTypeKind.Enum:
                sb.Append("enum");
                break;
            case AbiTypeKind.Flags:
                sb.Append("flags");
                break;
            case AbiTypeKind.ErrorContext:
                sb.Append("error-context");
                break;
            default:
                sb.Append(type.Kind.ToString().ToLowerInvariant());
                break;
        }
    }
}
