using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Tests.Abi;

// Expected values are worked out by hand from CanonicalABI.md ("Alignment", "Element Size").
public class SizeAlignTests
{
    private static string[] Labels(int n) => Enumerable.Range(0, n).Select(i => "c" + i).ToArray();

    [Theory]
    [InlineData(AbiTypeKind.Bool, 1, 1)]
    [InlineData(AbiTypeKind.S8, 1, 1)]
    [InlineData(AbiTypeKind.U8, 1, 1)]
    [InlineData(AbiTypeKind.S16, 2, 2)]
    [InlineData(AbiTypeKind.U16, 2, 2)]
    [InlineData(AbiTypeKind.S32, 4, 4)]
    [InlineData(AbiTypeKind.U32, 4, 4)]
    [InlineData(AbiTypeKind.S64, 8, 8)]
    [InlineData(AbiTypeKind.U64, 8, 8)]
    [InlineData(AbiTypeKind.F32, 4, 4)]
    [InlineData(AbiTypeKind.F64, 8, 8)]
    [InlineData(AbiTypeKind.Char, 4, 4)]
    [InlineData(AbiTypeKind.String, 8, 4)]
    [InlineData(AbiTypeKind.ErrorContext, 4, 4)]
    public void Primitives(AbiTypeKind kind, long size, int align)
    {
        var type = Primitive(kind);
        Assert.Equal(size, type.Layout.Size);
        Assert.Equal(align, type.Layout.Align);
        Assert.False(type.Layout.HasDiscriminant);
    }

    internal static AbiType Primitive(AbiTypeKind kind) => kind switch
    {
        AbiTypeKind.Bool => AbiType.Bool,
        AbiTypeKind.S8 => AbiType.S8,
        AbiTypeKind.U8 => AbiType.U8,
        AbiTypeKind.S16 => AbiType.S16,
        AbiTypeKind.U16 => AbiType.U16,
        AbiTypeKind.S32 => AbiType.S32,
        AbiTypeKind.U32 => AbiType.U32,
        AbiTypeKind.S64 => AbiType.S64,
        AbiTypeKind.U64 => AbiType.U64,
        AbiTypeKind.F32 => AbiType.F32,
        AbiTypeKind.F64 => AbiType.F64,
        AbiTypeKind.Char => AbiType.Char,
        AbiTypeKind.String => AbiType.String,
        AbiTypeKind.ErrorContext => AbiType.ErrorContext,
        _ => throw new System.ArgumentException(kind.ToString()),
    };

    [Fact]
    public void Handles_futures_and_streams_are_i32_indices()
    {
        foreach (var type in new[] { AbiType.Own("blob"), AbiType.Borrow("blob"), AbiType.Future(null), AbiType.Future(AbiType.String), AbiType.Stream(AbiType.U8), AbiType.Stream(null) })
        {
            Assert.Equal(4, type.Layout.Size);
            Assert.Equal(4, type.Layout.Align);
        }
    }

    [Fact]
    public void Record_fields_are_padded_to_their_alignment_and_the_size_to_the_record_alignment()
    {
        var record = AbiType.Record("r", ("a", AbiType.U8), ("b", AbiType.U32), ("c", AbiType.U16));
        Assert.Equal(new long[] { 0, 4, 8 }, record.Layout.FieldOffsets);
        Assert.Equal(12, record.Layout.Size);
        Assert.Equal(4, record.Layout.Align);

        var wide = AbiType.Record("w", ("a", AbiType.U8), ("b", AbiType.U64));
        Assert.Equal(new long[] { 0, 8 }, wide.Layout.FieldOffsets);
        Assert.Equal(16, wide.Layout.Size);
        Assert.Equal(8, wide.Layout.Align);

        var strings = AbiType.Record("s", ("name", AbiType.String), ("flag", AbiType.Bool));
        Assert.Equal(new long[] { 0, 8 }, strings.Layout.FieldOffsets);
        Assert.Equal(12, strings.Layout.Size);
    }

    [Fact]
    public void Tuples_are_laid_out_as_records()
    {
        var tuple = AbiType.Tuple(AbiType.U8, AbiType.U16, AbiType.U8);
        Assert.Equal(new long[] { 0, 2, 4 }, tuple.Layout.FieldOffsets);
        Assert.Equal(6, tuple.Layout.Size);
        Assert.Equal(2, tuple.Layout.Align);
        Assert.Equal(new[] { "0", "1", "2" }, tuple.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Variant_payload_starts_at_the_discriminant_aligned_to_the_widest_case()
    {
        var variant = AbiType.Variant("v", ("a", null), ("b", AbiType.U64), ("c", AbiType.String));
        Assert.Equal(1, variant.Layout.DiscriminantSize);
        Assert.Equal(8, variant.Layout.PayloadOffset);
        Assert.Equal(16, variant.Layout.Size);
        Assert.Equal(8, variant.Layout.Align);

        var small = AbiType.Variant("s", ("a", AbiType.U8), ("b", AbiType.U16));
        Assert.Equal(2, small.Layout.PayloadOffset);
        Assert.Equal(4, small.Layout.Size);
        Assert.Equal(2, small.Layout.Align);
    }

    [Fact]
    public void Options_and_results_are_two_case_variants()
    {
        var optionU8 = AbiType.Option(AbiType.U8);
        Assert.Equal((2L, 1, 1, 1L), (optionU8.Layout.Size, optionU8.Layout.Align, optionU8.Layout.DiscriminantSize, optionU8.Layout.PayloadOffset));

        var optionString = AbiType.Option(AbiType.String);
        Assert.Equal((12L, 4, 1, 4L), (optionString.Layout.Size, optionString.Layout.Align, optionString.Layout.DiscriminantSize, optionString.Layout.PayloadOffset));

        var result = AbiType.Result(AbiType.U64, AbiType.F32);
        Assert.Equal((16L, 8, 1, 8L), (result.Layout.Size, result.Layout.Align, result.Layout.DiscriminantSize, result.Layout.PayloadOffset));

        var empty = AbiType.Result(null, null);
        Assert.Equal((1L, 1, 1, 1L), (empty.Layout.Size, empty.Layout.Align, empty.Layout.DiscriminantSize, empty.Layout.PayloadOffset));

        var errOnly = AbiType.Result(null, AbiType.U32);
        Assert.Equal((8L, 4, 4L), (errOnly.Layout.Size, errOnly.Layout.Align, errOnly.Layout.PayloadOffset));

        var nested = AbiType.Option(AbiType.Option(AbiType.U8));
        Assert.Equal((3L, 1, 1L), (nested.Layout.Size, nested.Layout.Align, nested.Layout.PayloadOffset));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(256, 1)]
    [InlineData(257, 2)]
    [InlineData(65_536, 2)]
    [InlineData(65_537, 4)]
    public void Enum_discriminant_is_the_smallest_integer_holding_every_case(int cases, int bytes)
    {
        var @enum = AbiType.Enum("e", Labels(cases));
        Assert.True(@enum.IsValid);
        Assert.Equal(bytes, @enum.Layout.DiscriminantSize);
        Assert.Equal(bytes, @enum.Layout.Size);
        Assert.Equal(bytes, @enum.Layout.Align);
        Assert.Equal(bytes, @enum.Layout.PayloadOffset);
        Assert.Equal(new[] { CoreType.I32 }, @enum.Flat.Types);
    }

    [Theory]
    [InlineData(256, 1, 2L, 1)]
    [InlineData(257, 2, 4L, 2)]
    [InlineData(65_536, 2, 4L, 2)]
    [InlineData(65_537, 4, 8L, 4)]
    public void Variant_discriminant_widens_with_the_case_count(int cases, int discriminant, long size, int align)
    {
        // one u8 payload: it sits right after the discriminant
        var variant = AbiType.Variant("v", Labels(cases).Select((l, i) => new AbiCase(l, i == 0 ? AbiType.U8 : null)));
        Assert.Equal(discriminant, variant.Layout.DiscriminantSize);
        Assert.Equal(discriminant, variant.Layout.PayloadOffset);
        Assert.Equal(size, variant.Layout.Size);
        Assert.Equal(align, variant.Layout.Align);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(16, 2)]
    [InlineData(17, 4)]
    [InlineData(32, 4)]
    public void Flags_use_the_smallest_integer_holding_every_bit(int count, int bytes)
    {
        var flags = AbiType.Flags("f", Labels(count));
        Assert.True(flags.IsValid);
        Assert.Equal(bytes, flags.Layout.Size);
        Assert.Equal(bytes, flags.Layout.Align);
        Assert.Equal(new[] { CoreType.I32 }, flags.Flat.Types);
    }

    [Fact]
    public void Flags_beyond_32_or_none_are_rejected_with_a_clear_error()
    {
        var tooMany = AbiType.Flags("f", Labels(33));
        Assert.False(tooMany.IsValid);
        Assert.Equal("cannot have more than 32 flags", tooMany.Error);
        Assert.Equal(0, tooMany.Layout.Size);

        Assert.Equal("flags must have at least one entry", AbiType.Flags("f", Labels(0)).Error);
    }

    [Fact]
    public void Errors_propagate_to_containing_types()
    {
        var record = AbiType.Record("r", ("ok", AbiType.U8), ("bad", AbiType.Flags("f", Labels(40))));
        Assert.Equal("cannot have more than 32 flags", record.Error);
        Assert.Equal("cannot have more than 32 flags", AbiType.List(record).Error);
        Assert.Equal("cannot have more than 32 flags", AbiType.Option(record).Error);
    }

    [Fact]
    public void Empty_types_are_rejected()
    {
        Assert.Equal("record type must have at least one field", AbiType.Record("r").Error);
        Assert.Equal("tuple type must have at least one type", AbiType.Tuple().Error);
        Assert.Equal("variant type must have at least one case", AbiType.Variant("v").Error);
        Assert.Equal("enum type must have at least one variant", AbiType.Enum("e", Labels(0)).Error);
        Assert.Equal("Fixed-length lists must have more than zero elements", AbiType.FixedList(AbiType.U8, 0).Error);
    }

    [Fact]
    public void Lists_and_maps_are_pointer_and_length()
    {
        foreach (var type in new[] { AbiType.List(AbiType.U64), AbiType.List(AbiType.String), AbiType.Map(AbiType.String, AbiType.U32) })
        {
            Assert.Equal(8, type.Layout.Size);
            Assert.Equal(4, type.Layout.Align);
            Assert.Equal(new[] { CoreType.I32, CoreType.I32 }, type.Flat.Types);
        }

        // a map's entries are tuple<K, V>
        var map = AbiType.Map(AbiType.String, AbiType.U64);
        Assert.Equal(AbiTypeKind.Tuple, map.Element!.Kind);
        Assert.Equal(16, map.Element.Layout.Size);
        Assert.Equal(new long[] { 0, 8 }, map.Element.Layout.FieldOffsets);
    }

    [Fact]
    public void Fixed_size_lists_are_their_elements_side_by_side()
    {
        var u16x3 = AbiType.FixedList(AbiType.U16, 3);
        Assert.Equal((6L, 2), (u16x3.Layout.Size, u16x3.Layout.Align));

        var pairs = AbiType.FixedList(AbiType.Tuple(AbiType.U8, AbiType.U32), 2);
        Assert.Equal((16L, 4), (pairs.Layout.Size, pairs.Layout.Align));

        var nested = AbiType.FixedList(AbiType.FixedList(AbiType.U64, 2), 3);
        Assert.Equal((48L, 8), (nested.Layout.Size, nested.Layout.Align));

        var inRecord = AbiType.Record("r", ("tag", AbiType.U8), ("data", AbiType.FixedList(AbiType.U32, 4)));
        Assert.Equal(new long[] { 0, 4 }, inRecord.Layout.FieldOffsets);
        Assert.Equal(20, inRecord.Layout.Size);
    }

    [Fact]
    public void Types_of_2_pow_28_bytes_or_more_are_rejected()
    {
        Assert.True(AbiType.FixedList(AbiType.U8, (1 << 28) - 1).IsValid);
        var tooLarge = AbiType.FixedList(AbiType.U8, 1 << 28);
        Assert.False(tooLarge.IsValid);
        Assert.Contains("2^28", tooLarge.Error);

        // no overflow when huge lengths multiply
        var huge = AbiType.FixedList(AbiType.FixedList(AbiType.U64, uint.MaxValue), uint.MaxValue);
        Assert.False(huge.IsValid);
    }

    [Fact]
    public void Deep_nesting_is_computed_without_recursion()
    {
        var type = AbiType.U8;
        for (int i = 0; i < 100_000; i++) type = AbiType.Option(type);
        Assert.Equal(100_001, type.Layout.Size);
        Assert.Equal(100_001, type.Depth);
        Assert.Equal(100_001, type.Flat.Count);
        Assert.Equal(FlatTypes.Cap, type.Flat.Types.Count);
        Assert.StartsWith("option<option<", type.ToString());
    }
}
