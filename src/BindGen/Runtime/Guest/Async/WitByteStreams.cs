// Emitted when the bindings use stream<u8>: the ends as System.IO.Stream, so ordinary .NET code (StreamReader,
// JsonSerializer, GZipStream, PipeReader.Create/PipeWriter.Create of System.IO.Pipelines, HTTP bodies) reads and
// writes them. Only the asynchronous members work: a component has one thread, so a blocking Read could never
// be woken; the synchronous ones throw NotSupportedException saying so.
namespace WitTools.Runtime;

/// <summary>Adapters of byte streams to <see cref="global::System.IO.Stream"/>.</summary>
public static class WitByteStreams
{
    /// <summary>A read-only, non-seekable <see cref="global::System.IO.Stream"/> over the reader; disposing it disposes the reader.</summary>
    public static global::System.IO.Stream AsStream(this WitStreamReader<byte> reader) => new ReadStream(reader ?? throw new global::System.ArgumentNullException(nameof(reader)));

    /// <summary>A write-only, non-seekable <see cref="global::System.IO.Stream"/> over the writer; disposing it ends the stream.
    /// A write the reader no longer takes throws <see cref="global::System.IO.IOException"/>.</summary>
    public static global::System.IO.Stream AsStream(this WitStreamWriter<byte> writer) => new WriteStream(writer ?? throw new global::System.ArgumentNullException(nameof(writer)));

    private static global::System.NotSupportedException NotSeekable() => new("a WIT stream cannot seek");

    private static global::System.NotSupportedException Blocking() =>
        new("a WIT stream is read and written asynchronously (ReadAsync/WriteAsync): a component has one thread, so a blocking call could never be woken");

    private sealed class ReadStream : global::System.IO.Stream
    {
        private readonly WitStreamReader<byte> _reader;

        public ReadStream(WitStreamReader<byte> reader) => _reader = reader;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw NotSeekable();
        public override long Position { get => throw NotSeekable(); set => throw NotSeekable(); }

        public override global::System.Threading.Tasks.ValueTask<int> ReadAsync(global::System.Memory<byte> buffer, global::System.Threading.CancellationToken cancellationToken = default) =>
            _reader.ReadAsync(buffer, cancellationToken);

        public override global::System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, global::System.Threading.CancellationToken cancellationToken) =>
            _reader.ReadAsync(new global::System.Memory<byte>(buffer, offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw Blocking();

        public override void Flush()
        {
        }

        public override long Seek(long offset, global::System.IO.SeekOrigin origin) => throw NotSeekable();
        public override void SetLength(long value) => throw NotSeekable();
        public override void Write(byte[] buffer, int offset, int count) => throw new global::System.NotSupportedException("the stream is read-only");

        protected override void Dispose(bool disposing)
        {
            if (disposing) _reader.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class WriteStream : global::System.IO.Stream
    {
        private readonly WitStreamWriter<byte> _writer;

        public WriteStream(WitStreamWriter<byte> writer) => _writer = writer;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw NotSeekable();
        public override long Position { get => throw NotSeekable(); set => throw NotSeekable(); }

        public override async global::System.Threading.Tasks.ValueTask WriteAsync(global::System.ReadOnlyMemory<byte> buffer, global::System.Threading.CancellationToken cancellationToken = default)
        {
            int written = await _writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (written < buffer.Length) throw new global::System.IO.IOException("the reader closed the stream after " + written + " of " + buffer.Length + " bytes");
        }

        public override global::System.Threading.Tasks.Task WriteAsync(byte[] buffer, int offset, int count, global::System.Threading.CancellationToken cancellationToken) =>
            WriteAsync(new global::System.ReadOnlyMemory<byte>(buffer, offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw Blocking();

        public override global::System.Threading.Tasks.Task FlushAsync(global::System.Threading.CancellationToken cancellationToken) => global::System.Threading.Tasks.Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new global::System.NotSupportedException("the stream is write-only");
        public override long Seek(long offset, global::System.IO.SeekOrigin origin) => throw NotSeekable();
        public override void SetLength(long value) => throw NotSeekable();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _writer.Dispose();
            base.Dispose(disposing);
        }
    }
}
