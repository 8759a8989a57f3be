using System;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Tests.Values;

public class WitValueTests
{
    [Fact]
    public void Equal_structures_are_equal_and_hash_alike()
    {
        WitValue Make() => WitValue.Record(
            ("a", WitValue.List(WitValue.U8(1), WitValue.U8(2))),
            ("b", WitValue.Some(WitValue.Tuple(WitValue.String("x"), WitValue.Char(0x1F600)))),
            ("c", WitValue.Err(WitValue.Variant("v", WitValue.Enum("e")))));
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
    }

    [Fact]
    public void All_nans_are_equal_but_zero_signs_differ()
    {
        Assert.Equal(WitValue.F32(float.NaN), WitValue.F32(BitConverter.Int32BitsToSingle(0x7f800001)));
        Assert.Equal(WitValue.F64(double.NaN), WitValue.F64(BitConverter.Int64BitsToDouble(unchecked((long)0xfff0000000000001))));
        Assert.NotEqual(WitValue.F32(0f), WitValue.F32(-0f));
        Assert.NotEqual(WitValue.F64(0d), WitValue.F64(-0d));
        Assert.NotEqual(WitValue.F32(1f), WitValue.F32(float.NaN));
    }

    [Fact]
    public void Kinds_and_names_matter()
    {
        Assert.NotEqual(WitValue.U8(1), WitValue.S8(1));
        Assert.NotEqual(WitValue.U32(1), WitValue.U32(2));
        Assert.NotEqual(WitValue.Record(("a", WitValue.U8(1))), WitValue.Record(("b", WitValue.U8(1))));
        Assert.NotEqual(WitValue.Ok(), WitValue.Err());
        Assert.NotEqual(WitValue.Ok(), WitValue.Ok(WitValue.U8(0)));
        Assert.NotEqual(WitValue.None(), WitValue.Some(WitValue.U8(0)));
        Assert.NotEqual(WitValue.List(), WitValue.Tuple());
        Assert.NotEqual(WitValue.Variant("a"), WitValue.Enum("a"));
    }

    [Fact]
    public void Flags_compare_as_sets()
    {
        Assert.Equal(WitValue.Flags("a", "b"), WitValue.Flags("b", "a"));
        Assert.Equal(WitValue.Flags("a", "b").GetHashCode(), WitValue.Flags("b", "a").GetHashCode());
        Assert.NotEqual(WitValue.Flags("a"), WitValue.Flags("a", "b"));
    }

    [Fact]
    public void Text_form()
    {
        var value = WitValue.Record(
            ("a", WitValue.List(WitValue.S64(-5), WitValue.U64(ulong.MaxValue))),
            ("b", WitValue.Some(WitValue.String("q\"é"))),
            ("c", WitValue.Tuple(WitValue.F32(float.NaN), WitValue.F64(-0d), WitValue.Char('x'))),
            ("d", WitValue.Flags("y", "x")),
            ("e", WitValue.Ok()),
            ("f", WitValue.Variant("v", WitValue.Bool(true))));
        Assert.Equal(
            "{a: [-5, 18446744073709551615], b: some(\"q\\\"\\u{e9}\"), c: (nan, -0, '\\u{78}'), d: {x, y}, e: ok, f: v(true)}",
            value.ToString());
    }

    [Fact]
    public void Out_of_range_values_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntegerValue(WitTools.AbiOracle.Types.WitTypeKind.U8, 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntegerValue(WitTools.AbiOracle.Types.WitTypeKind.S64, (Int128)long.MaxValue + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WitValue.Char(0xD800));
        Assert.Throws<ArgumentOutOfRangeException>(() => WitValue.Char(0x110000));
    }
}
