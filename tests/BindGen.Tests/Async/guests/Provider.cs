// The `provider` instance of the async scenarios: implements `backend`, which the guest under test imports.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Wit.Wittools.Scenarios
{
    public static partial class ProviderWorld
    {
        private static partial Backend.IBackend CreateBackend() => new ProviderBackend();
    }

    internal sealed class ProviderBackend : Backend.IBackend
    {
        public async ValueTask<uint> GetValueAsync(uint x, uint delay, CancellationToken cancellationToken)
        {
            for (uint i = 0; i < delay; i++) await WitTask.YieldAsync();
            return x * 10;
        }

        public async ValueTask<string> EchoAsync(string s, CancellationToken cancellationToken)
        {
            await WitTask.YieldAsync();
            return s;
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

        public ValueTask<WitStreamReader<byte>> SourceAsync(ulong size, uint chunk, CancellationToken cancellationToken)
        {
            var (reader, writer) = WitStream.Create<byte>();
            _ = Patterns.WriteAsync(writer, size, chunk); // goes on after the result is returned
            return new ValueTask<WitStreamReader<byte>>(reader);
        }

        public async ValueTask<(ulong, ulong)> SinkAsync(WitStreamReader<byte> data, uint chunk, CancellationToken cancellationToken)
        {
            using (data) return await Patterns.ReadAsync(data, (int)chunk);
        }

        public ValueTask<WitStreamReader<Backend.Row>> RowsAsync(uint count, CancellationToken cancellationToken)
        {
            var (reader, writer) = WitStream.Create<Backend.Row>();
            _ = WriteRows(writer, count);
            return new ValueTask<WitStreamReader<Backend.Row>>(reader);
        }

        private static async Task WriteRows(WitStreamWriter<Backend.Row> writer, uint count)
        {
            using (writer)
            {
                for (uint i = 0; i < count; i += 5)
                {
                    var batch = new Backend.Row[Math.Min(5, count - i)];
                    for (int k = 0; k < batch.Length; k++) batch[k] = new Backend.Row(i + (uint)k, "row " + (i + k) + (k % 2 == 0 ? " é" : ""), (i + k) * 0.5);
                    if (await writer.WriteAsync(batch) < batch.Length) return;
                }
            }
        }

        public ValueTask<WitFutureReader<uint>> NumberLaterAsync(uint x, CancellationToken cancellationToken)
        {
            var (reader, writer) = WitFuture.Create<uint>();
            _ = WriteLater(writer, x);
            return new ValueTask<WitFutureReader<uint>>(reader);
        }

        private static async Task WriteLater(WitFutureWriter<uint> writer, uint x)
        {
            await WitTask.YieldAsync();
            await writer.WriteAsync(x * 2);
        }

        public WitErrorContext MakeError(string message) => WitErrorContext.Create(message);

        public string ReadError(WitErrorContext e)
        {
            using (e) return "[" + e.DebugMessage + "]"; // a received error-context is ours to dispose
        }

        public Backend.Counter CreateCounter(uint start) => new ProviderCounter(start);

        public async ValueTask<uint> CounterTotalAsync(Backend.Counter a, Backend.Counter b, CancellationToken cancellationToken)
        {
            await WitTask.YieldAsync();
            return a.Value() + b.Value();
        }
    }

    internal sealed class ProviderCounter : Backend.Counter
    {
        private uint _value;

        public ProviderCounter(uint start) => _value = start;

        public override async ValueTask<uint> AddAsync(uint n, CancellationToken cancellationToken)
        {
            await WitTask.YieldAsync();
            return _value += n;
        }

        public override uint Value() => _value;
    }
}
