using System.Collections.Generic;
using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Tests.Probing;

/// <summary>Wasmtime lowers a value into memory, then lifts it back: every type kind must survive.</summary>
public class RoundTripTests
{
    public static IEnumerable<object[]> Cases()
    {
        object[] Case(string type, WitValue value) => [type, value];
        yield return Case("bool", WitValue.Bool(true));
        yield return Case("bool", WitValue.Bool(false));
        yield return Case("s8", WitValue.S8(sbyte.MinValue));
        yield return Case("u8", WitValue.U8(byte.MaxValue));
        yield return Case("s16", WitValue.S16(-12345));
        yield return Case("u16", WitValue.U16(ushort.MaxValue));
        yield return Case("s32", WitValue.S32(int.MinValue));
        yield return Case("u32", WitValue.U32(uint.MaxValue));
        yield return Case("s64", WitValue.S64(long.MinValue));
        yield return Case("u64", WitValue.U64(ulong.MaxValue));
        yield return Case("f32", WitValue.F32(-1.5e-30f));
        yield return Case("f32", WitValue.F32(float.NaN));
        yield return Case("f32", WitValue.F32(-0f));
        yield return Case("f64", WitValue.F64(double.NegativeInfinity));
        yield return Case("f64", WitValue.F64(5e-324));
        yield return Case("char", WitValue.Char(0));
        yield return Case("char", WitValue.Char(0x10FFFF));
        yield return Case("char", WitValue.Char(0x1F600));
        yield return Case("string", WitValue.String(""));
        yield return Case("string", WitValue.String("a\0b ü € 😀"));
        yield return Case("(list u8)", WitValue.List());
        yield return Case("(list u64)", WitValue.List(WitValue.U64(1), WitValue.U64(ulong.MaxValue)));
        yield return Case("(list (list string))", WitValue.List(WitValue.List(WitValue.String("x"), WitValue.String("")), WitValue.List()));
        yield return Case("(record (field \"a\" u8) (field \"b\" (option string)))",
            WitValue.Record(("a", WitValue.U8(1)), ("b", WitValue.Some(WitValue.String("yes")))));
        yield return Case("(tuple u8 f64 (list char))", WitValue.Tuple(WitValue.U8(2), WitValue.F64(0.5), WitValue.List(WitValue.Char('z'))));
        yield return Case("(variant (case \"a\") (case \"b\" u64) (case \"c\" string))", WitValue.Variant("a"));
        yield return Case("(variant (case \"a\") (case \"b\" u64) (case \"c\" string))", WitValue.Variant("c", WitValue.String("payload")));
        yield return Case("(enum \"red\" \"green\" \"blue\")", WitValue.Enum("blue"));
        yield return Case("(option u16)", WitValue.None());
        yield return Case("(option (option u16))", WitValue.Some(WitValue.None()));
        yield return Case("(result)", WitValue.Err());
        yield return Case("(result u32 (error string))", WitValue.Ok(WitValue.U32(3)));
        yield return Case("(result u32 (error string))", WitValue.Err(WitValue.String("bad")));
        yield return Case("(result (error u8))", WitValue.Ok());
        yield return Case("(flags \"a\" \"b\" \"c\")", WitValue.Flags());
        yield return Case("(flags \"a\" \"b\" \"c\")", WitValue.Flags("c", "a"));
        yield return Case("(record (field \"inner\" (record (field \"e\" (enum \"x\" \"y\")) (field \"f\" (flags \"p\")))))",
            WitValue.Record(("inner", WitValue.Record(("e", WitValue.Enum("y")), ("f", WitValue.Flags("p"))))));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lowered_then_lifted_by_wasmtime_gives_the_value_back(string type, WitValue value)
    {
        var probe = AbiProbe.Create(type);
        var image = probe.Lower(value);
        Assert.Equal(value, probe.Lift(image));
        Assert.Equal(value, ComponentValueConverter.FromComponentValue(
            probe.LiftWithWasmtime(image.Memory, image.Pointer), probe.Type));
    }

    [Fact]
    public void Lowered_images_start_at_the_heap_base_and_cover_the_value()
    {
        var probe = AbiProbe.Create("(tuple u8 u64)");
        var image = probe.LowerWithWasmtime(WitValue.Tuple(WitValue.U8(1), WitValue.U64(2)).ToComponentValue(), out var align);
        Assert.Equal(8, align);
        Assert.Equal(16, image.Pointer);
        Assert.Equal(16, image.Size);
        Assert.Equal(32, image.Memory.Length);
        Assert.All(image.Memory.Take(16), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Several_types_share_one_component()
    {
        var component = ProbeComponent.Create([WitValueType.U8, WitValueType.String, WitValueType.Parse("(enum \"a\")")]);
        Assert.Equal(WitValue.U8(9), component.Probes[0].RoundTrip(WitValue.U8(9)));
        Assert.Equal(WitValue.String("s"), component.Probes[1].RoundTrip(WitValue.String("s")));
        Assert.Equal(WitValue.Enum("a"), component.Probes[2].RoundTrip(WitValue.Enum("a")));
        Assert.Same(component, ProbeComponent.Create([WitValueType.U8, WitValueType.String, WitValueType.Parse("(enum \"a\")")]));
    }

    [Fact]
    public void Values_larger_than_a_page_grow_memory()
    {
        var probe = AbiProbe.Create("(tuple string (list u32))");
        var value = WitValue.Tuple(WitValue.String(new string('é', 50_000)),
            new ListValue(Enumerable.Range(0, 20_000).Select(i => WitValue.U32((uint)i)).ToArray()));
        var image = probe.Lower(value);
        Assert.True(image.Memory.Length > 180_000); // 100,000 bytes of UTF-8 plus 80,000 of u32s: almost three pages
        Assert.Equal(value, probe.Lift(image));
        Assert.Equal(value, probe.RoundTrip(value));
    }

    [Fact]
    public void Several_consecutive_values_can_be_lifted_at_once()
    {
        var probe = AbiProbe.Create("u16");
        var values = probe.LiftWithWasmtime([1, 0, 2, 0, 3, 0], 0, 3);
        Assert.Equal([1, 2, 3], values.Select(v => (int)v.AsU16()));
    }
}
