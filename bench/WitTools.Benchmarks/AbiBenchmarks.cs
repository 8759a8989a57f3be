using System;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WitTools.Benchmarks.Abi;
using WitTools.Benchmarks.Abi.Wittools.Bench;

namespace WitTools.Benchmarks.Abi.Wittools.Bench
{
    /// <summary>The exports of wit/abi.wit: each returns a size so the lifted value is used.</summary>
    public static partial class AbiWorld
    {
        private static partial IExports CreateExports() => new BenchExports();

        private sealed class BenchExports : IExports
        {
            public uint TakeBytes(byte[] x) => (uint)x.Length;
            public uint TakeWords(uint[] x) => (uint)x.Length;
            public uint TakeText(string x) => (uint)x.Length;
            public uint TakeRows(Row[] x) => (uint)x.Length;
            public uint Mul(uint a, uint b) => a * b;
        }

        // The generated export entry points are internal; these let the benchmarks call them as the host would.
        internal static int CallTakeBytes(int pointer, int length) => __Export_TakeBytes(pointer, length);
        internal static int CallTakeWords(int pointer, int length) => __Export_TakeWords(pointer, length);
        internal static int CallTakeText(int pointer, int length) => __Export_TakeText(pointer, length);
        internal static int CallTakeRows(int pointer, int length) => __Export_TakeRows(pointer, length);
        internal static int CallMul(int a, int b) => __Export_Mul(a, b);
    }
}

namespace WitTools.Benchmarks.Utf16.Wittools.Bench16
{
    /// <summary>The exports of wit/text16.wit (utf16 strings).</summary>
    public static partial class Text16World
    {
        private static partial IExports CreateExports() => new BenchExports();

        private sealed class BenchExports : IExports
        {
            public uint TakeText16(string x) => (uint)x.Length;
        }

        internal static int CallTakeText16(int pointer, int length) => __Export_TakeText16(pointer, length);
    }
}

namespace WitTools.Benchmarks
{
    /// <summary>
    /// Drives the bindings the WitTools source generator produced for wit/abi.wit (compiled into this project
    /// with WIT_EMULATED_MEMORY, so linear memory is the bounds-checked <see cref="WitMemory.Bytes"/> array).
    /// </summary>
    internal static class AbiHost
    {
        // The emulated allocator is a bump allocator; resetting it between calls keeps memory from growing
        // and makes every call allocate at the same addresses (so data placed once stays valid).
        [UnsafeAccessor(UnsafeAccessorKind.StaticField, Name = "s_next")]
        private static extern ref int NextFree([UnsafeAccessorType("WitTools.Benchmarks.Abi.WitMemory, WitTools.Benchmarks")] object? type);

        public static void ResetAllocator() => NextFree(null) = 16;

        private static readonly object Zero = 0;

        /// <summary>The host side of the imports: accepts everything; `add` adds.</summary>
        public static void Install() => WitTestHost.Handler = static (_, name, args) =>
            name == "add" ? (object)((int)args[0] + (int)args[1]) : Zero;

        /// <summary>Allocates as the host's cabi_realloc would (registering the block the guest will free).</summary>
        public static int Alloc(int size, int align)
        {
            ResetAllocator();
            return WitMemory.Alloc(size, align);
        }
    }

    /// <summary>
    /// Lowering (import arguments: C# value → linear memory) and lifting (export arguments: linear memory → C#
    /// value) of list&lt;u8&gt; and list&lt;u32&gt;, each against its baseline: a plain copy of the same bytes into
    /// or out of the same memory. Strings: <see cref="AbiStringBenchmarks"/>.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class AbiListBenchmarks
    {
        private byte[] _bytes = Array.Empty<byte>();
        private uint[] _words = Array.Empty<uint>();
        private int _address;

        /// <summary>Payload size in bytes.</summary>
        [Params(16, 1024, 65536)]
        public int Size { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            AbiHost.Install();
            var random = new Random(42);
            _bytes = new byte[Size];
            random.NextBytes(_bytes);
            _words = new uint[Size / 4];
            for (int i = 0; i < _words.Length; i++) _words[i] = (uint)random.Next();
            // Every call allocates at this same address (see AbiHost.ResetAllocator).
            _address = AbiHost.Alloc(Size, 8);
            WitMemory.Free(_address);
        }

        // list<u8>

        [Benchmark(Baseline = true), BenchmarkCategory("lower list<u8>")]
        public void LowerBytesMemcpy() => _bytes.AsSpan().CopyTo(WitMemory.Bytes.AsSpan(_address, Size));

        [Benchmark, BenchmarkCategory("lower list<u8>")]
        public void LowerBytes()
        {
            AbiHost.ResetAllocator();
            AbiWorld.SendBytes(_bytes);
        }

        [Benchmark(Baseline = true), BenchmarkCategory("lift list<u8>")]
        public byte[] LiftBytesMemcpy() => WitMemory.Bytes.AsSpan(_address, Size).ToArray();

        [Benchmark, BenchmarkCategory("lift list<u8>")]
        public int LiftBytes() => AbiWorld.CallTakeBytes(AbiHost.Alloc(Size, 1), Size);

        // list<u32>

        [Benchmark(Baseline = true), BenchmarkCategory("lower list<u32>")]
        public void LowerWordsMemcpy() =>
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(_words.AsSpan()).CopyTo(WitMemory.Bytes.AsSpan(_address, Size));

        [Benchmark, BenchmarkCategory("lower list<u32>")]
        public void LowerWords()
        {
            AbiHost.ResetAllocator();
            AbiWorld.SendWords(_words);
        }

        [Benchmark(Baseline = true), BenchmarkCategory("lift list<u32>")]
        public uint[] LiftWordsMemcpy()
        {
            var words = new uint[Size / 4];
            WitMemory.Bytes.AsSpan(_address, Size).CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
            return words;
        }

        [Benchmark, BenchmarkCategory("lift list<u32>")]
        public int LiftWords() => AbiWorld.CallTakeWords(AbiHost.Alloc(Size, 4), Size / 4);
    }

    /// <summary>The utf16 world's own runtime (its own emulated memory, allocator and test host).</summary>
    internal static class Utf16Host
    {
        [UnsafeAccessor(UnsafeAccessorKind.StaticField, Name = "s_next")]
        private static extern ref int NextFree([UnsafeAccessorType("WitTools.Benchmarks.Utf16.WitMemory, WitTools.Benchmarks")] object? type);

        public static void ResetAllocator() => NextFree(null) = 16;

        private static readonly object Zero = 0;

        public static void Install() => Utf16.WitTestHost.Handler = static (_, _, _) => Zero;

        public static int Alloc(int size, int align)
        {
            ResetAllocator();
            return Utf16.WitMemory.Alloc(size, align);
        }
    }

    /// <summary>
    /// Strings, lowered (import argument) and lifted (export argument) by the generated code, against baselines
    /// on the same memory: <c>Encoding.UTF8</c> for UTF-8; for utf16 (the <c>text16</c> world) a copy of the
    /// string's code units (lowering) and <c>new string(span)</c> (lifting), i.e. memcpy. Payloads: Size
    /// characters of ASCII (so Size UTF-8 bytes, 2 × Size UTF-16 bytes), and for UTF-8 lowering also a mixed text
    /// (Latin-1, BMP and non-BMP characters, Size UTF-16 code units), which takes the grow-and-shrink path.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class AbiStringBenchmarks
    {
        private string _text = "";
        private string _mixed = "";
        private byte[] _mixedUtf8 = Array.Empty<byte>();
        private int _address;
        private int _address16;

        /// <summary>Payload size in characters (UTF-16 code units).</summary>
        [Params(16, 1024, 65536)]
        public int Size { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            AbiHost.Install();
            Utf16Host.Install();
            var random = new Random(42);
            var text = new StringBuilder(Size);
            for (int i = 0; i < Size; i++) text.Append((char)('a' + random.Next(26)));
            _text = text.ToString();
            var mixed = new StringBuilder(Size + 1);
            string[] pieces = ["a", "\u00e9", "\u20ac", "\U0001F600", "z"];
            while (mixed.Length < Size) mixed.Append(pieces[random.Next(pieces.Length)]);
            _mixed = mixed.ToString(0, Size - (char.IsHighSurrogate(mixed[Size - 1]) ? 1 : 0));
            _mixedUtf8 = Encoding.UTF8.GetBytes(_mixed);

            // Every call allocates at the same address (see AbiHost.ResetAllocator): the lifting benchmarks find
            // the encoded text there without paying for writing it.
            _address = AbiHost.Alloc(3 * Size, 8);
            Encoding.UTF8.GetBytes(_text, WitMemory.Bytes.AsSpan(_address, Size));
            WitMemory.Free(_address);
            _address16 = Utf16Host.Alloc(2 * Size, 8);
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(_text.AsSpan()).CopyTo(Utf16.WitMemory.Bytes.AsSpan(_address16, 2 * Size));
            Utf16.WitMemory.Free(_address16);
        }

        // utf8, ASCII payload (Size bytes)

        [Benchmark(Baseline = true), BenchmarkCategory("lower string utf8")]
        public int LowerStringUtf8Baseline() => Encoding.UTF8.GetBytes(_text, WitMemory.Bytes.AsSpan(_address, Size));

        [Benchmark, BenchmarkCategory("lower string utf8")]
        public void LowerStringUtf8()
        {
            AbiHost.ResetAllocator();
            AbiWorld.SendText(_text);
        }

        [Benchmark(Baseline = true), BenchmarkCategory("lift string utf8")]
        public string LiftStringUtf8Baseline() => Encoding.UTF8.GetString(WitMemory.Bytes.AsSpan(_address, Size));

        [Benchmark, BenchmarkCategory("lift string utf8")]
        public int LiftStringUtf8() => AbiWorld.CallTakeText(AbiHost.Alloc(Size, 1), Size);

        // utf8, mixed payload (Size code units, more UTF-8 bytes): one grow and one shrink per call

        [Benchmark(Baseline = true), BenchmarkCategory("lower string utf8 mixed")]
        public int LowerMixedStringUtf8Baseline() => Encoding.UTF8.GetBytes(_mixed, WitMemory.Bytes.AsSpan(_address, _mixedUtf8.Length));

        [Benchmark, BenchmarkCategory("lower string utf8 mixed")]
        public void LowerMixedStringUtf8()
        {
            AbiHost.ResetAllocator();
            AbiWorld.SendText(_mixed);
        }

        // utf16, ASCII payload (2 × Size bytes)

        [Benchmark(Baseline = true), BenchmarkCategory("lower string utf16")]
        public void LowerStringUtf16Memcpy() =>
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(_text.AsSpan()).CopyTo(Utf16.WitMemory.Bytes.AsSpan(_address16, 2 * Size));

        [Benchmark, BenchmarkCategory("lower string utf16")]
        public void LowerStringUtf16()
        {
            Utf16Host.ResetAllocator();
            Utf16.Wittools.Bench16.Text16World.SendText16(_text);
        }

        [Benchmark(Baseline = true), BenchmarkCategory("lift string utf16")]
        public string LiftStringUtf16Memcpy() =>
            new(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(Utf16.WitMemory.Bytes.AsSpan(_address16, 2 * Size)));

        [Benchmark, BenchmarkCategory("lift string utf16")]
        public int LiftStringUtf16() => Utf16.Wittools.Bench16.Text16World.CallTakeText16(Utf16Host.Alloc(2 * Size, 2), Size);
    }

    /// <summary>list&lt;record { name: string, id: u32, score: option&lt;f64&gt; }&gt;: no baseline, time and allocation per call.</summary>
    [MemoryDiagnoser]
    public class AbiRecordBenchmarks
    {
        private AbiWorld.Row[] _rows = Array.Empty<AbiWorld.Row>();

        /// <summary>Number of rows (names are 8 ASCII characters; every other score is none).</summary>
        [Params(1, 64, 4096)]
        public int Rows { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            AbiHost.Install();
            _rows = new AbiWorld.Row[Rows];
            for (int i = 0; i < Rows; i++) _rows[i] = new AbiWorld.Row("row-" + i.ToString("x4"), (uint)i, i % 2 == 0 ? i * 0.5 : null);

            // Lay the rows out once as the host would (element block, then each name); every call then
            // allocates the same blocks at the same addresses, so LiftRows measures only the lifting.
            int array = AbiHost.Alloc(Rows * 32, 8);
            for (int i = 0; i < Rows; i++) WitMemory.StoreI32(array + i * 32, WitMemory.Alloc(8, 1));
            for (int i = 0; i < _rows.Length; i++)
            {
                int at = array + i * 32;
                int name = WitMemory.LoadI32(at);
                Encoding.ASCII.GetBytes(_rows[i].Name, WitMemory.Bytes.AsSpan(name, 8));
                WitMemory.StoreI32(at + 4, 8);
                WitMemory.StoreI32(at + 8, (int)_rows[i].Id);
                WitMemory.StoreU8(at + 16, _rows[i].Score is null ? (byte)0 : (byte)1);
                WitMemory.StoreF64(at + 24, _rows[i].Score ?? 0);
            }
            // Lifting frees every block, so the next call can allocate them again.
            if (AbiWorld.CallTakeRows(array, Rows) != Rows) throw new InvalidOperationException("lifted the wrong row count");
        }

        /// <summary>Allocates the element block and the names again (as cabi_realloc would): same addresses, data in place.</summary>
        private int AllocateLayout()
        {
            int array = AbiHost.Alloc(Rows * 32, 8);
            for (int i = 0; i < Rows; i++) WitMemory.Alloc(8, 1);
            return array;
        }

        [Benchmark]
        public void LowerRows()
        {
            AbiHost.ResetAllocator();
            AbiWorld.SendRows(_rows);
        }

        [Benchmark]
        public int LiftRows()
        {
            int array = AllocateLayout();
            return AbiWorld.CallTakeRows(array, Rows);
        }
    }

    /// <summary>
    /// A flat-only signature (u32, u32) -> u32: the generated code allocates nothing. The import's emulated host
    /// thunk (WitTestHost.Call: object[] of boxed arguments, boxed result) does; on wasm32 it is a direct call.
    /// </summary>
    [MemoryDiagnoser]
    public class AbiFlatBenchmarks
    {
        private uint _a = 3, _b = 4;

        [GlobalSetup]
        public void Setup() => AbiHost.Install();

        [Benchmark]
        public int ExportMul() => AbiWorld.CallMul((int)_a, (int)_b);

        [Benchmark]
        public uint ImportAdd() => AbiWorld.Add(_a, _b);
    }
}
