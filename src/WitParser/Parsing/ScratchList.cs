using System;
using System.Collections.Generic;

namespace WitTools.WitParser.Parsing;

/// <summary>
/// Reusable per-thread lists for collecting a node's children; the node gets an exact-size array. This keeps
/// the parser from leaving a growing <see cref="List{T}"/> (and its discarded arrays) behind for every list.
/// </summary>
internal static class ScratchList<T>
{
    [ThreadStatic] private static Stack<List<T>>? _free;

    public static List<T> Rent()
    {
        var free = _free;
        return free != null && free.Count > 0 ? free.Pop() : new List<T>();
    }

    /// <summary>Returns the items as an array (shared empty array when there are none) and recycles the list.</summary>
    public static T[] ToArrayAndReturn(List<T> list)
    {
        var array = list.Count == 0 ? Array.Empty<T>() : list.ToArray();
        list.Clear();
        if (list.Capacity <= 1024) (_free ??= new Stack<List<T>>()).Push(list);
        return array;
    }
}
