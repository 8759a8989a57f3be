using System;
using System.Collections;
using System.Collections.Generic;

namespace WitTools.WitParser.Model;

/// <summary>
/// A dictionary that remembers insertion order (wit-parser's IndexMap). Replacing the value of an
/// existing key keeps its position; removal shifts later entries down, preserving their order.
/// </summary>
public sealed class OrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue> where TKey : notnull
{
    private readonly List<TKey> _keys = new();
    private readonly List<TValue> _values = new();
    private readonly Dictionary<TKey, int> _index;

    public OrderedMap() => _index = new Dictionary<TKey, int>();

    public OrderedMap(IEqualityComparer<TKey> comparer) => _index = new Dictionary<TKey, int>(comparer);

    public int Count => _keys.Count;

    /// <summary>Keys in insertion order.</summary>
    public IReadOnlyList<TKey> Keys => _keys;

    /// <summary>Values in insertion order.</summary>
    public IReadOnlyList<TValue> Values => _values;

    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => _keys;
    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => _values;

    /// <summary>Gets a value (throws KeyNotFoundException if absent); setting inserts at the end or replaces in place.</summary>
    public TValue this[TKey key]
    {
        get => _values[_index[key]];
        set
        {
            if (_index.TryGetValue(key, out int i)) _values[i] = value;
            else Append(key, value);
        }
    }

    /// <summary>Adds a new entry at the end; throws if the key exists.</summary>
    public void Add(TKey key, TValue value)
    {
        if (_index.ContainsKey(key)) throw new ArgumentException("An entry with the same key already exists: " + key);
        Append(key, value);
    }

    /// <summary>Adds a new entry at the end unless the key exists (then nothing changes).</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (_index.ContainsKey(key)) return false;
        Append(key, value);
        return true;
    }

    private void Append(TKey key, TValue value)
    {
        _index.Add(key, _keys.Count);
        _keys.Add(key);
        _values.Add(value);
    }

    /// <summary>Inserts a new entry at a position (or moves an existing key there with the new value).</summary>
    public void Insert(int position, TKey key, TValue value)
    {
        Remove(key);
        if (position < 0 || position > _keys.Count) throw new ArgumentOutOfRangeException(nameof(position));
        _keys.Insert(position, key);
        _values.Insert(position, value);
        Reindex(position);
    }

    public bool ContainsKey(TKey key) => _index.ContainsKey(key);

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_index.TryGetValue(key, out int i))
        {
            value = _values[i];
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Position of a key in insertion order, or -1.</summary>
    public int IndexOf(TKey key) => _index.TryGetValue(key, out int i) ? i : -1;

    public TKey KeyAt(int position) => _keys[position];
    public TValue ValueAt(int position) => _values[position];
    public void SetValueAt(int position, TValue value) => _values[position] = value;

    /// <summary>Removes an entry, keeping the order of the others (IndexMap::shift_remove).</summary>
    public bool Remove(TKey key)
    {
        if (!_index.TryGetValue(key, out int i)) return false;
        RemoveAt(i);
        return true;
    }

    public void RemoveAt(int position)
    {
        _index.Remove(_keys[position]);
        _keys.RemoveAt(position);
        _values.RemoveAt(position);
        Reindex(position);
    }

    /// <summary>Keeps only entries for which the predicate holds, in order.</summary>
    public void Retain(Func<TKey, TValue, bool> keep)
    {
        int write = 0;
        for (int read = 0; read < _keys.Count; read++)
        {
            if (!keep(_keys[read], _values[read])) continue;
            _keys[write] = _keys[read];
            _values[write] = _values[read];
            write++;
        }
        if (write == _keys.Count) return;
        _keys.RemoveRange(write, _keys.Count - write);
        _values.RemoveRange(write, _values.Count - write);
        _index.Clear();
        Reindex(0);
    }

    public void Clear()
    {
        _keys.Clear();
        _values.Clear();
        _index.Clear();
    }

    private void Reindex(int from)
    {
        for (int i = from; i < _keys.Count; i++) _index[_keys[i]] = i;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Count; i++) yield return new KeyValuePair<TKey, TValue>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A set that remembers insertion order (wit-parser's IndexSet).</summary>
public sealed class OrderedSet<T> : IReadOnlyCollection<T> where T : notnull
{
    private readonly OrderedMap<T, bool> _map;

    public OrderedSet() => _map = new OrderedMap<T, bool>();
    public OrderedSet(IEnumerable<T> items) : this()
    {
        foreach (var item in items) Add(item);
    }

    public int Count => _map.Count;
    public IReadOnlyList<T> Items => _map.Keys;

    /// <summary>Adds at the end; false if already present.</summary>
    public bool Add(T item) => _map.TryAdd(item, true);
    public bool Contains(T item) => _map.ContainsKey(item);
    public bool Remove(T item) => _map.Remove(item);
    public int IndexOf(T item) => _map.IndexOf(item);
    public void Clear() => _map.Clear();

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_map.Keys).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
