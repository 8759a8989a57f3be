using System;
using System.Buffers;
using System.Buffers.Text;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace WitTools.LanguageServer.Rpc;

/// <summary>What the reader found: a message body, a header block it had to skip, or the end of the input.</summary>
internal readonly record struct FramedMessage(byte[]? Body, string? Problem)
{
    public static FramedMessage End => default;
    public bool IsEnd => Body == null && Problem == null;
}

/// <summary>
/// Reads LSP's base protocol: header lines (<c>Name: value\r\n</c>), an empty line, then exactly
/// <c>Content-Length</c> bytes of body. A malformed header block (no usable Content-Length, a line or a body
/// over the limits) is skipped and reported, and reading goes on with the next header block, so that no byte
/// sequence from a client ends the server; only the end of the input does.
/// </summary>
internal sealed class MessageReader
{
    /// <summary>Largest accepted header line; longer lines are cut and the block reported.</summary>
    public const int MaxHeaderLine = 8 * 1024;

    /// <summary>Largest accepted body (a whole-document change of a very large file still fits).</summary>
    public const int MaxBody = 256 * 1024 * 1024;

    private readonly Stream _input;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public MessageReader(Stream input) => _input = input;

    public async ValueTask<FramedMessage> ReadAsync(CancellationToken cancellation)
    {
        long contentLength = -1;
        string? problem = null;
        bool anyHeader = false;
        while (true)
        {
            var line = await ReadHeaderLineAsync(cancellation).ConfigureAwait(false);
            if (line.Text == null) return anyHeader ? new FramedMessage(null, "the input ended inside a header block") : FramedMessage.End;
            if (line.TooLong) problem ??= "a header line longer than " + MaxHeaderLine + " bytes";
            if (line.Text.Length == 0)
            {
                if (!anyHeader) continue; // blank lines between messages are tolerated
                break;
            }
            anyHeader = true;
            int colon = line.Text.IndexOf(':');
            if (colon <= 0)
            {
                problem ??= "a header line without 'name: value'";
                continue;
            }
            var name = line.Text.AsSpan(0, colon).Trim();
            var value = line.Text.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long length))
                {
                    contentLength = length;
                }
                else
                {
                    problem ??= "a Content-Length that is not a number";
                }
            }
            // Content-Type (and any other header) is accepted and ignored: the body is UTF-8 JSON.
        }
        if (contentLength < 0) return new FramedMessage(null, problem ?? "a header block without Content-Length");
        if (contentLength > MaxBody)
        {
            await SkipAsync(contentLength, cancellation).ConfigureAwait(false);
            return new FramedMessage(null, "a message of " + contentLength + " bytes (the limit is " + MaxBody + ")");
        }
        var body = new byte[contentLength];
        int read = await ReadExactlyAsync(body, cancellation).ConfigureAwait(false);
        if (read < body.Length) return new FramedMessage(null, "the input ended inside a message body");
        return new FramedMessage(body, problem);
    }

    private readonly record struct HeaderLine(string? Text, bool TooLong);

    private async ValueTask<HeaderLine> ReadHeaderLineAsync(CancellationToken cancellation)
    {
        var line = new ArrayBufferWriter<byte>(64);
        bool tooLong = false;
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellation).ConfigureAwait(false))
            {
                return line.WrittenCount == 0 && !tooLong ? new HeaderLine(null, false) : new HeaderLine(Decode(line), tooLong);
            }
            var available = _buffer.AsSpan(_start, _end - _start);
            int newline = available.IndexOf((byte)'\n');
            var part = newline < 0 ? available : available.Slice(0, newline);
            if (line.WrittenCount + part.Length <= MaxHeaderLine) line.Write(part);
            else tooLong = true;
            if (newline < 0)
            {
                _start = _end;
                continue;
            }
            _start += newline + 1;
            return new HeaderLine(Decode(line), tooLong);
        }

        static string Decode(ArrayBufferWriter<byte> bytes)
        {
            var span = bytes.WrittenSpan;
            if (span.Length > 0 && span[^1] == (byte)'\r') span = span[..^1];
            return System.Text.Encoding.ASCII.GetString(span);
        }
    }

    private async ValueTask<int> ReadExactlyAsync(byte[] target, CancellationToken cancellation)
    {
        int filled = Math.Min(_end - _start, target.Length);
        _buffer.AsSpan(_start, filled).CopyTo(target);
        _start += filled;
        while (filled < target.Length)
        {
            int n = await _input.ReadAsync(target.AsMemory(filled), cancellation).ConfigureAwait(false);
            if (n == 0) break;
            filled += n;
        }
        return filled;
    }

    private async ValueTask SkipAsync(long count, CancellationToken cancellation)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellation).ConfigureAwait(false)) return;
            int n = (int)Math.Min(count, _end - _start);
            _start += n;
            count -= n;
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellation)
    {
        _start = 0;
        _end = await _input.ReadAsync(_buffer.AsMemory(), cancellation).ConfigureAwait(false);
        return _end > 0;
    }
}

/// <summary>Writes framed messages; one message at a time, whole (callers may write from any thread).</summary>
internal sealed class MessageWriter
{
    private readonly Stream _output;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public MessageWriter(Stream output) => _output = output;

    public async Task WriteAsync(ReadOnlyMemory<byte> body)
    {
        var header = new byte[40];
        "Content-Length: "u8.CopyTo(header);
        Utf8Formatter.TryFormat(body.Length, header.AsSpan(16), out int digits);
        "\r\n\r\n"u8.CopyTo(header.AsSpan(16 + digits));
        int headerLength = 16 + digits + 4;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _output.WriteAsync(header.AsMemory(0, headerLength)).ConfigureAwait(false);
            await _output.WriteAsync(body).ConfigureAwait(false);
            await _output.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
