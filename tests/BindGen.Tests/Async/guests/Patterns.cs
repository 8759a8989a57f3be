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
    }
}
