// The `client` instance of the async scenarios: calls the guest under test's `api` and reports what it saw.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Wit.Wittools.Scenarios
{
    public static partial class ClientWorld
    {
        private static partial IExports CreateExports() => new ClientRun();
    }

    internal sealed class ClientRun : ClientWorld.IExports
    {
        public async ValueTask<string> RunAsync(string scenario, CancellationToken cancellationToken)
        {
            switch (scenario)
            {
                case "add": return (await Api.AddAsync(2, 3)).ToString();
                case "fetch-twice": return (await Api.FetchTwiceAsync(4)).ToString();
                case "concurrent": return string.Join(",", await Api.ConcurrentAsync(6));
                case "future-string": return await await Api.FutureStringAsync("hello wörld");
                case "future-u32": return (await await Api.FutureU32Async(7)).ToString();
                case "read-future":
                {
                    var (reader, writer) = WitFuture.Create<uint>();
                    var call = Api.ReadFutureAsync(reader);
                    await WitTask.YieldAsync();
                    bool delivered = await writer.WriteAsync(42);
                    return delivered + " " + await call;
                }
                case "consume":
                {
                    // the service reads with a 300-byte buffer while we write 1000 bytes at a time: partial writes
                    var (reader, writer) = WitStream.Create<byte>();
                    var call = Api.ConsumeAsync(reader, 300);
                    ulong sent = await Patterns.WriteAsync(writer, 20_000, 1000);
                    var (count, checksum) = await call;
                    return sent + " " + count + " " + checksum;
                }
                case "in-place":
                {
                    // both sides use buffers in linear memory: the host copies between them directly, as in wasm32
                    var (reader, writer) = WitStream.Create<byte>();
                    var call = Api.ConsumeInPlaceAsync(reader, 300);
                    var (sent, writerBlocks) = await Patterns.WriteInPlaceAsync(writer, 20_000, 1000);
                    var (count, checksum, readerBlocks) = await call;
                    return sent + " " + count + " " + checksum + " " + writerBlocks + " " + readerBlocks;
                }
                case "relay": return Format(await Api.RelayAsync(300_000, 4096, 1000));
                case "relay-10mb": return Format(await Api.RelayAsync(10 << 20, 65536, 65536));
                case "relay-small": return Format(await Api.RelayAsync(50_000, 700, 4096));
                case "pipe-to-sink": return Format(await Api.PipeToSinkAsync(100_000, 3000));
                case "rows":
                {
                    using var rows = await Api.RowsAsync(11);
                    var buffer = new Api.Row[4];
                    var text = new StringBuilder();
                    while (true)
                    {
                        int n = await rows.ReadAsync(buffer);
                        if (n == 0) break;
                        text.Append(n).Append(':');
                        for (int i = 0; i < n; i++) text.Append(buffer[i].Id).Append('=').Append(buffer[i].Name).Append('/').Append(buffer[i].Score).Append(' ');
                    }
                    return text.ToString().TrimEnd();
                }
                case "drop-rows-early":
                {
                    // the service writes all rows in one write; we take 2 and drop our end: its write ends short
                    var rows = await Api.RowsAsync(9);
                    var buffer = new Api.Row[2];
                    int n = await rows.ReadAsync(buffer);
                    rows.Dispose();
                    await WitTask.YieldAsync();
                    return "took " + n;
                }
                case "forward-rows": return (await Api.ForwardRowsAsync(23)).ToString();
                case "cancel-import": return await Api.CancelImportAsync();
                case "cancel-export":
                {
                    using var cancellation = new CancellationTokenSource();
                    var call = Api.SlowAsync(1000, cancellation.Token);
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
                case "drop-reader-early": return await Api.DropReaderEarlyAsync(1_000_000);
                case "drop-writer-early":
                {
                    // we end the stream after 500 of the bytes: the service reads 500, then the end
                    var (reader, writer) = WitStream.Create<byte>();
                    var call = Api.ConsumeAsync(reader, 64);
                    await Patterns.WriteAsync(writer, 500, 200);
                    return Format(await call);
                }
                case "error-roundtrip": return await Api.ErrorRoundtripAsync("disk on fire");
                case "counters": return (await Api.CountersAsync(10, 20)).ToString();
                case "json":
                {
                    var (reader, writer) = WitStream.Create<byte>();
                    var call = Api.SumJsonAsync(reader);
                    var values = new System.Collections.Generic.Dictionary<string, int>();
                    for (int i = 0; i < 200; i++) values["key" + i] = i;
                    await using (var stream = writer.AsStream()) await System.Text.Json.JsonSerializer.SerializeAsync(stream, values);
                    return await call;
                }
                case "lines":
                {
                    var (reader, writer) = WitStream.Create<byte>();
                    var call = Api.CountLinesAsync(reader);
                    await using (var stream = writer.AsStream())
                    await using (var text = new System.IO.StreamWriter(stream))
                    {
                        for (int i = 0; i < 1000; i++) await text.WriteLineAsync("line " + i);
                    }
                    return (await call).ToString();
                }
                default:
                    if (scenario.StartsWith("misuse:", StringComparison.Ordinal)) return await Api.MisuseAsync(scenario.Substring("misuse:".Length));
                    throw new ArgumentException("unknown scenario " + scenario);
            }
        }

        private static string Format((ulong Count, ulong Checksum) result) => result.Count + " " + result.Checksum;
    }
}
