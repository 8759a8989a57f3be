using System;
using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>
/// Where a value of one type sits in linear memory (wasm32: pointers are 4 bytes). Offsets are relative
/// to the start of the value.
/// </summary>
public sealed class TypeLayout
{
    internal static readonly TypeLayout Invalid = new(0, 1, Array.Empty<long>(), 0, 0);

    public TypeLayout(long size, int align, IReadOnlyList<long> fieldOffsets, int discriminantSize, long payloadOffset)
    {
        Size = size;
        Align = align;
        FieldOffsets = fieldOffsets;
        DiscriminantSize = discriminantSize;
        PayloadOffset = payloadOffset;
    }

    /// <summary>The spec's <c>elem_size</c>: bytes one value takes, padding included.</summary>
    public long Size { get; }

    /// <summary>The spec's <c>alignment</c>: 1, 2, 4 or 8.</summary>
    public int Align { get; }

    /// <summary>Offset of each record field / tuple element, in declaration order (empty for other kinds).</summary>
    public IReadOnlyList<long> FieldOffsets { get; }

    /// <summary>Bytes of the discriminant (1, 2 or 4) of variants, enums, options and results; 0 otherwise.</summary>
    public int DiscriminantSize { get; }

    /// <summary>Offset of the payload of variants, options and results (for enums: the discriminant size).</summary>
    public long PayloadOffset { get; }

    public bool HasDiscriminant => DiscriminantSize != 0;
}
