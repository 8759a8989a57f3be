using System;
using System.Collections.Generic;
using System.Linq;

namespace WitTools.BindGen.Abi;

/// <summary>
/// The flattened core types of a value (the spec's <c>flatten_type</c>). <see cref="Count"/> is always
/// exact; <see cref="Types"/> holds the first <see cref="Cap"/> of them. That is all a core signature or a flat
/// plan ever uses: <c>flatten_functype</c> passes values flat only up to MAX_FLAT_PARAMS (16) and spills
/// anything longer, so a longer form only needs its count (<see cref="IsComplete"/> is false).
/// </summary>
public sealed class FlatTypes
{
    /// <summary>How many flat types are kept per type: MAX_FLAT_PARAMS + 1, so every form a signature can pass
    /// flat is complete and every longer one is marked incomplete (overflowing).</summary>
    public const int Cap = Flattening.MaxFlatParams + 1;

    internal static readonly FlatTypes Empty = new(Array.Empty<CoreType>(), 0);

    public FlatTypes(IReadOnlyList<CoreType> types, long count)
    {
        Types = types;
        Count = count;
    }

    public IReadOnlyList<CoreType> Types { get; }

    public long Count { get; }

    /// <summary>True when <see cref="Types"/> lists every flat type (<see cref="Count"/> ≤ <see cref="Cap"/>); false
    /// when the form overflows the cap.</summary>
    public bool IsComplete => Types.Count == Count;

    public override string ToString() =>
        "[" + string.Join(", ", Types.Select(t => t.Name())) + (IsComplete ? "" : ", ... (" + Count + ")") + "]";
}
