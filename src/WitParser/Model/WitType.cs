using System;

namespace WitTools.WitParser.Model;

/// <summary>Which kind of <see cref="WitType"/>: a primitive, or a reference to a <see cref="TypeDef"/>.</summary>
public enum WitTypeKind
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

    /// <summary>A defined type: see <see cref="WitType.Id"/>.</summary>
    Id,
}

/// <summary>A WIT type use: a primitive or a <see cref="TypeId"/> (wit-parser's <c>Type</c>).</summary>
public readonly struct WitType : IEquatable<WitType>, IComparable<WitType>
{
    private WitType(WitTypeKind kind, TypeId id)
    {
        Kind = kind;
        Id = id;
    }

    public static readonly WitType Bool = new(WitTypeKind.Bool, default);
    public static readonly WitType U8 = new(WitTypeKind.U8, default);
    public static readonly WitType U16 = new(WitTypeKind.U16, default);
    public static readonly WitType U32 = new(WitTypeKind.U32, default);
    public static readonly WitType U64 = new(WitTypeKind.U64, default);
    public static readonly WitType S8 = new(WitTypeKind.S8, default);
    public static readonly WitType S16 = new(WitTypeKind.S16, default);
    public static readonly WitType S32 = new(WitTypeKind.S32, default);
    public static readonly WitType S64 = new(WitTypeKind.S64, default);
    public static readonly WitType F32 = new(WitTypeKind.F32, default);
    public static readonly WitType F64 = new(WitTypeKind.F64, default);
    public static readonly WitType Char = new(WitTypeKind.Char, default);
    public static readonly WitType String = new(WitTypeKind.String, default);
    public static readonly WitType ErrorContext = new(WitTypeKind.ErrorContext, default);

    /// <summary>A reference to a defined type.</summary>
    public static WitType Of(TypeId id) => new(WitTypeKind.Id, id);

    public static implicit operator WitType(TypeId id) => Of(id);

    public WitTypeKind Kind { get; }

    /// <summary>The referenced type when <see cref="Kind"/> is <see cref="WitTypeKind.Id"/> (otherwise default).</summary>
    public TypeId Id { get; }

    public bool IsId => Kind == WitTypeKind.Id;
    public bool IsPrimitive => Kind != WitTypeKind.Id;

    public bool TryGetId(out TypeId id)
    {
        id = Id;
        return Kind == WitTypeKind.Id;
    }

    /// <summary>The WIT spelling of a primitive ("u32", "error-context"), or null for a type id.</summary>
    public string? PrimitiveName => Kind switch
    {
        WitTypeKind.Bool => "bool",
        WitTypeKind.U8 => "u8",
        WitTypeKind.U16 => "u16",
        WitTypeKind.U32 => "u32",
        WitTypeKind.U64 => "u64",
        WitTypeKind.S8 => "s8",
        WitTypeKind.S16 => "s16",
        WitTypeKind.S32 => "s32",
        WitTypeKind.S64 => "s64",
        WitTypeKind.F32 => "f32",
        WitTypeKind.F64 => "f64",
        WitTypeKind.Char => "char",
        WitTypeKind.String => "string",
        WitTypeKind.ErrorContext => "error-context",
        _ => null,
    };

    /// <summary>The primitive spelled by a WIT keyword ("u32", "float32" is not accepted), if any.</summary>
    public static bool TryParsePrimitive(string name, out WitType type)
    {
        switch (name)
        {
            case "bool": type = Bool; return true;
            case "u8": type = U8; return true;
            case "u16": type = U16; return true;
            case "u32": type = U32; return true;
            case "u64": type = U64; return true;
            case "s8": type = S8; return true;
            case "s16": type = S16; return true;
            case "s32": type = S32; return true;
            case "s64": type = S64; return true;
            case "f32": type = F32; return true;
            case "f64": type = F64; return true;
            case "char": type = Char; return true;
            case "string": type = String; return true;
            case "error-context": type = ErrorContext; return true;
            default: type = default; return false;
        }
    }

    public bool Equals(WitType other) => Kind == other.Kind && Id == other.Id;
    public override bool Equals(object? obj) => obj is WitType other && Equals(other);
    public override int GetHashCode() => Kind == WitTypeKind.Id ? 1000 + Id.Index : (int)Kind;
    public int CompareTo(WitType other) => Kind != other.Kind ? Kind.CompareTo(other.Kind) : Id.CompareTo(other.Id);
    public static bool operator ==(WitType a, WitType b) => a.Equals(b);
    public static bool operator !=(WitType a, WitType b) => !a.Equals(b);
    public override string ToString() => PrimitiveName ?? "type#" + Id.Index;
}
