using System;
using System.Collections.Generic;
using System.Linq;

namespace WitTools.BindGen.Abi;

/// <summary>
/// The flattened core types of a value (the spec's <c>flatten_type</c>). <see cref="Count"/> is always
/// exact; <see cref="Types"/> holds the first <see cref="Cap"/> of them, which is all of them unless a huge
/// fixed-size list is involved (signatures only ever need the first 17).
/// </summary>
public sealed class FlatTypes
{
    /// <summary>How many flat types are kept per type.</summary>
    public const int Cap = 1024;

    internal static readonly FlatTypes Empty = new(Array.Empty<CoreType>(), 0);

    public FlatTypes(IReadOnlyList<CoreType> types, long count)
    {
        Types = types;
        Count = count;
    }

    public IReadOnlyList<CoreType> Types { get; }

    public long Count { get; }

    /// <summary>True when <see cref="Types"/> lists every flat type.</summary>
    public bool IsComplete => Types.Count == Count;

    public override string ToString() =>
        "[" + string.Join(", ", Types.Select(t => t.Name())) + (IsComplete ? "" : ", ... (" + Count + ")") + "]";
}
