using System;
using System.Linq;

namespace WitTools.AbiOracle.Types;

/// <summary>
/// Canonical-ABI size and alignment in linear memory (component-model CanonicalABI.md, 32-bit memories).
/// Independent of BindGen on purpose: the oracle must not share code with what it checks.
/// </summary>
public static class CanonicalLayout
{
    public static int Align(WitValueType type) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            WitTypeKind.Bool or WitTypeKind.S8 or WitTypeKind.U8 => 1,
            WitTypeKind.S16 or WitTypeKind.U16 => 2,
            WitTypeKind.S64 or WitTypeKind.U64 or WitTypeKind.F64 => 8,
            _ => 4, // 32-bit scalars, char, and string's (ptr, len)
        },
        ListType => 4,
        RecordType r => r.Fields.Max(f => Align(f.Type!)),
        TupleType t => t.Items.Max(Align),
        FlagsType f => FlagsSize(f.Names.Count),
        EnumType e => DiscriminantSize(e.Names.Count),
        _ => Math.Max(DiscriminantSize(CaseCount(type)), MaxCaseAlign(type)),
    };

    public static int Size(WitValueType type)
    {
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    WitTypeKind.Bool or WitTypeKind.S8 or WitTypeKind.U8 => 1,
                    WitTypeKind.S16 or WitTypeKind.U16 => 2,
                    WitTypeKind.S64 or WitTypeKind.U64 or WitTypeKind.F64 or WitTypeKind.String => 8,
                    _ => 4,
                };
            case ListType:
                return 8;
            case FlagsType f:
                return FlagsSize(f.Names.Count);
            case EnumType e:
                return DiscriminantSize(e.Names.Count);
            case RecordType or TupleType:
            {
                var size = 0;
                foreach (var child in type.Children)
                    size = AlignTo(size, Align(child)) + Size(child);
                return AlignTo(size, Align(type));
            }
            default:
            {
                var size = AlignTo(DiscriminantSize(CaseCount(type)), MaxCaseAlign(type));
                size += type.Children.Select(Size).DefaultIfEmpty(0).Max();
                return AlignTo(size, Align(type));
            }
        }
    }

    /// <summary>Byte offset of each field of a record or element of a tuple.</summary>
    public static int[] FieldOffsets(WitValueType type)
    {
        var children = type.Children.ToArray();
        var offsets = new int[children.Length];
        var size = 0;
        for (var i = 0; i < children.Length; i++)
        {
            size = AlignTo(size, Align(children[i]));
            offsets[i] = size;
            size += Size(children[i]);
        }
        return offsets;
    }

    /// <summary>Offset of the payload of a variant, option or result.</summary>
    public static int PayloadOffset(WitValueType type) =>
        AlignTo(DiscriminantSize(CaseCount(type)), MaxCaseAlign(type));

    /// <summary>Bytes of the discriminant of a variant/enum with <paramref name="cases"/> cases.</summary>
    public static int DiscriminantSize(int cases) => cases <= 0x100 ? 1 : cases <= 0x10000 ? 2 : 4;

    public static int FlagsSize(int count) => count <= 8 ? 1 : count <= 16 ? 2 : 4;

    public static int AlignTo(int offset, int align) => (offset + align - 1) / align * align;

    private static int CaseCount(WitValueType type) => type switch
    {
        VariantType v => v.Cases.Count,
        _ => 2, // option and result
    };

    private static int MaxCaseAlign(WitValueType type) => type.Children.Select(Align).DefaultIfEmpty(1).Max();
}
