using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WitTools.Benchmarks.Async;
using WitTools.Benchmarks.Async.Wittools.BenchAsync;

namespace WitTools.Benchmarks.Async.Wittools.BenchAsync
{
    /// <summary>The exports of wit/async-bench.wit, as a component's author writes them.</summary>
    public static partial class AsyncBenchWorld
    {
        private static partial Pipe.IPipe CreatePipe() => new BenchPipe();

        /// <summary>Where consume-in-place reads (a block of linear memory the benchmark allocates once).</summary>
        internal static int InPlaceBuffer;

        private sealed class BenchPipe : Pipe.IPipe
        {
            private byte[] _buffer = Array.Empty<byte>();

            public async ValueTask<ulong> ConsumeAsync(WitStreamReader<byte> data, uint chunk, CancellationToken cancellationToken)
            {
                if (_buffer.Length != chunk) _buffer = new byte[chunk];
                ulong total = 0;
                using (data)
                {
                    int n;
                    while ((n = await data.ReadAsync(_buffer, cancellationToken)) > 0) total += (ulong)n;
                }
                return total;
            }

            public async ValueTask<ulong> ConsumeInPlaceAsync(WitStreamReader<byte> data, uint chunk, CancellationToken cancellationToken)
            {
                ulong total = 0;
                using (data)
                {
                    int n;
                    while ((n = await data.ReadAsync(new Memory<byte>(WitMemory.Bytes, InPlaceBuffer, (int)chunk), cancellationToken)) > 0) total += (ulong)n;
                }
                return total;
            }

            public async ValueTask<uint> CallManyAsync(uint count, CancellationToken cancellationToken)
            {
                uint sum = 0;
                for (uint i = 0; i < count; i++) sum += await Peer.PingAsync(i, cancellationToken);
                return sum;
            }

            public async ValueTask<uint> CallManyTaskAsync(uint count, CancellationToken cancellationToken)
            {
                uint sum = 0;
                for (uint i = 0; i < count; i++) sum += await Peer.PingAsync(i, cancellationToken).AsTask();
                return sum;
            }

            public ValueTask<uint> CallManySyncAsync(uint count, CancellationToken cancellationToken)
            {
                uint sum = 0;
                for (uint i = 0; i < count; i++) sum += Peer.Add(i, 1);
                return new ValueTask<uint>(sum);
            }
        }

        // The generated export entry points and callbacks are internal; the benchmark's host calls them as a runtime would.
        internal static int CallConsume(int stream, int chunk) => __Export_Pipe_ConsumeAsync(stream, chunk);
        internal static int CallConsumeInPlace(int stream, int chunk) => __Export_Pipe_ConsumeInPlaceAsync(stream, chunk);
        internal static int ConsumeCallback(int code, int index, int payload) => __Export_Pipe_ConsumeAsyncCallback(code, index, payload);
        internal static int ConsumeInPlaceCallback(int code, int index, int payload) => __Export_Pipe_ConsumeInPlaceAsyncCallback(code, index, payload);
        internal static int CallCallMany(int count) => __Export_Pipe_CallManyAsync(count);
        internal static int CallManyCallback(int code, int index, int payload) => __Export_Pipe_CallManyAsyncCallback(code, index, payload);
        internal static int CallCallManyTask(int count) => __Export_Pipe_CallManyTaskAsync(count);
        internal static int CallManyTaskCallback(int code, int index, int payload) => __Export_Pipe_CallManyTaskAsyncCallback(code, index, payload);
        internal static int CallCallManySync(int count) => __Export_Pipe_CallManySyncAsync(count);
        internal static int CallManySyncCallback(int code, int index, int payload) => __Export_Pipe_CallManySyncAsyncCallback(code, index, payload);
    }
}

namespace WitTools.Benchmarks
{
    /// <summary>
    /// The host side of the canonical built-ins for one async export call at a time, as lean as a runtime's: one task, one
    /// waitable set, one stream (the host writes it from <see cref="Source"/>) and one subtask. With <see cref="Ready"/> a
    /// read or an import call completes at once (the data or the answer is there); without, it blocks and the host
    /// completes it with an event through the export's callback, the path of a real wait.
    /// </summary>
    internal static class AsyncHost
    {
        private const int StreamHandle = 3, SubtaskHandle = 5, Set = 1;
        private const int Exit = 0, Wait = 2, EventSubtask = 1, EventStreamRead = 2, Returned = 2, Started = 1, Completed = 0, Dropped = 1, Blocked = -1;

        [UnsafeAccessor(UnsafeAccessorKind.StaticField, Name = "s_next")]
        private static extern ref int NextFree([UnsafeAccessorType("WitTools.Benchmarks.Async.WitMemory, WitTools.Benchmarks")] object? type);

        private static int s_context, s_mark, s_position, s_end, s_readBuffer, s_readCount, s_resultArea;
        private static uint s_pingArgument;
        private static bool s_readPending, s_callPending;
        private static long s_result;

        public static bool Ready;
        public static byte[] Source = Array.Empty<byte>();

        /// <summary>Installs the host (once per process): the in-place buffer (64 KiB) is the only block that stays allocated.</summary>
        public static void Install()
        {
            WitTestHost.Handler = Handle;
            if (AsyncBenchWorld.InPlaceBuffer != 0) return;
            AsyncBenchWorld.InPlaceBuffer = WitMemory.Alloc(65536, 8);
            while (WitMemory.Bytes.Length < AsyncBenchWorld.InPlaceBuffer + (4 << 20)) Array.Resize(ref WitMemory.Bytes, WitMemory.Bytes.Length * 2);
            s_mark = NextFree(null);
        }

        /// <summary>Every block a call allocated is free after it (checked): later calls allocate at the same addresses.</summary>
        private static void ResetAllocator()
        {
            if (WitMemory.Live.Count != 1) throw new InvalidOperationException(WitMemory.Live.Count - 1 + " blocks leaked by the call");
            NextFree(null) = s_mark;
        }

        /// <summary>Calls a consume export with the stream of bytes [offset, offset + length) of <see cref="Source"/>.</summary>
        public static long Consume(Func<int, int, int> export, Func<int, int, int, int> callback, int chunk, int length)
        {
            s_position = 0;
            s_end = length;
            int code = export(StreamHandle, chunk);
            while (code != Exit)
            {
                if ((code & 0xF) != Wait || !s_readPending) throw new InvalidOperationException("unexpected callback code " + code);
                s_readPending = false;
                code = callback(EventStreamRead, StreamHandle, Copy(s_readBuffer, s_readCount));
            }
            ResetAllocator();
            return s_result;
        }

        /// <summary>Calls call-many or call-many-sync.</summary>
        public static long CallMany(Func<int, int> export, Func<int, int, int, int> callback, int count)
        {
            int code = export(count);
            while (code != Exit)
            {
                if ((code & 0xF) != Wait || !s_callPending) throw new InvalidOperationException("unexpected callback code " + code);
                s_callPending = false;
                BinaryPrimitives.WriteUInt32LittleEndian(WitMemory.Bytes.AsSpan(s_resultArea), s_pingArgument + 1);
                code = callback(EventSubtask, SubtaskHandle, Returned);
            }
            ResetAllocator();
            return s_result;
        }

        /// <summary>The stream copy of the canonical ABI: up to <paramref name="count"/> bytes into the reader's buffer.</summary>
        private static int Copy(int buffer, int count)
        {
            int n = Math.Min(count, s_end - s_position);
            if (n == 0) return Dropped;
            Source.AsSpan(s_position, n).CopyTo(WitMemory.Bytes.AsSpan(buffer, n));
            s_position += n;
            return (n << 4) | Completed;
        }

        private static object? Handle(string module, string name, object[] a)
        {
            switch (name)
            {
                case "[context-get-0]": return s_context;
                case "[context-set-0]": s_context = (int)a[0]; return null;
                case "[waitable-set-new]": return Set;
                case "[waitable-set-drop]":
                case "[waitable-join]":
                case "[subtask-drop]":
                    return null;
                case "[async-lower][stream-read-0]consume":
                    if (Ready) return Copy((int)a[1], (int)a[2]);
                    s_readBuffer = (int)a[1];
                    s_readCount = (int)a[2];
                    s_readPending = true;
                    return Blocked;
                case "[stream-drop-readable-0]consume": return null;
                case "[async-lower]ping":
                    if (Ready)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(WitMemory.Bytes.AsSpan((int)a[1]), (uint)(int)a[0] + 1);
                        return Returned;
                    }
                    s_pingArgument = (uint)(int)a[0];
                    s_resultArea = (int)a[1];
                    s_callPending = true;
                    return Started | (SubtaskHandle << 4);
                case "add": return (int)a[0] + (int)a[1];
                default:
                    if (name.StartsWith("[task-return]", StringComparison.Ordinal))
                    {
                        s_result = Convert.ToInt64(a[0]);
                        return null;
                    }
                    throw new InvalidOperationException("the benchmark host has no " + module + " " + name);
            }
        }
    }

    /// <summary>
    /// stream&lt;u8&gt; throughput through the generated bindings: an async export reads 1 MiB in reads of <see cref="Chunk"/>
    /// bytes, against its baseline, the copies of the same bytes into the same emulated memory the canonical ABI makes (one
    /// per read). In place: the reader's buffer is in linear memory, as every buffer is in wasm32 (the host copies into it
    /// directly); into byte[]: the emulated build's extra copy out of a scratch block. Ready: each read completes at once;
    /// blocked: each read waits and completes by an event through the export's callback.
    /// </summary>
    [MemoryDiagnoser]
    public class AsyncStreamBenchmarks
    {
        private const int Total = 1 << 20;

        [Params(4096, 65536)]
        public int Chunk { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            AsyncHost.Source = new byte[Total];
            new Random(42).NextBytes(AsyncHost.Source);
            AsyncHost.Install();
            // each way must deliver every byte
            foreach (bool ready in new[] { true, false })
            {
                AsyncHost.Ready = ready;
                if (InPlace() != Total || IntoArray() != Total) throw new InvalidOperationException("a stream did not deliver every byte");
            }
            if (!WitMemory.Bytes.AsSpan(AsyncBenchWorld.InPlaceBuffer, Chunk).SequenceEqual(AsyncHost.Source.AsSpan(Total - Chunk, Chunk)))
                throw new InvalidOperationException("the last read did not land in place");
        }

        [Benchmark(Baseline = true)]
        public long Memcpy()
        {
            var memory = WitMemory.Bytes.AsSpan(AsyncBenchWorld.InPlaceBuffer, Chunk);
            for (int offset = 0; offset < Total; offset += Chunk) AsyncHost.Source.AsSpan(offset, Chunk).CopyTo(memory);
            return Total;
        }

        private long InPlace() => AsyncHost.Consume(AsyncBenchWorld.CallConsumeInPlace, AsyncBenchWorld.ConsumeInPlaceCallback, Chunk, Total);

        private long IntoArray() => AsyncHost.Consume(AsyncBenchWorld.CallConsume, AsyncBenchWorld.ConsumeCallback, Chunk, Total);

        [Benchmark]
        public long InPlaceBlocked()
        {
            AsyncHost.Ready = false;
            return InPlace();
        }

        [Benchmark]
        public long InPlaceReady()
        {
            AsyncHost.Ready = true;
            return InPlace();
        }

        [Benchmark]
        public long IntoArrayBlocked()
        {
            AsyncHost.Ready = false;
            return IntoArray();
        }
    }

    /// <summary>
    /// The fixed cost of one async import call made by the generated bindings (a u32 argument, a u32 result through the
    /// out-pointer), per call, inside an async export that makes 100 of them one after the other: answered at once
    /// (<c>RETURNED</c>), or after blocking (<c>STARTED</c>, then a subtask event through the callback and
    /// <c>subtask.drop</c>). Baseline: the same call as a sync import. AsTask: the same calls awaited through
    /// <c>ValueTask.AsTask()</c>, the least a Task-returning binding would add (a Task object per call).
    /// </summary>
    [MemoryDiagnoser]
    public class AsyncImportBenchmarks
    {
        private const int Calls = 100;

        [GlobalSetup]
        public void Setup()
        {
            AsyncHost.Install();
            foreach (bool ready in new[] { true, false })
            {
                AsyncHost.Ready = ready;
                if (AsyncImport() != Calls * (Calls + 1) / 2 || AsTask() != Calls * (Calls + 1) / 2) throw new InvalidOperationException("wrong sum of the async calls");
            }
            if (SyncImport() != Calls * (Calls + 1) / 2) throw new InvalidOperationException("wrong sum of the sync calls");
        }

        private static long AsyncImport() => AsyncHost.CallMany(AsyncBenchWorld.CallCallMany, AsyncBenchWorld.CallManyCallback, Calls);

        private static long AsTask() => AsyncHost.CallMany(AsyncBenchWorld.CallCallManyTask, AsyncBenchWorld.CallManyTaskCallback, Calls);

        [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
        public long SyncImport() => AsyncHost.CallMany(AsyncBenchWorld.CallCallManySync, AsyncBenchWorld.CallManySyncCallback, Calls);

        [Benchmark(OperationsPerInvoke = Calls)]
        public long AsyncImportReturnsAtOnce()
        {
            AsyncHost.Ready = true;
            return AsyncImport();
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public long AsyncImportBlocks()
        {
            AsyncHost.Ready = false;
            return AsyncImport();
        }

        // The same calls awaited as Task (ValueTask.AsTask): what bindings returning Task would add to each call.

        [Benchmark(OperationsPerInvoke = Calls)]
        public long AsTaskReturnsAtOnce()
        {
            AsyncHost.Ready = true;
            return AsTask();
        }

        [Benchmark(OperationsPerInvoke = Calls)]
        public long AsTaskBlocks()
        {
            AsyncHost.Ready = false;
            return AsTask();
        }
    }
}
