// The guest under test of the async scenarios (`service`): implements `api` on top of `backend`.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Wit.Wittools.Scenarios
{
    public static partial class ServiceWorld
    {
        private static partial Api.IApi CreateApi() => new ServiceApi();
    }

    internal sealed class ServiceApi : Api.IApi
    {
        public async ValueTask<uint> AddAsync(uint a, uint b, CancellationToken cancellationToken)
        {
            await WitTask.YieldAsync();
            return a + b;
        }

        public async ValueTask<uint> FetchTwiceAsync(uint x, CancellationToken cancellationToken)
        {
            uint first = await Backend.GetValueAsync(x, 2);
            uint second = await Backend.GetValueAsync(x + 1, 0);
            return first + second;
        }

        public async ValueTask<uint[]> ConcurrentAsync(uint n, CancellationToken cancellationToken)
        {
            var order = new List<uint>();
            var calls = new List<Task>();
            for (uint i = 0; i < n; i++) calls.Add(Track(i));
            await Task.WhenAll(calls);
            return order.ToArray();

            async Task Track(uint i) => order.Add(await Backend.GetValueAsync(i, (n - i) % 3));
        }

        public ValueTask<WitFutureReader<string>> FutureStringAsync(string s, CancellationToken cancellationToken)
        {
            var (reader, writer) = WitFuture.Create<string>();
            _ = WriteLater(writer, s + "!");
            return new ValueTask<WitFutureReader<string>>(reader);
        }

        private static async Task WriteLater<T>(WitFutureWriter<T> writer, T value)
        {
            await WitTask.YieldAsync();
            await writer.WriteAsync(value);
        }

        public async ValueTask<WitFutureReader<uint>> FutureU32Async(uint x, CancellationToken cancellationToken)
        {
            var later = await Backend.NumberLaterAsync(x);
            uint value = await later;
            var (reader, writer) = WitFuture.Create<uint>();
            _ = WriteLater(writer, value + 1);
            return reader;
        }

        public async ValueTask<uint> ReadFutureAsync(WitFutureReader<uint> f, CancellationToken cancellationToken) => await f;

        public async ValueTask<(ulong, ulong)> ConsumeAsync(WitStreamReader<byte> data, uint chunk, CancellationToken cancellationToken)
        {
            using (data) return await Patterns.ReadAsync(data, (int)chunk);
        }

        public async ValueTask<(ulong, ulong, uint)> ConsumeInPlaceAsync(WitStreamReader<byte> data, uint chunk, CancellationToken cancellationToken)
        {
            using (data)
            {
                var (count, checksum, extra) = await Patterns.ReadInPlaceAsync(data, (int)chunk);
                return (count, checksum, (uint)extra);
            }
        }

        public async ValueTask<(ulong, ulong)> RelayAsync(ulong size, uint chunk, uint buffer, CancellationToken cancellationToken)
        {
            using var source = await Backend.SourceAsync(size, chunk);
            return await Patterns.ReadAsync(source, (int)buffer);
        }

        public async ValueTask<(ulong, ulong)> PipeToSinkAsync(ulong size, uint chunk, CancellationToken cancellationToken)
        {
            var (reader, writer) = WitStream.Create<byte>();
            var sink = Backend.SinkAsync(reader, chunk / 3 + 1);
            await Patterns.WriteAsync(writer, size, chunk);
            return await sink;
        }

        public ValueTask<WitStreamReader<Api.Row>> RowsAsync(uint count, CancellationToken cancellationToken)
        {
            var (reader, writer) = WitStream.Create<Api.Row>();
            _ = WriteRows(writer, count);
            return new ValueTask<WitStreamReader<Api.Row>>(reader);
        }

        private static async Task WriteRows(WitStreamWriter<Api.Row> writer, uint count)
        {
            using (writer)
            {
                var rows = new Api.Row[count];
                for (uint i = 0; i < count; i++) rows[i] = new Api.Row(i, "r" + i + new string('x', (int)(i % 4)), i / 4.0);
                int written = await writer.WriteAsync(rows);
                if (written < rows.Length) throw new InvalidOperationException("the reader stopped after " + written + " rows");
            }
        }

        public async ValueTask<uint> ForwardRowsAsync(uint count, CancellationToken cancellationToken)
        {
            using var rows = await Backend.RowsAsync(count);
            var buffer = new Backend.Row[3];
            uint sum = 0, seen = 0;
            while (true)
            {
                int n = await rows.ReadAsync(buffer);
                if (n == 0) break;
                for (int i = 0; i < n; i++)
                {
                    var row = buffer[i];
                    if (row.Id != seen || !row.Name.StartsWith("row " + seen, StringComparison.Ordinal) || row.Score != seen * 0.5)
                        throw new InvalidOperationException("unexpected row " + row);
                    sum += row.Id;
                    seen++;
                }
            }
            return sum * 1000 + seen;
        }

        public async ValueTask<string> CancelImportAsync(CancellationToken cancellationToken)
        {
            using var cancellation = new CancellationTokenSource();
            var call = Backend.SlowAsync(1000, cancellation.Token);
            await WitTask.YieldAsync();
            await WitTask.YieldAsync();
            cancellation.Cancel();
            try
            {
                return "completed " + await call;
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        }

        public async ValueTask<uint> SlowAsync(uint ticks, CancellationToken cancellationToken)
        {
            for (uint i = 0; i < ticks; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WitTask.YieldAsync();
            }
            return ticks;
        }

        public async ValueTask<string> DropReaderEarlyAsync(ulong size, CancellationToken cancellationToken)
        {
            var source = await Backend.SourceAsync(size, 1000);
            var buffer = new byte[300];
            int n = await source.ReadAsync(buffer);
            source.Dispose();
            return "read " + n + " of " + size;
        }

        public ValueTask<string> ErrorRoundtripAsync(string message, CancellationToken cancellationToken)
        {
            using var error = Backend.MakeError(message);
            string local = error.DebugMessage;
            string remote = Backend.ReadError(error);
            using var mine = WitErrorContext.Create("service: " + message);
            return new ValueTask<string>(local + "|" + remote + "|" + Backend.ReadError(mine));
        }

        public async ValueTask<uint> CountersAsync(uint a, uint b, CancellationToken cancellationToken)
        {
            using var first = new Backend.Counter(a);
            using var second = new Backend.Counter(b);
            await first.AddAsync(1);
            await second.AddAsync(2);
            uint total = await Backend.Counter.TotalAsync(first, second);
            return total * 1000 + first.Value();
        }

        public async ValueTask<string> SumJsonAsync(WitStreamReader<byte> data, CancellationToken cancellationToken)
        {
            await using var stream = data.AsStream();
            var values = await System.Text.Json.JsonSerializer.DeserializeAsync<Dictionary<string, int>>(stream);
            int sum = 0;
            foreach (var v in values!.Values) sum += v;
            return values.Count + " keys, sum " + sum;
        }

        public async ValueTask<uint> CountLinesAsync(WitStreamReader<byte> data, CancellationToken cancellationToken)
        {
            var pipe = System.IO.Pipelines.PipeReader.Create(data.AsStream());
            uint lines = 0;
            while (true)
            {
                var read = await pipe.ReadAsync();
                lines += Newlines(read.Buffer);
                pipe.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
            }
            await pipe.CompleteAsync();
            return lines;
        }

        private static uint Newlines(System.Buffers.ReadOnlySequence<byte> buffer)
        {
            uint lines = 0;
            foreach (var segment in buffer)
            {
                var span = segment.Span;
                for (int i = 0; i < span.Length; i++)
                    if (span[i] == (byte)'\n') lines++;
            }
            return lines;
        }

        public async ValueTask<string> MisuseAsync(string kind, CancellationToken cancellationToken)
        {
            switch (kind)
            {
                case "write-after-drop":
                {
                    // the writable end is gone: writing through its old handle is a trap
                    var (reader, writer) = WitStream.Create<byte>();
                    int handle = writer.Handle;
                    writer.Dispose();
                    reader.Dispose();
                    ServiceWorld.Abi.StreamU8.Instance.Write(handle, 16, 0);
                    return "no trap";
                }
                case "read-future-twice":
                {
                    var later = await Backend.NumberLaterAsync(3);
                    int handle = later.Handle;
                    uint value = await later;
                    // the bindings dropped the end once its value arrived: a second read is a trap
                    ServiceWorld.Abi.FutureU32.Instance.Read(handle, WitMemory.Alloc(4, 4));
                    return "no trap " + value;
                }
                case "read-future-twice-api":
                {
                    var later = await Backend.NumberLaterAsync(4);
                    uint value = await later;
                    try
                    {
                        await later.ReadAsync();
                        return "no exception";
                    }
                    catch (InvalidOperationException e)
                    {
                        return value + ": " + e.Message;
                    }
                }
                case "unlowerable-future-value":
                {
                    // a value that cannot be lowered throws from WriteAsync and leaves the writer as it was
                    var (reader, writer) = WitFuture.Create<string>();
                    string first;
                    try
                    {
                        await writer.WriteAsync("broken \uD800");
                        first = "no exception";
                    }
                    catch (ArgumentException)
                    {
                        first = "ArgumentException";
                    }
                    // (a non-numeric future cannot be read in the instance that writes it: the reader goes away instead)
                    reader.Dispose();
                    return first + ", then delivered: " + await writer.WriteAsync("whole");
                }
                case "drop-unwritten-future":
                {
                    var (reader, writer) = WitFuture.Create<uint>();
                    reader.Dispose();
                    writer.Dispose(); // never written: future.drop-writable traps
                    return "no trap";
                }
                default:
                    throw new ArgumentException("unknown misuse " + kind);
            }
        }
    }
}
