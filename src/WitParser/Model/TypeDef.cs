using System;
using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Model;

/// <summary>A type definition: named types of interfaces/worlds and anonymous ones like <c>list&lt;u8&gt;</c>.</summary>
public sealed class TypeDef
{
    public TypeDef(string? name, TypeDefKind kind, TypeOwner owner)
    {
        Name = name;
        Kind = kind;
        Owner = owner;
    }

    /// <summary>The declared name, or null for anonymous types.</summary>
    public string? Name { get; set; }

    public TypeDefKind Kind { get; set; }

    public TypeOwner Owner { get; set; }

    public Docs Docs { get; set; }

    public Stability Stability { get; set; } = Stability.Unknown;

    public Span Span { get; set; } = Span.Unknown;

    /// <summary>The <c>@external-id("...")</c> attribute, if any.</summary>
    public string? ExternalId { get; set; }

    public override string ToString() => (Name ?? "<anonymous>") + ": " + Kind.Name;
}

public enum TypeOwnerKind
{
    /// <summary>Not defined anywhere (anonymous types such as <c>list&lt;T&gt;</c>).</summary>
    None,
    World,
    Interface,
}

/// <summary>Where a type was defined: a world, an interface, or nowhere.</summary>
public readonly struct TypeOwner : IEquatable<TypeOwner>
{
    public static readonly TypeOwner None = default;

    private TypeOwner(TypeOwnerKind kind, int index)
    {
        Kind = kind;
        _index = index;
    }

    private readonly int _index;

    public static TypeOwner OfWorld(WorldId id) => new(TypeOwnerKind.World, id.Index);
    public static TypeOwner OfInterface(InterfaceId id) => new(TypeOwnerKind.Interface, id.Index);

    public TypeOwnerKind Kind { get; }

    /// <summary>The owning world when <see cref="Kind"/> is World.</summary>
    public WorldId World => Kind == TypeOwnerKind.World ? new WorldId(_index) : throw new InvalidOperationException("owner is not a world");

    /// <summary>The owning interface when <see cref="Kind"/> is Interface.</summary>
    public InterfaceId Interface =>
        Kind == TypeOwnerKind.Interface ? new InterfaceId(_index) : throw new InvalidOperationException("owner is not an interface");

    public bool IsNone => Kind == TypeOwnerKind.None;

    public bool TryGetWorld(out WorldId id)
    {
        id = new WorldId(_index);
        return Kind == TypeOwnerKind.World;
    }

    public bool TryGetInterface(out InterfaceId id)
    {
        id = new InterfaceId(_index);
        return Kind == TypeOwnerKind.Interface;
    }

    public bool Equals(TypeOwner other) => Kind == other.Kind && _index == other._index;
    public override bool Equals(object? obj) => obj is TypeOwner other && Equals(other);
    public override int GetHashCode() => ((int)Kind << 24) ^ _index;
    public static bool operator ==(TypeOwner a, TypeOwner b) => a.Equals(b);
    public static bool operator !=(TypeOwner a, TypeOwner b) => !a.Equals(b);
    public override string ToString() => Kind switch
    {
        TypeOwnerKind.World => "world " + _index,
        TypeOwnerKind.Interface => "interface " + _index,
        _ => "none",
    };
}

/// <summary>
/// The structure of a <see cref="TypeDef"/> (wit-parser's TypeDefKind). One subclass per case; instances are
/// mutable so resolution can remap the ids inside them.
/// </summary>
public abstract class TypeDefKind
{
    private protected TypeDefKind() { }

    /// <summary>wit-parser's <c>as_str</c> ("record", "own", "fixed-length list", ...), used in error messages.</summary>
    public abstract string Name { get; }

    public override string ToString() => Name;
}

public sealed class RecordKind : TypeDefKind
{
    public RecordKind(List<Field>? fields = null) => Fields = fields ?? new List<Field>();
    public List<Field> Fields { get; set; }
    public override string Name => "record";
}

public sealed class ResourceKind : TypeDefKind
{
    public override string Name => "resource";
}

public enum HandleOwnership
{
    Own,
    Borrow,
}

/// <summary><c>own&lt;R&gt;</c> or <c>borrow&lt;R&gt;</c>.</summary>
public sealed class HandleKind : TypeDefKind
{
    public HandleKind(HandleOwnership ownership, TypeId resource)
    {
        Ownership = ownership;
        Resource = resource;
    }

    public HandleOwnership Ownership { get; set; }
    public TypeId Resource { get; set; }
    public bool IsOwn => Ownership == HandleOwnership.Own;
    public override string Name => Ownership == HandleOwnership.Own ? "own" : "borrow";
}

public sealed class FlagsKind : TypeDefKind
{
    public FlagsKind(List<Flag>? flags = null) => Flags = flags ?? new List<Flag>();
    public List<Flag> Flags { get; set; }
    public override string Name => "flags";
}

public sealed class TupleKind : TypeDefKind
{
    public TupleKind(List<WitType>? types = null) => Types = types ?? new List<WitType>();
    public List<WitType> Types { get; set; }
    public override string Name => "tuple";
}

public sealed class VariantKind : TypeDefKind
{
    public VariantKind(List<Case>? cases = null) => Cases = cases ?? new List<Case>();
    public List<Case> Cases { get; set; }
    public override string Name => "variant";
}

public sealed class EnumKind : TypeDefKind
{
    public EnumKind(List<EnumCase>? cases = null) => Cases = cases ?? new List<EnumCase>();
    public List<EnumCase> Cases { get; set; }
    public override string Name => "enum";
}

public sealed class OptionKind : TypeDefKind
{
    public OptionKind(WitType type) => Type = type;
    public WitType Type { get; set; }
    public override string Name => "option";
}

/// <summary><c>result&lt;ok, err&gt;</c>; either side may be absent.</summary>
public sealed class ResultKind : TypeDefKind
{
    public ResultKind(WitType? ok, WitType? err)
    {
        Ok = ok;
        Err = err;
    }

    public WitType? Ok { get; set; }
    public WitType? Err { get; set; }
    public override string Name => "result";
}

public sealed class ListKind : TypeDefKind
{
    public ListKind(WitType element) => Element = element;
    public WitType Element { get; set; }
    public override string Name => "list";
}

public sealed class MapKind : TypeDefKind
{
    public MapKind(WitType key, WitType value)
    {
        Key = key;
        Value = value;
    }

    public WitType Key { get; set; }
    public WitType Value { get; set; }
    public override string Name => "map";
}

/// <summary><c>list&lt;T, N&gt;</c> (wit-parser's FixedLengthList).</summary>
public sealed class FixedSizeListKind : TypeDefKind
{
    public FixedSizeListKind(WitType element, uint size)
    {
        Element = element;
        Size = size;
    }

    public WitType Element { get; set; }
    public uint Size { get; set; }
    public override string Name => "fixed-length list";
}

public sealed class FutureKind : TypeDefKind
{
    public FutureKind(WitType? payload) => Payload = payload;
    public WitType? Payload { get; set; }
    public override string Name => "future";
}

public sealed class StreamKind : TypeDefKind
{
    public StreamKind(WitType? payload) => Payload = payload;
    public WitType? Payload { get; set; }
    public override string Name => "stream";
}

/// <summary><c>type x = y;</c> (wit-parser's TypeDefKind::Type).</summary>
public sealed class AliasKind : TypeDefKind
{
    public AliasKind(WitType target) => Target = target;
    public WitType Target { get; set; }
    public override string Name => "type";
}

/// <summary>A type imported from a foreign interface whose structure is not known yet; gone after resolution.</summary>
public sealed class UnknownKind : TypeDefKind
{
    public override string Name => "unknown";
}

public sealed class Field
{
    public Field(string name, WitType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; set; }
    public WitType Type { get; set; }
    public Docs Docs { get; set; }
    public Span Span { get; set; } = Span.Unknown;
}

public sealed class Flag
{
    public Flag(string name) => Name = name;
    public string Name { get; set; }
    public Docs Docs { get; set; }
    public Span Span { get; set; } = Span.Unknown;
}

/// <summary>A variant case with an optional payload.</summary>
public sealed class Case
{
    public Case(string name, WitType? type = null)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; set; }
    public WitType? Type { get; set; }
    public Docs Docs { get; set; }
    public Span Span { get; set; } = Span.Unknown;
}

public sealed class EnumCase
{
    public EnumCase(string name) => Name = name;
    public string Name { get; set; }
    public Docs Docs { get; set; }
    public Span Span { get; set; } = Span.Unknown;
}
