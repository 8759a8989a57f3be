using System;
using System.Diagnostics;
using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Reference;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;
using Xunit.Abstractions;

namespace WitTools.AbiOracle.Tests.Reference;

/// <summary>
/// Differential tests in the shape issue 3 asks for, with <see cref="ReferenceCodec"/> standing in for generated
/// code: values we lower are lifted identically by Wasmtime, values Wasmtime lowers are lifted identically by us,
/// and invalid bytes trap alike.
/// </summary>
public class ReferenceCodecTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(300)]
    public void Both_directions_agree_with_wasmtime_on_random_cases(int seed)
    {
        var cases = new WitCaseGenerator(seed).NextCases(typeCount: 42, valuesPerType: 8);
        var component = ProbeComponent.Create(cases.Select(c => c.Type).ToArray());
        var clock = Stopwatch.StartNew();
        var count = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var probe = component.Probes[i];
            foreach (var value in cases[i].Values)
            {
                var ours = ReferenceCodec.Encode(value, probe.Type);
                var theirs = probe.Lower(value);
                var context = $"seed {seed} type {probe.Type}\n value {value}\n ours   {ours}\n theirs {theirs}";

                Assert.True(value.Equals(probe.Lift(ours)), "Wasmtime lifts our bytes differently: " + context);
                Assert.True(value.Equals(ReferenceCodec.Decode(theirs.Memory, theirs.Pointer, probe.Type)),
                    "we lift Wasmtime's bytes differently: " + context);
                // Same allocation order, so the images match byte for byte (f32 signalling NaNs aside: the .NET wrapper quiets them).
                if (!HasSignallingF32Nan(value))
                    Assert.True(ours.Memory.AsSpan().SequenceEqual(theirs.Memory), "images differ: " + context);
                count++;
            }
        }
        output.WriteLine($"seed {seed}: {count} cases in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Mutated_images_lift_or_trap_exactly_as_in_wasmtime()
    {
        var random = new System.Random(4242);
        var cases = new WitCaseGenerator(seed: 4242).NextCases(typeCount: 60, valuesPerType: 4);
        var component = ProbeComponent.Create(cases.Select(c => c.Type).ToArray());
        int traps = 0, values = 0;
        var messages = new System.Collections.Generic.SortedSet<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var probe = component.Probes[i];
            foreach (var value in cases[i].Values)
            {
                var image = probe.Lower(value).Memory;
                for (var mutation = 0; mutation < 4; mutation++)
                {
                    var bytes = (byte[])image.Clone();
                    for (var k = random.Next(1, 4); k > 0; k--)
                    {
                        var at = random.Next(ProbeComponent.HeapBase, bytes.Length);
                        bytes[at] = random.Next(4) switch { 0 => 0xFF, 1 => (byte)random.Next(4), _ => (byte)random.Next(256) };
                    }
                    // A fresh store, so Wasmtime's memory is exactly one page, as the decoder is told.
                    var wasmtimeTrap = probe.TryLift(bytes, ProbeComponent.HeapBase, out var wasmtimeValue, freshStore: true);
                    var memory = AbiProbe.LiftMemoryContents(bytes, ProbeComponent.HeapBase);
                    var ourTrap = ReferenceCodec.DecodeTrap(memory, ProbeComponent.HeapBase, probe.Type, ProbeComponent.InitialMemorySize);
                    var context = $"type {probe.Type}\n bytes {Convert.ToHexString(bytes)}";
                    if (wasmtimeTrap != null)
                    {
                        Assert.Equal(AbiProbe.FirstLine(wasmtimeTrap.Message), ourTrap);
                        messages.Add(System.Text.RegularExpressions.Regex.Replace(ourTrap!, "[0-9]+", "N"));
                        traps++;
                    }
                    else
                    {
                        Assert.True(ourTrap == null, $"we trap ({ourTrap}), Wasmtime lifts {wasmtimeValue}: {context}");
                        var ours = ReferenceCodec.Decode(memory, ProbeComponent.HeapBase, probe.Type, ProbeComponent.InitialMemorySize);
                        Assert.True(ours.Equals(wasmtimeValue), $"ours {ours} vs Wasmtime {wasmtimeValue}: {context}");
                        values++;
                    }
                }
            }
        }
        output.WriteLine($"{traps} traps, {values} valid; trap kinds:\n  {string.Join("\n  ", messages)}");
        Assert.True(traps > 50 && values > 50);
        Assert.Contains("discriminant N out of range [N..N)", messages);
        Assert.Contains("string pointer/length out of bounds of memory", messages);
        Assert.Contains("list pointer/length out of bounds of memory", messages);
        Assert.Contains("list pointer is not aligned", messages);
        Assert.Contains("converted integer out of range for `char`", messages);
        Assert.Contains("invalid utf-N sequence of N bytes from index N", messages);
    }

    [Theory]
    [InlineData("(enum \"a\" \"b\")", "02")]
    [InlineData("(result u8 (error u8))", "FF00")]
    [InlineData("char", "00D80000")]
    [InlineData("char", "00001100")]
    [InlineData("string", "0800000001000000" + "80")]
    [InlineData("string", "0800000003000000" + "EDA080")]
    [InlineData("string", "0800000004000000" + "F0908028")]
    [InlineData("string", "0800000003000000" + "6162E2")]
    [InlineData("string", "00FFFF7F01000000")]
    [InlineData("(list u64)", "0000000000000020")]
    [InlineData("(list u32)", "0A00000001000000")]
    [InlineData("(option (list u16))", "01000000" + "0300000000000000")]
    public void Hand_made_traps_match(string type, string hex)
    {
        var probe = AbiProbe.Create(type);
        var bytes = Convert.FromHexString(hex);
        var expected = probe.LiftTrap(bytes, 0, freshStore: true);
        Assert.NotNull(expected);
        Assert.Equal(expected, ReferenceCodec.DecodeTrap(AbiProbe.LiftMemoryContents(bytes, 0), 0, probe.Type, ProbeComponent.InitialMemorySize));
    }

    [Fact]
    public void Encoding_puts_the_value_at_the_heap_base_followed_by_its_bodies()
    {
        var type = WitValueType.Parse("(tuple string (list u16))");
        var image = ReferenceCodec.Encode(WitValue.Tuple(WitValue.String("hi"), WitValue.List(WitValue.U16(7))), type);
        Assert.Equal(16, image.Pointer);
        // tuple at 16..32: ("hi" at 32, len 2), (list at 34, len 1); then "hi", then 07 00.
        Assert.Equal("20000000" + "02000000" + "22000000" + "01000000" + "6869" + "0700",
            Convert.ToHexString(image.Memory, 16, image.Memory.Length - 16));
    }

    private static bool HasSignallingF32Nan(WitValue value) => value switch
    {
        F32Value f => float.IsNaN(f.Value) && (BitConverter.SingleToInt32Bits(f.Value) & 0x00400000) == 0,
        ListValue l => l.Items.Any(HasSignallingF32Nan),
        TupleValue t => t.Items.Any(HasSignallingF32Nan),
        RecordValue r => r.Fields.Any(f => HasSignallingF32Nan(f.Value)),
        VariantValue { Payload: { } p } => HasSignallingF32Nan(p),
        OptionValue { Payload: { } p } => HasSignallingF32Nan(p),
        ResultValue { Payload: { } p } => HasSignallingF32Nan(p),
        _ => false,
    };
}
