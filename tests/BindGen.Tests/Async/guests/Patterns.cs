// Shared by the instances of the async scenarios: the byte pattern streams carry and how it is checked.
using System;
using System.Threading.Tasks;

namespace Wit.Wittools.Scenarios
{
    internal static class Patterns
    {
        /// <summary>Writes `size` bytes (byte i = i % 251) in writes of `chunk` bytes; stops when the reader is gone; ends the stream.</summary>
        public static async Task<ulong> WriteAsync(WitStreamWriter<byte> writer, ulong size, uint chunk)
        {
            var buffer = new byte[chunk];
            ulong sent = 0;
            using (writer)
            {
                while (sent < size)
                {
                    int n = (int)Math.Min(chunk, size - sent);
                    for (int i = 0; i < n; i++) buffer[i] = (byte)((sent + (ulong)i) % 251);
                    int written = await writer.WriteAsync(buffer.AsMemory(0, n));
                    sent += (ulong)written;
                    if (written < n) break;
                }
            }
            return sent;
        }

        /// <summary>Reads to the end with a buffer of `chunk` bytes: the count and a checksum (0 when the bytes break the pattern).</summary>
        public static async Task<(ulong, ulong)> ReadAsync(WitStreamReader<byte> reader, int chunk)
        {
            var buffer = new byte[chunk];
            ulong count = 0, checksum = 0;
            bool intact = true;
            while (true)
            {
                int n = await reader.ReadAsync(buffer);
                if (n == 0) break;
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] != (byte)((count + (ulong)i) % 251)) intact = false;
                    checksum = checksum * 31 + buffer[i];
                }
                count += (ulong)n;
            }
            return (count, intact ? checksum : 0);
        }

        /// <summary>A buffer carved out of this instance's (emulated) linear memory: reads and writes use it in place, as every
        /// buffer is used in wasm32, so the runtime allocates no scratch block for them.</summary>
        private static Memory<byte> InLinearMemory(int address, int length) => new(WitMemory.Bytes, address, length);

        private static void Fill(Span<byte> buffer, ulong offset)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)((offset + (ulong)i) % 251);
        }

        private static bool Check(ReadOnlySpan<byte> read, ulong offset, ref ulong checksum)
        {
            bool intact = true;
            for (int i = 0; i < read.Length; i++)
            {
                if (read[i] != (byte)((offset + (ulong)i) % 251)) intact = false;
                checksum = checksum * 31 + read[i];
            }
            return intact;
        }

        /// <summary><see cref="WriteAsync"/> from a buffer in linear memory: bytes sent, and the most blocks the runtime held beside it.</summary>
        public static async Task<(ulong, int)> WriteInPlaceAsync(WitStreamWriter<byte> writer, ulong size, uint chunk)
        {
            int address = WitMemory.Alloc((int)chunk, 1);
            int before = WitMemory.Live.Count, extra = 0;
            ulong sent = 0;
            using (writer)
            {
                while (sent < size)
                {
                    int n = (int)Math.Min(chunk, size - sent);
                    var buffer = InLinearMemory(address, n);
                    Fill(buffer.Span, sent);
                    int written = await writer.WriteAsync(buffer);
                    extra = Math.Max(extra, WitMemory.Live.Count - before);
                    sent += (ulong)written;
                    if (written < n) break;
                }
            }
            WitMemory.Free(address);
            return (sent, extra);
        }

        /// <summary><see cref="ReadAsync"/> into a buffer in linear memory: count, checksum, and the most blocks the runtime held beside it.</summary>
        public static async Task<(ulong, ulong, int)> ReadInPlaceAsync(WitStreamReader<byte> reader, int chunk)
        {
            int address = WitMemory.Alloc(chunk, 1);
            int before = WitMemory.Live.Count, extra = 0;
            ulong count = 0, checksum = 0;
            bool intact = true;
            while (true)
            {
                var buffer = InLinearMemory(address, chunk);
                int n = await reader.ReadAsync(buffer);
                extra = Math.Max(extra, WitMemory.Live.Count - before);
                if (n == 0) break;
                intact &= Check(buffer.Span.Slice(0, n), count, ref checksum);
                count += (ulong)n;
            }
            WitMemory.Free(address);
            return (count, intact ? checksum : 0, extra);
        }
    }
}
