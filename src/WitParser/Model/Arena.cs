using System;
using System.Collections;
using System.Collections.Generic;

namespace WitTools.WitParser.Model;

/// <summary>
/// An append-only list of items addressed by typed ids (wit-parser's id_arena). Items are never removed,
/// so an id stays valid for the arena's lifetime; iteration is in allocation order.
/// </summary>
public sealed class Arena<TId, T> : IEnumerable<KeyValuePair<TId, T>> where TId : struct, IArenaId<TId>
{
    private readonly List<T> _items;

    public Arena() => _items = new List<T>();

    /// <summary>An arena with room for <paramref name="capacity"/> items before it grows.</summary>
    internal Arena(int capacity) => _items = new List<T>(capacity);

    /// <summary>Makes room for <paramref name="additional"/> more items, growing geometrically.</summary>
    internal void Reserve(int additional)
    {
        int needed = _items.Count + additional;
        if (needed > _items.Capacity) _items.Capacity = System.Math.Max(needed, _items.Capacity * 2);
    }

    public int Count => _items.Count;

    /// <summary>The items in allocation order (index i belongs to the id with Index i).</summary>
    public IReadOnlyList<T> Items => _items;

    public T this[TId id]
    {
        get => _items[id.Index];
        set => _items[id.Index] = value;
    }

    /// <summary>Appends an item and returns its id.</summary>
    public TId Alloc(T item)
    {
        _items.Add(item);
        return default(TId).WithIndex(_items.Count - 1);
    }

    /// <summary>The id the next <see cref="Alloc"/> will return.</summary>
    public TId NextId => default(TId).WithIndex(_items.Count);

    public bool Contains(TId id) => id.Index >= 0 && id.Index < _items.Count;

    public bool TryGet(TId id, out T item)
    {
        if (Contains(id))
        {
            item = _items[id.Index];
            return true;
        }
        item = default!;
        return false;
    }

    /// <summary>All ids in allocation order.</summary>
    public IEnumerable<TId> Ids
    {
        get
        {
            for (int i = 0; i < _items.Count; i++) yield return default(TId).WithIndex(i);
        }
    }

    public TId IdAt(int index) =>
        index >= 0 && index < _items.Count ? default(TId).WithIndex(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<TId, T>> GetEnumerator()
    {
        for (int i = 0; i < _items.Count; i++)
            yield return new KeyValuePair<TId, T>(default(TId).WithIndex(i), _items[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
