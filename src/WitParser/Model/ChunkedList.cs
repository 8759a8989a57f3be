using System;
using System.Collections;
using System.Collections.Generic;

namespace WitTools.WitParser.Model;

/// <summary>
/// An append-only list stored in fixed chunks of 4,096 items, so no array of it reaches the large-object threshold
/// (85,000 bytes): large-object allocations are collected only by full (generation 2) collections, and a load of a
/// big package allocating its tables there made the GC run full collections over everything live. Chunks never move
/// once allocated, so growing copies nothing.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = Array.Empty<T[]>();
    private int _count;

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return _chunks[index >> ChunkShift][index & ChunkMask];
        }
        set
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            _chunks[index >> ChunkShift][index & ChunkMask] = value;
        }
    }

    public void Add(T item)
    {
        int offset = _count & ChunkMask;
        var items = ChunkFor(_count >> ChunkShift, offset + 1);
        items[offset] = item;
        _count++;
    }

    /// <summary>Grows the list to <paramref name="count"/> items (new ones are default).</summary>
    public void EnsureCount(int count)
    {
        while (_count < count)
        {
            int chunk = _count >> ChunkShift;
            int end = Math.Min(count, (chunk + 1) << ChunkShift);
            ChunkFor(chunk, end - (chunk << ChunkShift));
            // The rest of a chunk is default already (chunks are only ever filled from the front).
            _count = end;
        }
    }

    /// <summary>The chunk of index <paramref name="chunk"/>, with room for <paramref name="needed"/> items. The first
    /// chunk starts small and doubles up to the chunk size (most lists are short); the others are allocated whole.</summary>
    private T[] ChunkFor(int chunk, int needed)
    {
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, Math.Max(1, _chunks.Length * 2));
        var items = _chunks[chunk];
        if (items == null)
        {
            items = _chunks[chunk] = new T[chunk == 0 ? Math.Max(8, needed) : ChunkSize];
        }
        else if (items.Length < needed)
        {
            Array.Resize(ref items, Math.Min(ChunkSize, Math.Max(needed, items.Length * 2)));
            _chunks[chunk] = items;
        }
        return items;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _count; i++) yield return _chunks[i >> ChunkShift][i & ChunkMask];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
