using System;

namespace WitTools.WitParser.Model;

/// <summary>
/// A typed index into an <see cref="Arena{TId,T}"/>. Implemented by the id structs so one arena type
/// serves every kind of item while ids of different kinds cannot be mixed up.
/// </summary>
public interface IArenaId<TId> where TId : struct, IArenaId<TId>
{
    /// <summary>Zero-based position of the item in its arena (the number wit-parser's JSON prints).</summary>
    int Index { get; }

    /// <summary>An id of the same kind for another index (lets the arena create ids generically).</summary>
    TId WithIndex(int index);
}

/// <summary>Identifies a <see cref="Package"/> in <see cref="Resolve.Packages"/> within its arena.</summary>
public readonly struct PackageId : IArenaId<PackageId>, IEquatable<PackageId>, IComparable<PackageId>
{
    public PackageId(int index) => Index = index;

    public int Index { get; }
    public PackageId WithIndex(int index) => new(index);

    public bool Equals(PackageId other) => Index == other.Index;
    public override bool Equals(object? obj) => obj is PackageId other && Equals(other);
    public override int GetHashCode() => Index;
    public int CompareTo(PackageId other) => Index.CompareTo(other.Index);
    public static bool operator ==(PackageId left, PackageId right) => left.Index == right.Index;
    public static bool operator !=(PackageId left, PackageId right) => left.Index != right.Index;
    public override string ToString() => "PackageId(" + Index + ")";
}

/// <summary>Identifies an <see cref="Interface"/> within its arena.</summary>
public readonly struct InterfaceId : IArenaId<InterfaceId>, IEquatable<InterfaceId>, IComparable<InterfaceId>
{
    public InterfaceId(int index) => Index = index;

    public int Index { get; }
    public InterfaceId WithIndex(int index) => new(index);

    public bool Equals(InterfaceId other) => Index == other.Index;
    public override bool Equals(object? obj) => obj is InterfaceId other && Equals(other);
    public override int GetHashCode() => Index;
    public int CompareTo(InterfaceId other) => Index.CompareTo(other.Index);
    public static bool operator ==(InterfaceId left, InterfaceId right) => left.Index == right.Index;
    public static bool operator !=(InterfaceId left, InterfaceId right) => left.Index != right.Index;
    public override string ToString() => "InterfaceId(" + Index + ")";
}

/// <summary>Identifies a <see cref="World"/> within its arena.</summary>
public readonly struct WorldId : IArenaId<WorldId>, IEquatable<WorldId>, IComparable<WorldId>
{
    public WorldId(int index) => Index = index;

    public int Index { get; }
    public WorldId WithIndex(int index) => new(index);

    public bool Equals(WorldId other) => Index == other.Index;
    public override bool Equals(object? obj) => obj is WorldId other && Equals(other);
    public override int GetHashCode() => Index;
    public int CompareTo(WorldId other) => Index.CompareTo(other.Index);
    public static bool operator ==(WorldId left, WorldId right) => left.Index == right.Index;
    public static bool operator !=(WorldId left, WorldId right) => left.Index != right.Index;
    public override string ToString() => "WorldId(" + Index + ")";
}

/// <summary>Identifies a <see cref="TypeDef"/> within its arena.</summary>
public readonly struct TypeId : IArenaId<TypeId>, IEquatable<TypeId>, IComparable<TypeId>
{
    public TypeId(int index) => Index = index;

    public int Index { get; }
    public TypeId WithIndex(int index) => new(index);

    public bool Equals(TypeId other) => Index == other.Index;
    public override bool Equals(object? obj) => obj is TypeId other && Equals(other);
    public override int GetHashCode() => Index;
    public int CompareTo(TypeId other) => Index.CompareTo(other.Index);
    public static bool operator ==(TypeId left, TypeId right) => left.Index == right.Index;
    public static bool operator !=(TypeId left, TypeId right) => left.Index != right.Index;
    public override string ToString() => "TypeId(" + Index + ")";
}
