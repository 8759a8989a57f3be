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
    /// value) of list&lt;u8&gt;, list&lt;u32&gt; and string, each against its baseline: a plain copy of the same
    /// bytes into or out of the same memory, and Encoding.UTF8 on the same string.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class AbiListBenchmarks
    {
        private byte[] _bytes = Array.Empty<byte>();
        private uint[] _words = Array.Empty<uint>();
        private string _text = "";
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
            var text = new StringBuilder(Size);
            for (int i = 0; i < Size; i++) text.Append((char)('a' + random.Next(26)));
            _text = text.ToString();
            // Every call allocates at this same address (see AbiHost.ResetAllocator): the lifting benchmarks
            // find valid UTF-8 there without paying for writing it.
            _address = AbiHost.Alloc(Size, 8);
            Encoding.UTF8.GetBytes(_text, WitMemory.Bytes.AsSpan(_address, Size));
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

        // string (ASCII payload, Size UTF-8 bytes)

        [Benchmark(Baseline = true), BenchmarkCategory("lower string")]
        public int LowerTextUtf8() => Encoding.UTF8.GetBytes(_text, WitMemory.Bytes.AsSpan(_address, Size));

        [Benchmark, BenchmarkCategory("lower string")]
        public void LowerText()
        {
            AbiHost.ResetAllocator();
            AbiWorld.SendText(_text);
        }

        [Benchmark(Baseline = true), BenchmarkCategory("lift string")]
        public string LiftTextUtf8() => Encoding.UTF8.GetString(WitMemory.Bytes.AsSpan(_address, Size));

        [Benchmark, BenchmarkCategory("lift string")]
        public int LiftText() => AbiWorld.CallTakeText(AbiHost.Alloc(Size, 1), Size);
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
