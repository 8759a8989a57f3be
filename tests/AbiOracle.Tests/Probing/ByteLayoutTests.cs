using System;
using System.Text;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Tests.Probing;

/// <summary>Wasmtime's bytes against expectations worked out by hand from the canonical ABI.</summary>
public class ByteLayoutTests
{
    [Theory]
    [InlineData("bool", "true", "01")]
    [InlineData("s8", "-1", "FF")]
    [InlineData("u32", "0x01020304", "04030201")]
    [InlineData("f64", "-0", "0000000000000080")]
    [InlineData("char", "U+1F600", "00F60100")]
    public void Scalars(string type, string description, string hex)
    {
        WitValue value = type switch
        {
            "bool" => WitValue.Bool(true),
            "s8" => WitValue.S8(-1),
            "u32" => WitValue.U32(0x01020304),
            "f64" => WitValue.F64(-0d),
            _ => WitValue.Char(0x1F600),
        };
        Assert.NotEmpty(description);
        AssertRoot(type, value, hex);
    }

    [Fact]
    public void Record_of_u8_and_u32_has_three_padding_bytes() =>
        AssertRoot("(record (field \"a\" u8) (field \"b\" u32))",
            WitValue.Record(("a", WitValue.U8(7)), ("b", WitValue.U32(0x01020304))), "07000000" + "04030201");

    [Fact]
    public void Tuple_fields_are_aligned_and_the_size_rounded_up() =>
        AssertRoot("(tuple u8 f64 u16)", WitValue.Tuple(WitValue.U8(1), WitValue.F64(1.0), WitValue.U16(0xABCD)),
            "0100000000000000" + "000000000000F03F" + "CDAB000000000000");

    [Fact]
    public void Option_u16_is_a_discriminant_byte_then_the_payload_at_offset_2()
    {
        AssertRoot("(option u16)", WitValue.Some(WitValue.U16(0xBEEF)), "0100EFBE");
        AssertRoot("(option u16)", WitValue.None(), "00000000");
    }

    [Fact]
    public void Result_payload_sits_after_the_discriminant_at_the_widest_case_alignment() =>
        AssertRoot("(result string (error u8))", WitValue.Err(WitValue.U8(5)), "01000000" + "05000000" + "00000000");

    [Fact]
    public void Variant_with_more_than_256_cases_has_a_u16_discriminant()
    {
        var cases = new StringBuilder("(variant");
        for (var i = 0; i < 300; i++) cases.Append(" (case \"c").Append(i).Append(i == 299 ? "\" u8)" : "\")");
        cases.Append(')');
        AssertRoot(cases.ToString(), WitValue.Variant("c299", WitValue.U8(0x44)), "2B01" + "4400");
    }

    [Fact]
    public void Flags_are_bits_in_declaration_order()
    {
        AssertRoot("(flags \"a\" \"b\" \"c\")", WitValue.Flags("c", "a"), "05");
        var names = new StringBuilder("(flags");
        for (var i = 0; i < 17; i++) names.Append(" \"f").Append(i).Append('"');
        names.Append(')');
        AssertRoot(names.ToString(), WitValue.Flags("f16", "f1"), "02000100");
    }

    [Fact]
    public void String_is_a_pointer_and_byte_length_of_utf8_elsewhere_in_memory()
    {
        var probe = AbiProbe.Create("string");
        var image = probe.Lower(WitValue.String("héllo"));
        Assert.Equal(8, image.Size);
        var pointer = (int)image.ReadU32(image.Pointer);
        var length = (int)image.ReadU32(image.Pointer + 4);
        Assert.Equal(6, length);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), image.Memory.AsSpan(pointer, length).ToArray());
    }

    [Fact]
    public void List_is_a_pointer_and_element_count_of_an_aligned_array()
    {
        var probe = AbiProbe.Create("(list u16)");
        var image = probe.Lower(WitValue.List(WitValue.U16(1), WitValue.U16(2), WitValue.U16(0x0303)));
        var pointer = (int)image.ReadU32(image.Pointer);
        Assert.Equal(3u, image.ReadU32(image.Pointer + 4));
        Assert.Equal(0, pointer % 2);
        Assert.Equal("010002000303", Convert.ToHexString(image.Memory, pointer, 6));
    }

    [Fact]
    public void Hand_written_bytes_lift_as_expected()
    {
        Assert.Equal(WitValue.Record(("a", WitValue.U8(7)), ("b", WitValue.U32(0x01020304))),
            AbiProbe.Create("(record (field \"a\" u8) (field \"b\" u32))").Lift(Convert.FromHexString("07FFFFFF04030201"), 0));

        // some, then the string's (pointer 12, length 3), then "abc" at 12.
        Assert.Equal(WitValue.Some(WitValue.String("abc")),
            AbiProbe.Create("(option string)").Lift(Convert.FromHexString("01000000" + "0C000000" + "03000000" + "616263"), 0));

        Assert.Equal(WitValue.List(WitValue.S16(-2), WitValue.S16(3)),
            AbiProbe.Create("(list s16)").Lift(Convert.FromHexString("0000000000000000" + "1000000002000000" + "FEFF0300"), 8));
    }

    private static void AssertRoot(string type, WitValue value, string hex)
    {
        var probe = AbiProbe.Create(type);
        var image = probe.Lower(value);
        Assert.Equal(hex, Convert.ToHexString(image.RootBytes));
        Assert.Equal(value, probe.Lift(Convert.FromHexString(hex), 0));
    }
}
