using System;
using System.Collections;
using System.Collections.Generic;

namespace WitTools.BindGen.Binding;

/// <summary>
/// An immutable list compared by its elements, so that the records of the binding model compare by value
/// (two builds of the same WIT with the same options give equal models).
/// </summary>
public readonly struct ValueArray<T> : IEquatable<ValueArray<T>>, IReadOnlyList<T>
{
    public static readonly ValueArray<T> Empty = new(Array.Empty<T>());

    private readonly T[]? _items;

    public ValueArray(IEnumerable<T> items) => _items = new List<T>(items).ToArray();

    private T[] Items => _items ?? Array.Empty<T>();

    public int Count => Items.Length;

    public T this[int index] => Items[index];

    public bool Equals(ValueArray<T> other)
    {
        T[] mine = Items, theirs = other.Items;
        if (ReferenceEquals(mine, theirs)) return true;
        if (mine.Length != theirs.Length) return false;
        for (int i = 0; i < mine.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (var item in Items) hash = unchecked(hash * 31 + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item)));
        return hash;
    }

    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

/// <summary>Creation helpers for <see cref="ValueArray{T}"/>.</summary>
public static class ValueArray
{
    public static ValueArray<T> From<T>(IEnumerable<T> items) => new(items);

    public static ValueArray<T> Of<T>(params T[] items) => new(items);
}
