using System;
using System.Collections;
using System.Collections.Generic;

namespace WitTools.WitParser.Model;

/// <summary>
/// A dictionary that remembers insertion order (wit-parser's IndexMap). Replacing the value of an
/// existing key keeps its position; removal shifts later entries down, preserving their order. Small maps
/// (most of a model's) are searched linearly; a hash index is built once a map grows past a few entries.
/// </summary>
public sealed class OrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue> where TKey : notnull
{
    private const int LinearLimit = 16;

    private readonly List<TKey> _keys;
    private readonly List<TValue> _values;
    private readonly IEqualityComparer<TKey> _comparer;
    private Dictionary<TKey, int>? _index;

    public OrderedMap() : this(0) { }

    public OrderedMap(IEqualityComparer<TKey> comparer) : this(0, comparer) { }

    /// <summary>A map with room for <paramref name="capacity"/> entries before it grows.</summary>
    public OrderedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _keys = new List<TKey>(capacity);
        _values = new List<TValue>(capacity);
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

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
        get
        {
            int i = IndexOf(key);
            return i >= 0 ? _values[i] : throw new KeyNotFoundException("The key was not present: " + key);
        }
        set
        {
            int i = IndexOf(key);
            if (i >= 0) _values[i] = value;
            else Append(key, value);
        }
    }

    /// <summary>Adds a new entry at the end; throws if the key exists.</summary>
    public void Add(TKey key, TValue value)
    {
        if (IndexOf(key) >= 0) throw new ArgumentException("An entry with the same key already exists: " + key);
        Append(key, value);
    }

    /// <summary>Adds a new entry at the end unless the key exists (then nothing changes).</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (IndexOf(key) >= 0) return false;
        Append(key, value);
        return true;
    }

    private void Append(TKey key, TValue value)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        _keys.Add(key);
        _values.Add(value);
        if (_index != null) _index.Add(key, _keys.Count - 1);
        else if (_keys.Count > LinearLimit) BuildIndex();
    }

    private void BuildIndex()
    {
        _index = new Dictionary<TKey, int>(_keys.Count * 2, _comparer);
        for (int i = 0; i < _keys.Count; i++) _index.Add(_keys[i], i);
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

    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    public bool TryGetValue(TKey key, out TValue value)
    {
        int i = IndexOf(key);
        if (i >= 0)
        {
            value = _values[i];
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Position of a key in insertion order, or -1.</summary>
    public int IndexOf(TKey key)
    {
        if (_index != null) return _index.TryGetValue(key, out int found) ? found : -1;
        var keys = _keys;
        for (int i = 0; i < keys.Count; i++)
        {
            if (_comparer.Equals(keys[i], key)) return i;
        }
        return -1;
    }

    public TKey KeyAt(int position) => _keys[position];
    public TValue ValueAt(int position) => _values[position];
    public void SetValueAt(int position, TValue value) => _values[position] = value;

    /// <summary>Removes an entry, keeping the order of the others (IndexMap::shift_remove).</summary>
    public bool Remove(TKey key)
    {
        int i = IndexOf(key);
        if (i < 0) return false;
        RemoveAt(i);
        return true;
    }

    public void RemoveAt(int position)
    {
        _index?.Remove(_keys[position]);
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
        _index?.Clear();
        Reindex(0);
    }

    public void Clear()
    {
        _keys.Clear();
        _values.Clear();
        _index = null;
    }

    private void Reindex(int from)
    {
        if (_index == null)
        {
            if (_keys.Count > LinearLimit) BuildIndex();
            return;
        }
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
