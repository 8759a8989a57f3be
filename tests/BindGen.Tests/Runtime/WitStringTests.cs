using System;
using System.Text;
using WitTools.Runtime;

namespace WitTools.BindGen.Tests.Runtime;

/// <summary>The string helpers of src/BindGen/Runtime/Guest/WitMemory*.cs, called directly: each encoding writes the
/// bytes .NET's own encoder writes and reads them back, frees what it read, and traps or throws as the canonical ABI
/// requires. (Guest/StringEncodingTests covers the same helpers through generated bindings, case by case.)</summary>
[Collection(RuntimeCollection.Name)]
public sealed class WitStringTests : IDisposable
{
    private readonly int _liveBefore = WitMemory.Live.Count;

    public void Dispose() => Assert.Equal(_liveBefore, WitMemory.Live.Count);

    private const string Mixed = "h\u00e9llo w\u00f6rld \u20ac \U0001F600";

    /// <summary>What a host does to hand a string over: allocate, copy the bytes.</summary>
    private static int Give(byte[] bytes, int align)
    {
        int pointer = WitMemory.Alloc(bytes.Length, align);
        bytes.CopyTo(WitMemory.Span(pointer, bytes.Length));
        return pointer;
    }

    [Theory]
    [InlineData("")]
    [InlineData("ascii only")]
    [InlineData(Mixed)]
    public void Utf8_round_trips_with_the_exact_bytes(string text)
    {
        var cleanup = new WitCleanup();
        int pointer = WitMemory.LowerString(text, cleanup, out int length);
        byte[] expected = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, WitMemory.Span(pointer, length).ToArray());
        if (length > 0) Assert.Equal(length, WitMemory.Live[pointer]); // grown and shrunk to the exact size
        cleanup.FreeAll();
        Assert.Equal(text, WitMemory.LiftString(text.Length == 0 ? 1 : Give(expected, 1), expected.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData(Mixed)]
    public void Utf16_round_trips_with_the_code_units(string text)
    {
        var cleanup = new WitCleanup();
        int pointer = WitMemory.LowerStringUtf16(text, cleanup, out int length);
        Assert.Equal(text.Length, length);
        Assert.Equal(0, pointer % 2);
        byte[] expected = Encoding.Unicode.GetBytes(text);
        Assert.Equal(expected, WitMemory.Span(pointer, length * 2).ToArray());
        cleanup.FreeAll();
        Assert.Equal(text, WitMemory.LiftStringUtf16(text.Length == 0 ? 2 : Give(expected, 2), length));
    }

    [Fact]
    public void Latin1_utf16_picks_latin1_when_every_code_unit_fits_else_tagged_utf16()
    {
        var cleanup = new WitCleanup();
        int latin1 = WitMemory.LowerStringLatin1Utf16("caf\u00e9", cleanup, out int latin1Length);
        Assert.Equal(4, latin1Length);
        Assert.Equal(Encoding.Latin1.GetBytes("caf\u00e9"), WitMemory.Span(latin1, 4).ToArray());
        int utf16 = WitMemory.LowerStringLatin1Utf16(Mixed, cleanup, out int tagged);
        Assert.Equal(Mixed.Length | int.MinValue, tagged);
        Assert.Equal(Encoding.Unicode.GetBytes(Mixed), WitMemory.Span(utf16, Mixed.Length * 2).ToArray());
        cleanup.FreeAll();
        Assert.Equal("caf\u00e9", WitMemory.LiftStringLatin1Utf16(Give(Encoding.Latin1.GetBytes("caf\u00e9"), 2), 4));
        Assert.Equal(Mixed, WitMemory.LiftStringLatin1Utf16(Give(Encoding.Unicode.GetBytes(Mixed), 2), Mixed.Length | int.MinValue));
    }

    [Fact]
    public void Lifting_traps_on_invalid_text_and_lengths_and_lowering_throws_on_lone_surrogates()
    {
        int bad = Give(new byte[] { 0x61, 0xC3 }, 1);
        Assert.Equal("invalid UTF-8 in string at " + bad, Assert.Throws<WitTrapException>(() => WitMemory.LiftString(bad, 2)).Message);
        WitMemory.Free(bad);
        int lone = Give(new byte[] { 0x00, 0xD8, 0x61, 0x00 }, 2);
        Assert.Contains("unpaired surrogate at code unit 0", Assert.Throws<WitTrapException>(() => WitMemory.LiftStringUtf16(lone, 2)).Message);
        WitMemory.Free(lone);
        Assert.Equal("string length 268435456 exceeds the canonical ABI limit", Assert.Throws<WitTrapException>(() => WitMemory.LiftString(16, 1 << 28)).Message);
        Assert.Contains("misaligned pointer 17", Assert.Throws<WitTrapException>(() => WitMemory.LiftStringUtf16(17, 0)).Message);

        var cleanup = new WitCleanup();
        Assert.StartsWith("the string holds an unpaired surrogate (U+DC00 at index 1)",
            Assert.Throws<ArgumentException>(() => WitMemory.LowerString("a\udc00", cleanup, out _)).Message);
        Assert.Throws<ArgumentException>(() => WitMemory.LowerStringUtf16("a\ud800", cleanup, out _));
        Assert.Throws<ArgumentException>(() => WitMemory.LowerStringLatin1Utf16("\ud800", cleanup, out _));
        Assert.Throws<ArgumentNullException>(() => WitMemory.LowerString(null!, cleanup, out _));
        cleanup.FreeAll();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(70)]
    public void The_surrogate_scan_finds_a_surrogate_anywhere_and_only_unpaired_ones_count(int at)
    {
        var chars = new string('x', 80).ToCharArray();
        chars[at] = '\ud800';
        var source = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(chars.AsSpan());
        var copy = new ushort[chars.Length];
        Assert.True(WitMemory.CopyFindingSurrogates(source, copy));
        Assert.Equal(source.ToArray(), copy);
        Assert.Equal(at, WitMemory.FindUnpairedSurrogate(chars));
        chars[at + 1] = '\udc00';
        Assert.Equal(-1, WitMemory.FindUnpairedSurrogate(chars));
        Assert.False(WitMemory.CopyFindingSurrogates(MemoryExtensions.AsSpan(new ushort[40]), new ushort[40]));
    }
}
