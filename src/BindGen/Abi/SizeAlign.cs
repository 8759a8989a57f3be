using System;
using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>
/// Sizes and alignments of the canonical ABI (CanonicalABI.md, "Alignment" and "Element Size"), for
/// 32-bit memories. <see cref="AbiType"/> calls <see cref="Compute"/> once per node from the children's
/// cached layouts; the rules here are the only place that arithmetic lives.
/// </summary>
public static class SizeAlign
{
    /// <summary>Bytes of a pointer or a length in a 32-bit memory.</summary>
    public const int PointerSize = 4;

    /// <summary>The most flags a <c>flags</c> type may have (the spec asserts 0 &lt; n &lt;= 32).</summary>
    public const int MaxFlags = 32;

    /// <summary>Validation bound on <c>elem_size</c> of any value type (2^28, as MAX_LIST_BYTE_LENGTH).</summary>
    public const long MaxTypeSize = 1L << 28;

    /// <summary>Size and alignment of the discriminant of a variant with <paramref name="caseCount"/> cases:
    /// the smallest of u8/u16/u32 whose range holds every case index (256 cases -> 1 byte, 257 -> 2,
    /// 65,536 -> 2, 65,537 -> 4).</summary>
    public static int DiscriminantSize(long caseCount)
    {
        if (caseCount <= 1L << 8) return 1;
        if (caseCount <= 1L << 16) return 2;
        return 4;
    }

    /// <summary>Bytes (= alignment) of a flags bit-vector: 1..8 -> 1, 9..16 -> 2, 17..32 -> 4.</summary>
    public static int FlagsSize(int count)
    {
        if (count <= 8) return 1;
        if (count <= 16) return 2;
        return 4;
    }

    /// <summary>Rounds <paramref name="offset"/> up to a multiple of <paramref name="align"/>.</summary>
    public static long AlignTo(long offset, int align) => (offset + align - 1) / align * align;

    /// <summary>Layout of consecutive values laid out like record fields (also used for spilled
    /// parameter and result tuples).</summary>
    public static TypeLayout Record(IReadOnlyList<AbiType> types)
    {
        var offsets = new long[types.Count];
        long size = 0;
        int align = 1;
        for (int i = 0; i < types.Count; i++)
        {
            var layout = types[i].Layout;
            size = AlignTo(size, layout.Align);
            offsets[i] = size;
            size += layout.Size;
            align = Math.Max(align, layout.Align);
        }
        return new TypeLayout(AlignTo(size, align), align, offsets, 0, 0);
    }

    /// <summary>The reason the spec rejects this node itself (children are checked separately), or null.
    /// Messages follow wasmparser's validator where it has one.</summary>
    internal static string? Validate(AbiType type) => type.Kind switch
    {
        AbiTypeKind.Record when type.Fields.Count == 0 => "record type must have at least one field",
        AbiTypeKind.Tuple when type.Fields.Count == 0 => "tuple type must have at least one type",
        AbiTypeKind.Variant when type.Cases.Count == 0 => "variant type must have at least one case",
        AbiTypeKind.Enum when type.Cases.Count == 0 => "enum type must have at least one variant",
        AbiTypeKind.Flags when type.FlagNames.Count == 0 => "flags must have at least one entry",
        AbiTypeKind.Flags when type.FlagNames.Count > MaxFlags => "cannot have more than 32 flags",
        AbiTypeKind.FixedList when type.Length <= 0 => "Fixed-length lists must have more than zero elements",
        _ => null,
    };

    /// <summary>Layout of a valid node whose children are valid.</summary>
    internal static TypeLayout Compute(AbiType type)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
            case AbiTypeKind.S8:
            case AbiTypeKind.U8:
                return Scalar(1);
            case AbiTypeKind.S16:
            case AbiTypeKind.U16:
                return Scalar(2);
            case AbiTypeKind.S32:
            case AbiTypeKind.U32:
            case AbiTypeKind.F32:
            case AbiTypeKind.Char:
            case AbiTypeKind.ErrorContext:
            case AbiTypeKind.Own:
            case AbiTypeKind.Borrow:
            case AbiTypeKind.Future:
            case AbiTypeKind.Stream:
                return Scalar(4);
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
            case AbiTypeKind.F64:
                return Scalar(8);
            case AbiTypeKind.String:
            case AbiTypeKind.List:
            case AbiTypeKind.Map:
                // (pointer, length)
                return new TypeLayout(2 * PointerSize, PointerSize, Array.Empty<long>(), 0, 0);
            case AbiTypeKind.FixedList:
            {
                var element = type.Element!.Layout;
                return new TypeLayout(element.Size * type.Length, element.Align, Array.Empty<long>(), 0, 0);
            }
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var types = new AbiType[type.Fields.Count];
                for (int i = 0; i < types.Length; i++) types[i] = type.Fields[i].Type;
                return Record(types);
            }
            case AbiTypeKind.Flags:
                return Scalar(FlagsSize(type.FlagNames.Count));
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                return Variant(type.Cases);
            default:
                throw new InvalidOperationException("unknown ABI type kind " + type.Kind);
        }
    }

    private static TypeLayout Scalar(int size) => new(size, size, Array.Empty<long>(), 0, 0);

    private static TypeLayout Variant(IReadOnlyList<AbiCase> cases)
    {
        int discriminant = DiscriminantSize(cases.Count);
        int caseAlign = 1;
        long caseSize = 0;
        foreach (var @case in cases)
        {
            if (@case.Type is null) continue;
            caseAlign = Math.Max(caseAlign, @case.Type.Layout.Align);
            caseSize = Math.Max(caseSize, @case.Type.Layout.Size);
        }
        long payloadOffset = AlignTo(discriminant, caseAlign);
        int align = Math.Max(discriminant, caseAlign);
        return new TypeLayout(AlignTo(payloadOffset + caseSize, align), align, Array.Empty<long>(), discriminant, payloadOffset);
    }
}
