using System;
using System.Text;
using Wasmtime;
using Wasmtime.Components;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Tests.Probing;

/// <summary>
/// What Wasmtime does with invalid bytes: the exact trap messages our generated code will be compared with,
/// and the invalid-looking inputs the canonical ABI accepts.
/// </summary>
public class TrapTests
{
    [Theory]
    [InlineData("(enum \"a\" \"b\")", "02", "discriminant 2 out of range [0..2)")]
    [InlineData("(variant (case \"a\") (case \"b\" u8))", "0500", "discriminant 5 out of range [0..2)")]
    [InlineData("(option u8)", "0200", "discriminant 2 out of range [0..2)")]
    [InlineData("(result u8 (error u8))", "FF00", "discriminant 255 out of range [0..2)")]
    public void Bad_discriminant(string type, string hex, string message) => AssertTrap(type, hex, message);

    [Fact]
    public void Bad_u16_discriminant()
    {
        var cases = new StringBuilder("(enum");
        for (var i = 0; i < 300; i++) cases.Append(" \"e").Append(i).Append('"');
        AssertTrap(cases.Append(')').ToString(), "2C01", "discriminant 300 out of range [0..300)");
    }

    [Theory]
    [InlineData("00D80000")] // a surrogate
    [InlineData("FFDF0000")]
    [InlineData("00001100")] // 0x110000
    [InlineData("FFFFFFFF")]
    public void Char_outside_the_unicode_scalar_values(string hex) =>
        AssertTrap("char", hex, "converted integer out of range for `char`");

    [Theory]
    [InlineData("80", "invalid utf-8 sequence of 1 bytes from index 0")]     // lone continuation byte
    [InlineData("61C328", "invalid utf-8 sequence of 1 bytes from index 1")] // bad continuation
    [InlineData("EDA080", "invalid utf-8 sequence of 1 bytes from index 0")] // an encoded surrogate
    [InlineData("C0AF", "invalid utf-8 sequence of 1 bytes from index 0")]   // overlong
    [InlineData("F0908080FF", "invalid utf-8 sequence of 1 bytes from index 4")]
    [InlineData("6162E282", "incomplete utf-8 byte sequence from index 2")]  // truncated at the end
    public void Invalid_utf8(string utf8Hex, string message) =>
        AssertTrap("string", "08000000" + (utf8Hex.Length / 2).ToString("X2") + "000000" + utf8Hex, message);

    [Theory]
    [InlineData("string", "00FFFF7F01000000", "string pointer/length out of bounds of memory")]
    [InlineData("string", "00000000FFFFFF7F", "string pointer/length out of bounds of memory")]
    [InlineData("(list u8)", "F0FFFFFF20000000", "list pointer/length out of bounds of memory")]
    [InlineData("(list u64)", "0000000000000020", "list pointer/length out of bounds of memory")]
    public void Out_of_bounds_pointer(string type, string hex, string message) => AssertTrap(type, hex, message);

    [Theory]
    [InlineData("(list u32)", "0A00000001000000")]
    [InlineData("(list u16)", "0100000000000000")] // misaligned even when empty
    public void Misaligned_list(string type, string hex) => AssertTrap(type, hex, "list pointer is not aligned");

    [Fact]
    public void Misaligned_or_out_of_bounds_root_pointer_uses_the_list_messages()
    {
        // The probe lifts the root as a one-element list<T>, so a bad root pointer reports list errors.
        var probe = AbiProbe.Create("u32");
        Assert.Equal("list pointer is not aligned", probe.LiftTrap(new byte[8], 2));
        Assert.Equal("list pointer/length out of bounds of memory", probe.LiftTrap(new byte[8], 0x7FFF_FFF0));
    }

    [Fact]
    public void Bool_bytes_above_one_lift_as_true()
    {
        // The canonical ABI converts any nonzero byte to true; Wasmtime does not trap.
        Assert.Equal(WitValue.Bool(true), AbiProbe.Create("bool").Lift([2], 0));
        Assert.Equal(WitValue.Bool(true), AbiProbe.Create("bool").Lift([0xFF], 0));
    }

    [Fact]
    public void Unknown_flag_bits_are_ignored()
    {
        Assert.Equal(WitValue.Flags("a"), AbiProbe.Create("(flags \"a\" \"b\")").Lift([0xFD], 0));
    }

    [Fact]
    public void Padding_and_unused_payload_bytes_are_ignored()
    {
        Assert.Equal(WitValue.None(), AbiProbe.Create("(option u8)").Lift([0, 9], 0));
        Assert.Equal(WitValue.Variant("a"), AbiProbe.Create("(variant (case \"a\") (case \"b\" u8))").Lift([0, 9], 0));
    }

    [Fact]
    public void F32_signalling_nans_are_quieted_by_the_dotnet_wrapper_f64_ones_are_not()
    {
        var f32 = AbiProbe.Create("f32");
        Assert.Equal(0x7FC00001, BitConverter.SingleToInt32Bits(f32.LiftWithWasmtime(BitConverter.GetBytes(0x7F800001), 0).AsF32()));
        var lowered = f32.LowerWithWasmtime(ComponentValue.F32(BitConverter.Int32BitsToSingle(0x7F800001)));
        Assert.Equal("0100C07F", Convert.ToHexString(lowered.RootBytes));

        var f64 = AbiProbe.Create("f64");
        const long signalling = 0x7FF0000000000001;
        Assert.Equal(signalling, BitConverter.DoubleToInt64Bits(f64.LiftWithWasmtime(BitConverter.GetBytes(signalling), 0).AsF64()));
    }

    [Fact]
    public void A_trap_does_not_poison_later_calls()
    {
        var probe = AbiProbe.Create("(enum \"only\" \"two\")");
        Assert.Equal(WitValue.Enum("only"), probe.Lift([0], 0));
        var before = probe.Component.Instantiations;
        var error = probe.TryLift([7], 0, out var value);
        Assert.IsType<WasmtimeException>(error);
        Assert.Null(value);
        Assert.Equal(WitValue.Enum("two"), probe.Lift([1], 0));
        Assert.Equal(before + 1, probe.Component.Instantiations);
    }

    [Fact]
    public void Lift_throws_the_wasmtime_exception()
    {
        var error = Assert.Throws<WasmtimeException>(() => AbiProbe.Create("char").LiftWithWasmtime([0, 0xD8, 0, 0], 0));
        Assert.StartsWith("converted integer out of range for `char`", error.Message);
    }

    [Fact]
    public void Values_that_do_not_match_the_type_fail_to_lower()
    {
        var record = AbiProbe.Create("(record (field \"a\" u8) (field \"b\" u32))");
        var swapped = ComponentValue.Record([new("b", ComponentValue.U32(1)), new("a", ComponentValue.U8(1))]);
        Assert.Equal("expected field `a`, got `b`", Assert.Throws<WasmtimeException>(() => record.LowerWithWasmtime(swapped)).Message);
        Assert.Equal("type mismatch: expected record, found u32",
            Assert.Throws<WasmtimeException>(() => record.LowerWithWasmtime(ComponentValue.U32(1))).Message);
        Assert.Equal("enum variant name `zz` is not valid",
            Assert.Throws<WasmtimeException>(() => AbiProbe.Create("(enum \"a\")").LowerWithWasmtime(ComponentValue.Enum("zz"))).Message);
        // The store was replaced after each failure.
        Assert.Equal(WitValue.Record(("a", WitValue.U8(1)), ("b", WitValue.U32(2))),
            record.RoundTrip(WitValue.Record(("a", WitValue.U8(1)), ("b", WitValue.U32(2)))));
    }

    private static void AssertTrap(string type, string hex, string message) =>
        Assert.Equal(message, AbiProbe.Create(type).LiftTrap(Convert.FromHexString(hex), 0));
}
