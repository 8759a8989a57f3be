using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// The string helpers of the generated runtime over emulated memory, per encoding (utf8, utf16, latin1+utf16):
/// the bytes lowering writes (checked against .NET's own encoders, independently of the runtime), what lifting
/// reads back, every trap the spec's load_string_from_range has (length limit, alignment, bounds, strict decoding),
/// the exception for lone surrogates when lowering, single-pass UTF-8 lowering (exact allocation for ASCII, one
/// grow and one shrink otherwise, the cleanup following the moved block), and no leaks, also through a
/// generated import wrapper and export shim with post-return.
/// </summary>
public sealed class StringEncodingTests : IClassFixture<StringEncodingTests.Fixture>
{
    private const string Wit = """
package test:enc;

world enc {
  record named { id: u8, name: string }
  import log: func(msg: string, tag: named);
  export echo: func(msg: string) -> named;
}
""";

    // Exposes the internal runtime to the test as plain values; {E} is the helper suffix of the encoding.
    private const string Harness = """
namespace Wit.Test.Enc
{
    public static partial class EncWorld
    {
        private static partial IExports CreateExports() => new Impl();

        private sealed class Impl : IExports
        {
            public Named Echo(string msg) => new Named(7, msg + "|" + msg);
        }
    }

    public static class Probe
    {
        public static int LiveCount => global::Wit.WitMemory.Live.Count;

        public static byte[] Bytes => global::Wit.WitMemory.Bytes;

        /// <summary>Lowers; returns (pointer, length, the live blocks while lowered as "address:size", live count after FreeAll).</summary>
        public static object[] Lower(string text)
        {
            var cleanup = new global::Wit.WitCleanup();
            int pointer = global::Wit.WitMemory.LowerString{E}(text, cleanup, out int length);
            string live = string.Join(",", global::System.Linq.Enumerable.Select(global::Wit.WitMemory.Live, kv => kv.Key + ":" + kv.Value));
            cleanup.FreeAll();
            return new object[] { pointer, length, live, global::Wit.WitMemory.Live.Count };
        }

        /// <summary>How import calls get their cleanup list: (a released list is rented again, a nested call gets
        /// another list, live blocks after release, managed bytes allocated by 1,000 rent/lower/release cycles).</summary>
        public static object[] RentCleanup()
        {
            var first = global::Wit.WitCleanup.Rent();
            var nested = global::Wit.WitCleanup.Rent();
            bool distinct = !ReferenceEquals(first, nested);
            nested.Release();
            first.Release();
            bool reused = ReferenceEquals(global::Wit.WitCleanup.Rent(), first);
            first.Release();
            for (int i = 0; i < 100; i++) Cycle(); // warm up (the emulated allocator's table grows once)
            long before = global::System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) Cycle();
            long allocated = global::System.GC.GetAllocatedBytesForCurrentThread() - before;
            return new object[] { reused && distinct, global::Wit.WitMemory.Live.Count, allocated };

            static void Cycle()
            {
                var cleanup = global::Wit.WitCleanup.Rent();
                global::Wit.WitMemory.LowerString{E}("argument", cleanup, out _);
                cleanup.Release();
            }
        }

        /// <summary>Lowers, then frees with FreeAll even when lowering throws; returns the exception's type and message.</summary>
        public static string LowerFailure(string text)
        {
            var cleanup = new global::Wit.WitCleanup();
            try
            {
                global::Wit.WitMemory.LowerString{E}(text, cleanup, out _);
                return "no exception";
            }
            catch (global::System.Exception e)
            {
                return e.GetType().FullName + ": " + e.Message;
            }
            finally
            {
                cleanup.FreeAll();
            }
        }

        /// <summary>Copies <paramref name="bytes"/> into a fresh block at <paramref name="offset"/> from an 8-aligned
        /// address and lifts (pointer, length) there. Returns the string, or "trap: message".</summary>
        public static string Lift(byte[] bytes, int offset, int length)
        {
            int block = global::Wit.WitMemory.Alloc(bytes.Length + offset, 8);
            global::System.Array.Copy(bytes, 0, global::Wit.WitMemory.Bytes, block + offset, bytes.Length);
            try
            {
                string text = global::Wit.WitMemory.LiftString{E}(block + offset, length);
                // a lift frees what it read, except an empty string (the other side allocated nothing)
                if (text.Length == 0 && global::Wit.WitMemory.Live.ContainsKey(block)) global::Wit.WitMemory.Free(block);
                return text;
            }
            catch (global::Wit.WitTrapException e)
            {
                if (global::Wit.WitMemory.Live.ContainsKey(block)) global::Wit.WitMemory.Free(block);
                return "trap: " + e.Message;
            }
        }

        public static object? Handler(string module, string name, object[] args)
        {
            Seen = (int)args[0] + " " + (int)args[1] + " " + (int)args[2] + " " + (int)args[3] + " " + (int)args[4];
            return null;
        }

        public static string Seen = "";

        public static void Log(string msg, string name)
        {
            global::Wit.WitTestHost.Handler = Handler;
            EncWorld.Log(msg, new EncWorld.Named(1, name));
        }

        public static int Echo(int pointer, int length) => EncWorld.__Export_Echo(pointer, length);

        public static void EchoPost(int area) => EncWorld.__Export_EchoPost(area);
    }
}
""";

    public sealed class Fixture : IDisposable
    {
        private readonly List<AssemblyLoadContext> _contexts = new();

        public Fixture()
        {
            var load = WitLoader.LoadText("enc.wit", Wit, FeatureSet.None);
            Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
            var (_, id) = GuestCompiler.Worlds(load).Single();
            foreach (var encoding in Enum.GetValues<StringEncoding>())
            {
                string suffix = encoding switch { StringEncoding.Utf16 => "Utf16", StringEncoding.Latin1Utf16 => "Latin1Utf16", _ => "" };
                var sources = GuestCompiler.Generate(load, id, stubs: false, encoding: encoding).Files
                    .Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness.Replace("{E}", suffix));
                var (problems, compilation) = GuestCompiler.Compile(sources, emulated: true, assemblyName: "Enc" + encoding);
                Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
                using var stream = new MemoryStream();
                var emit = compilation.Emit(stream);
                Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
                stream.Position = 0;
                var context = new AssemblyLoadContext("enc-" + encoding, isCollectible: true);
                _contexts.Add(context);
                Probes[encoding] = context.LoadFromStream(stream).GetType("Wit.Test.Enc.Probe")!;
            }
        }

        public Dictionary<StringEncoding, Type> Probes { get; } = new();

        public void Dispose()
        {
            foreach (var context in _contexts) context.Unload();
        }
    }

    private readonly Fixture _fixture;

    public StringEncodingTests(Fixture fixture) => _fixture = fixture;

    private object? Call(StringEncoding encoding, string method, params object[] args)
    {
        try
        {
            return _fixture.Probes[encoding].GetMethod(method)!.Invoke(null, args);
        }
        catch (TargetInvocationException e)
        {
            throw new Xunit.Sdk.XunitException(method + ": " + e.InnerException);
        }
    }

    private int LiveCount(StringEncoding encoding) => (int)_fixture.Probes[encoding].GetProperty("LiveCount")!.GetValue(null)!;

    private byte[] Memory(StringEncoding encoding) => (byte[])_fixture.Probes[encoding].GetProperty("Bytes")!.GetValue(null)!;

    private (int Pointer, int Length, string Live, byte[] Bytes) Lower(StringEncoding encoding, string text, int byteLength)
    {
        var r = (object[])Call(encoding, "Lower", text)!;
        int pointer = (int)r[0];
        Assert.Equal(0, (int)r[3]); // FreeAll freed everything, wherever the block moved
        return (pointer, (int)r[1], (string)r[2], Memory(encoding).AsSpan(pointer, byteLength).ToArray());
    }

    private string Lift(StringEncoding encoding, byte[] bytes, int length, int offset = 0)
    {
        var text = (string)Call(encoding, "Lift", bytes, offset, length)!;
        Assert.Equal(0, LiveCount(encoding));
        return text;
    }

    public static readonly string[] Samples =
    [
        "",
        "hello",
        "caf\u00e9 \u00ff\u00a0",                       // Latin-1 only, beyond ASCII
        "\u20ac uro \u4e2d\u6587",                     // BMP above Latin-1
        "\U0001F600 \U00010000\U0010FFFF",             // non-BMP (surrogate pairs)
        "a\0b",                                        // NUL is a scalar value like any other
        string.Concat(Enumerable.Repeat("abc\u00e9\u20ac\U0001F600", 700)), // long and mixed
        new string('x', 5000) + "\u00e9",              // long ASCII then one non-ASCII at the end
    ];

    public static IEnumerable<object[]> SampleIndexes() => Samples.Select((_, i) => new object[] { i });

    // ------------------------------------------------------------------ UTF-8

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Utf8_lowering_writes_the_utf8_bytes_and_lifting_reads_them_back(int sample)
    {
        string text = Samples[sample];
        byte[] expected = Encoding.UTF8.GetBytes(text);
        var (_, length, live, bytes) = Lower(StringEncoding.Utf8, text, expected.Length);
        Assert.Equal(expected.Length, length);
        Assert.Equal(expected, bytes);
        // one block of exactly the encoded size is live while lowered (grown then shrunk for non-ASCII)
        if (length > 0) Assert.EndsWith(":" + length, Assert.Single(live.Split(',')));
        Assert.Equal(text, Lift(StringEncoding.Utf8, expected, expected.Length));
    }

    [Fact]
    public void Utf8_lowering_of_ascii_allocates_once_exactly_and_does_not_move()
    {
        var (pointer, length, live, _) = Lower(StringEncoding.Utf8, "plain ascii", 11);
        Assert.Equal(11, length);
        Assert.Equal(pointer + ":11", live);
    }

    [Fact]
    public void Utf8_lowering_of_non_ascii_grows_to_the_worst_case_then_shrinks_and_the_cleanup_follows()
    {
        // 3 code units: 'a' fits the first block (3 bytes), the euro sign does not; worst case of the rest is 1 + 3*2
        var (pointer, length, live, bytes) = Lower(StringEncoding.Utf8, "a\u20acb", 5);
        Assert.Equal(5, length);
        Assert.Equal(Encoding.UTF8.GetBytes("a\u20acb"), bytes);
        Assert.Equal(pointer + ":5", live); // the grown block was reallocated down, the first and the grown ones freed
    }

    // xunit would replace lone surrogates in InlineData strings by U+FFFD, so the cases are built here
    private static readonly (string Text, int Index)[] LoneSurrogates =
    [
        ("\ud800", 0),
        ("ab\udc00", 2),
        ("ab\ud83d", 2),            // a high surrogate at the very end
        ("\u00e9\ud800x", 1),       // after the first UTF-8 block grew
        ("\udc00\ud800", 0),        // a reversed pair
        ("\U0001F600\ud800", 2),    // after a valid pair
        (new string('a', 40) + "\udc00" + new string('b', 100), 40),          // in the vectorized part of the copy
        (new string('a', 64) + "\U0001F600" + new string('b', 29) + "\ud800", 95), // a pair in a vector, the lone one in the tail
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Lowering_a_lone_surrogate_throws_ArgumentException_in_every_encoding_and_frees_everything(int sample)
    {
        var (text, index) = LoneSurrogates[sample];
        foreach (var encoding in Enum.GetValues<StringEncoding>())
        {
            var failure = (string)Call(encoding, "LowerFailure", text)!;
            Assert.StartsWith("System.ArgumentException: the string holds an unpaired surrogate", failure);
            Assert.Contains("at index " + index, failure);
            Assert.Equal(0, LiveCount(encoding));
        }
    }

    [Fact]
    public void Import_arguments_rent_their_cleanup_list_and_lowering_them_allocates_no_managed_memory()
    {
        foreach (var encoding in Enum.GetValues<StringEncoding>())
        {
            var r = (object[])Call(encoding, "RentCleanup")!;
            Assert.True((bool)r[0], encoding + ": a released list is reused and a nested call gets its own");
            Assert.Equal(0, (int)r[1]);
            Assert.True((long)r[2] == 0, encoding + ": " + r[2] + " bytes allocated by 1,000 calls");
        }
    }

    [Fact]
    public void Lowering_null_throws_ArgumentNullException_in_every_encoding()
    {
        foreach (var encoding in Enum.GetValues<StringEncoding>())
        {
            Assert.StartsWith("System.ArgumentNullException: a WIT string cannot be null", (string)Call(encoding, "LowerFailure", new object[] { null! })!);
            Assert.Equal(0, LiveCount(encoding));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xff }, "trap: invalid UTF-8")]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 }, "trap: invalid UTF-8")]  // an encoded surrogate
    [InlineData(new byte[] { 0xe2, 0x82 }, "trap: invalid UTF-8")]        // truncated
    public void Utf8_lifting_traps_on_invalid_utf8(byte[] bytes, string expected) =>
        Assert.StartsWith(expected, Lift(StringEncoding.Utf8, bytes, bytes.Length));

    [Fact]
    public void Lifting_traps_above_the_length_limit_and_out_of_bounds_in_every_encoding()
    {
        foreach (var encoding in Enum.GetValues<StringEncoding>())
        {
            Assert.StartsWith("trap: string length", Lift(encoding, [0, 0], 1 << 28));
            Assert.StartsWith("trap: string length", Lift(encoding, [0, 0], -2 & int.MaxValue));
            Assert.StartsWith("trap: out-of-bounds", Lift(encoding, [0x41, 0], 1 << 24));
        }
        Assert.StartsWith("trap: string length", Lift(StringEncoding.Utf16, [0, 0], 1 << 27)); // 2^28 bytes
        Assert.StartsWith("trap: string length", Lift(StringEncoding.Utf8, [0, 0], -1));
    }

    // ------------------------------------------------------------------ UTF-16

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Utf16_lowering_copies_the_code_units_aligned_to_2_and_lifting_reads_them_back(int sample)
    {
        string text = Samples[sample];
        byte[] expected = Encoding.Unicode.GetBytes(text); // UTF-16LE
        var (pointer, length, _, bytes) = Lower(StringEncoding.Utf16, text, expected.Length);
        Assert.Equal(text.Length, length);               // code units, not bytes
        Assert.Equal(0, pointer % 2);
        Assert.Equal(expected, bytes);
        Assert.Equal(text, Lift(StringEncoding.Utf16, expected, text.Length));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0xd8 }, 1)]                          // lone high
    [InlineData(new byte[] { 0x00, 0xdc, 0x41, 0x00 }, 2)]              // lone low
    [InlineData(new byte[] { 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00 }, 3)]  // high followed by a non-surrogate
    [InlineData(new byte[] { 0x00, 0xdc, 0x00, 0xd8 }, 2)]              // reversed pair
    public void Utf16_lifting_traps_on_an_unpaired_surrogate(byte[] bytes, int units) =>
        Assert.StartsWith("trap: invalid UTF-16", Lift(StringEncoding.Utf16, bytes, units));

    /// <summary>Surrogates anywhere in a long string (the vectorized copy, its 16/32-unit blocks, the scalar tail):
    /// pairs lift, a lone one traps at its index.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(100)]
    [InlineData(129)]
    public void Utf16_lifting_of_long_strings_finds_surrogates_everywhere(int at)
    {
        var pair = new string('x', at) + "\U0001F600" + new string('y', 130 - at);
        Assert.Equal(pair, Lift(StringEncoding.Utf16, Encoding.Unicode.GetBytes(pair), pair.Length));
        var units = (new string('x', at) + "?" + new string('y', 130 - at)).ToCharArray();
        units[at] = '\udbff';
        var bytes = new byte[units.Length * 2];
        Buffer.BlockCopy(units, 0, bytes, 0, bytes.Length);
        string trap = Lift(StringEncoding.Utf16, bytes, units.Length);
        Assert.StartsWith("trap: invalid UTF-16 in string at ", trap);
        Assert.EndsWith(": unpaired surrogate at code unit " + at, trap);
    }

    [Fact]
    public void Utf16_lifting_traps_on_a_misaligned_pointer_even_for_an_empty_string()
    {
        Assert.StartsWith("trap: misaligned pointer", Lift(StringEncoding.Utf16, [0x41, 0, 0x42, 0], 2, offset: 1));
        Assert.StartsWith("trap: misaligned pointer", Lift(StringEncoding.Utf16, [0], 0, offset: 1));
        Assert.StartsWith("trap: misaligned pointer", Lift(StringEncoding.Latin1Utf16, [0x41], 1, offset: 1));
        Assert.StartsWith("trap: misaligned pointer", Lift(StringEncoding.Latin1Utf16, [0x41, 0], unchecked((int)0x8000_0001), offset: 1));
    }

    // ------------------------------------------------------------------ latin1+utf16

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Latin1Utf16_lowering_picks_latin1_when_every_code_unit_fits_else_tagged_utf16(int sample)
    {
        string text = Samples[sample];
        bool latin1 = text.All(c => c <= '\u00ff');
        byte[] expected = latin1 ? Encoding.Latin1.GetBytes(text) : Encoding.Unicode.GetBytes(text);
        var (pointer, length, _, bytes) = Lower(StringEncoding.Latin1Utf16, text, expected.Length);
        Assert.Equal(0, pointer % 2);
        Assert.Equal(latin1 ? text.Length : unchecked((int)(0x8000_0000u | (uint)text.Length)), length);
        Assert.Equal(expected, bytes);
        Assert.Equal(text, Lift(StringEncoding.Latin1Utf16, expected, length));
    }

    [Fact]
    public void Latin1Utf16_lifting_reads_both_forms_and_traps_on_bad_utf16()
    {
        Assert.Equal("\u00e9t\u00e9\u00ff", Lift(StringEncoding.Latin1Utf16, [0xe9, 0x74, 0xe9, 0xff], 4));
        // a tagged string may hold only Latin-1 characters too (another encoder's choice)
        Assert.Equal("ab", Lift(StringEncoding.Latin1Utf16, [0x61, 0, 0x62, 0], unchecked((int)0x8000_0002)));
        Assert.Equal("", Lift(StringEncoding.Latin1Utf16, [0], unchecked((int)0x8000_0000)));
        Assert.StartsWith("trap: invalid UTF-16", Lift(StringEncoding.Latin1Utf16, [0x00, 0xd8], unchecked((int)0x8000_0001)));
    }

    // ------------------------------------------------------------------ through generated code

    [Theory]
    [InlineData(StringEncoding.Utf8)]
    [InlineData(StringEncoding.Utf16)]
    [InlineData(StringEncoding.Latin1Utf16)]
    public void Import_wrapper_and_export_shim_use_the_encoding_and_leak_nothing(StringEncoding encoding)
    {
        const string msg = "h\u00e9llo \U0001F600", name = "caf\u00e9";
        Call(encoding, "Log", msg, name);
        var seen = ((string)_fixture.Probes[encoding].GetField("Seen")!.GetValue(null)!).Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(0, LiveCount(encoding)); // arguments freed after the call (the import saw them before)
        Assert.Equal(LengthField(encoding, msg), seen[1]);
        Assert.Equal(1, seen[2]);
        Assert.Equal(LengthField(encoding, name), seen[4]);
        if (encoding != StringEncoding.Utf8) Assert.True(seen[0] % 2 == 0 && seen[3] % 2 == 0, "aligned to 2");

        // export: the host hands a string allocated with cabi_realloc; the result (record with a string) lives until post-return
        byte[] input = Bytes(encoding, msg);
        int block = (int)_fixture.Probes[encoding].Assembly.GetType("Wit.WitMemory")!.GetMethod("Alloc")!.Invoke(null, [input.Length, 2])!;
        input.CopyTo(Memory(encoding), block);
        int area = (int)Call(encoding, "Echo", block, LengthField(encoding, msg))!;
        var memory = Memory(encoding);
        Assert.Equal(7, memory[area]);
        int pointer = BitConverter.ToInt32(memory, area + 4), length = BitConverter.ToInt32(memory, area + 8);
        var echoed = msg + "|" + msg;
        Assert.Equal(LengthField(encoding, echoed), length);
        Assert.Equal(Bytes(encoding, echoed), memory.AsSpan(pointer, Bytes(encoding, echoed).Length).ToArray());
        Assert.NotEqual(0, LiveCount(encoding)); // the input was freed after lifting; the result lives until post-return
        Call(encoding, "EchoPost", area);
        Assert.Equal(0, LiveCount(encoding));

        static byte[] Bytes(StringEncoding encoding, string text) => encoding switch
        {
            StringEncoding.Utf8 => Encoding.UTF8.GetBytes(text),
            _ when encoding == StringEncoding.Latin1Utf16 && text.All(c => c <= '\u00ff') => Encoding.Latin1.GetBytes(text),
            _ => Encoding.Unicode.GetBytes(text),
        };
    }

    /// <summary>What the length field holds: UTF-8 bytes, UTF-16 code units, or Latin-1 bytes / tagged code units.</summary>
    private static int LengthField(StringEncoding encoding, string text) => encoding switch
    {
        StringEncoding.Utf8 => Encoding.UTF8.GetByteCount(text),
        StringEncoding.Utf16 => text.Length,
        _ => text.All(c => c <= '\u00ff') ? text.Length : unchecked((int)(0x8000_0000u | (uint)text.Length)),
    };
}
