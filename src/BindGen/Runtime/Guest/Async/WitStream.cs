// Emitted when the bindings use stream<T>: the readable and writable ends, and the vtable through which they call
// the stream built-ins of one payload type (generated per payload type, registered by a module initializer, so
// that any code can create or lift a stream of T). Elements move in bulk: numbers are copied as bytes (in wasm32
// the caller's buffer is pinned and handed to the host: no copy at all), other types through the generated
// element codecs.
namespace WitTools.Runtime;

/// <summary>
/// The built-ins of one stream payload type (<c>[stream-new-N]f</c>, <c>[async-lower][stream-read-N]f</c>, ...) and
/// how its elements sit in linear memory. Generated once per payload type a world uses.
/// </summary>
public abstract class WitStreamVTable<T>
{
    private static WitStreamVTable<T>? s_default;

    /// <summary>The vtable of <typeparamref name="T"/> used to lift and create streams (the first one registered).</summary>
    internal static WitStreamVTable<T> Default => s_default ?? throw new global::System.InvalidOperationException(
        "no stream<" + typeof(T).Name + "> in the bindings: a stream payload type must appear in a function of the world");

    /// <summary>Makes <paramref name="vtable"/> the one streams of <typeparamref name="T"/> use (first wins: any is valid).</summary>
    public static void Register(WitStreamVTable<T> vtable) => s_default ??= vtable;

    /// <summary>Bytes of one element in a buffer (0 for a stream without payload).</summary>
    internal abstract int ElementSize { get; }

    /// <summary>Alignment of a buffer.</summary>
    internal abstract int ElementAlign { get; }

    /// <summary>Whether elements are plain numbers whose memory form is their C# form (copied as bytes).</summary>
    internal abstract bool IsCanonical { get; }

    internal abstract long New();
    internal abstract int Read(int end, int buffer, int count);
    internal abstract int Write(int end, int buffer, int count);
    internal abstract int CancelRead(int end);
    internal abstract int CancelWrite(int end);
    internal abstract void DropReadable(int end);
    internal abstract void DropWritable(int end);

    /// <summary>Lifts the element at <paramref name="address"/> (and frees what it points to).</summary>
    internal virtual T LiftElement(int address) => throw new global::System.NotSupportedException();

    /// <summary>Lowers <paramref name="value"/> to <paramref name="address"/>, allocating what it points to through <paramref name="cleanup"/>.</summary>
    internal virtual void LowerElement(T value, int address, WitCleanup cleanup) => throw new global::System.NotSupportedException();
}

/// <summary>Creates streams (<c>stream.new</c>).</summary>
public static class WitStream
{
    /// <summary>A new stream of <typeparamref name="T"/>: give the reader to the other side (as an argument or a result)
    /// and write into the writer; dispose the writer to end the stream.</summary>
    public static (WitStreamReader<T> Reader, WitStreamWriter<T> Writer) Create<T>()
    {
        var vtable = WitStreamVTable<T>.Default;
        long ends = vtable.New();
        return (new WitStreamReader<T>(unchecked((int)ends), vtable), new WitStreamWriter<T>((int)(ends >> 32), vtable));
    }
}

/// <summary>Moves elements between a buffer the caller owns and linear memory, for one end of a stream.</summary>
internal struct WitStreamBuffer<T>
{
    private int _scratch;
    private int _scratchBytes;
#if !WIT_EMULATED_MEMORY
    private global::System.Buffers.MemoryHandle _pin;
#else
    private bool _inPlace;
#endif
    private int _address;
    private int _count;
    private WitCleanup? _lowered;

    public int Address => _address;

    /// <summary>Where the host writes up to <paramref name="count"/> elements read into <paramref name="buffer"/>.</summary>
    public int PrepareRead(WitStreamVTable<T> vtable, global::System.Memory<T> buffer, int count)
    {
        _count = count;
#if !WIT_EMULATED_MEMORY
        if (vtable.IsCanonical && count > 0)
        {
            // the caller's buffer is in linear memory: the host writes into it directly
            _pin = buffer.Pin();
            unsafe { _address = (int)(nint)_pin.Pointer; }
            return _address;
        }
#else
        if (vtable.IsCanonical && count > 0 && InLinearMemory(buffer, out _address))
        {
            _inPlace = true;
            return _address;
        }
#endif
        _address = Scratch(vtable, count);
        return _address;
    }

    /// <summary>After a read moved <paramref name="progress"/> elements: copies or lifts them into <paramref name="buffer"/>.</summary>
    public void CompleteRead(WitStreamVTable<T> vtable, global::System.Memory<T> buffer, int progress)
    {
#if !WIT_EMULATED_MEMORY
        if (vtable.IsCanonical && _count > 0)
        {
            _pin.Dispose();
            _pin = default;
            return;
        }
#else
        if (_inPlace)
        {
            _inPlace = false;
            return;
        }
#endif
        if (progress == 0 || vtable.ElementSize == 0) return;
        var target = buffer.Span;
        if (vtable.IsCanonical)
        {
            WitMemory.Span(_address, progress * vtable.ElementSize).CopyTo(AsBytes(target.Slice(0, progress), vtable.ElementSize));
            return;
        }
        for (int i = 0; i < progress; i++) target[i] = vtable.LiftElement(_address + i * vtable.ElementSize);
    }

    /// <summary>Where the host reads <paramref name="items"/> from.</summary>
    public int PrepareWrite(WitStreamVTable<T> vtable, global::System.ReadOnlyMemory<T> items)
    {
        _count = items.Length;
#if !WIT_EMULATED_MEMORY
        if (vtable.IsCanonical && _count > 0)
        {
            _pin = items.Pin();
            unsafe { _address = (int)(nint)_pin.Pointer; }
            return _address;
        }
#else
        if (vtable.IsCanonical && _count > 0 && InLinearMemory(items, out _address))
        {
            _inPlace = true;
            return _address;
        }
#endif
        _address = Scratch(vtable, _count);
        if (_count == 0 || vtable.ElementSize == 0) return _address;
        var source = items.Span;
        if (vtable.IsCanonical)
        {
            AsBytes(global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(source), _count), vtable.ElementSize)
                .CopyTo(WitMemory.Span(_address, _count * vtable.ElementSize));
            return _address;
        }
        _lowered ??= new WitCleanup { TakesOwnership = true };
        for (int i = 0; i < _count; i++) vtable.LowerElement(source[i], _address + i * vtable.ElementSize, _lowered);
        return _address;
    }

    /// <summary>After the write's copy ended: releases what lowering the elements allocated (the reader copied what it took).</summary>
    public void CompleteWrite(WitStreamVTable<T> vtable)
    {
#if !WIT_EMULATED_MEMORY
        if (vtable.IsCanonical && _count > 0)
        {
            _pin.Dispose();
            _pin = default;
            return;
        }
#else
        if (_inPlace)
        {
            _inPlace = false;
            return;
        }
#endif
        _lowered?.FreeAll();
    }

#if WIT_EMULATED_MEMORY
    /// <summary>Whether <paramref name="buffer"/> lies in the emulated linear memory (a slice of <see cref="WitMemory.Bytes"/>):
    /// then the host copies to or from it in place, as it does with every buffer in wasm32.</summary>
    private static bool InLinearMemory(global::System.ReadOnlyMemory<T> buffer, out int address)
    {
        if (global::System.Runtime.InteropServices.MemoryMarshal.TryGetArray(buffer, out var segment) && (object?)segment.Array == WitMemory.Bytes)
        {
            address = segment.Offset; // T is byte: the only element type of a byte[]
            return true;
        }
        address = 0;
        return false;
    }
#endif

    private int Scratch(WitStreamVTable<T> vtable, int count)
    {
        int bytes = count * vtable.ElementSize;
        if (bytes == 0) return vtable.ElementAlign;
        if (bytes > _scratchBytes)
        {
            if (_scratch != 0) WitMemory.Free(_scratch);
            _scratch = WitMemory.Alloc(bytes, vtable.ElementAlign);
            _scratchBytes = bytes;
        }
        return _scratch;
    }

    public void Release()
    {
        if (_scratch != 0) WitMemory.Free(_scratch);
        _scratch = 0;
        _scratchBytes = 0;
        _lowered?.FreeAll();
    }

    private static global::System.Span<byte> AsBytes(global::System.Span<T> span, int elementSize) =>
        global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref global::System.Runtime.CompilerServices.Unsafe.As<T, byte>(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(span)),
            span.Length * elementSize);
}

/// <summary>
/// The readable end of a <c>stream&lt;T&gt;</c>: <see cref="ReadAsync"/> moves up to a buffer's worth of elements per call;
/// 0 means the writer ended the stream. Dispose it when done (the writer then sees the stream closed; a read in
/// progress is cancelled first). Passing it to the other side (as an argument or a result) hands the end over: it
/// cannot be used here afterwards.
/// </summary>
public sealed class WitStreamReader<T> : WitCopyEnd<int>
{
    private readonly WitStreamVTable<T> _vtable;
    private WitStreamBuffer<T> _buffer;
    private global::System.Memory<T> _target;
    private bool _ended;

    /// <summary>Adopts a readable end (lifted from the other side, or made by <see cref="WitStream.Create{T}"/>).</summary>
    public WitStreamReader(int handle) : this(handle, WitStreamVTable<T>.Default)
    {
    }

    internal WitStreamReader(int handle, WitStreamVTable<T> vtable) : base(handle, WitAsyncAbi.EventStreamRead) => _vtable = vtable;

    /// <summary>The writer ended the stream (dropped its end); further reads return 0.</summary>
    public bool IsCompleted => _ended;

    /// <summary>
    /// Reads up to <c>buffer.Length</c> elements into <paramref name="buffer"/>: the number read, at least 1, or 0 once the
    /// writer has ended the stream (or for an empty buffer). Cancelling stops a pending read; elements already moved are
    /// returned, otherwise it throws <see cref="global::System.OperationCanceledException"/>.
    /// </summary>
    public global::System.Threading.Tasks.ValueTask<int> ReadAsync(global::System.Memory<T> buffer, global::System.Threading.CancellationToken cancellationToken = default)
    {
        if (Gone) throw new global::System.ObjectDisposedException(nameof(WitStreamReader<T>));
        if (Copying) throw new global::System.InvalidOperationException("a read of this stream is already in progress");
        if (_ended || buffer.Length == 0) return new global::System.Threading.Tasks.ValueTask<int>(0);
        short token = BeginCopy(cancellationToken);
        _target = buffer;
        int count = global::System.Math.Min(buffer.Length, (1 << 28) - 1);
        return Started(_vtable.Read(Handle, _buffer.PrepareRead(_vtable, buffer, count), count), token, cancellationToken);
    }

    private protected override void CopyEnded(int status)
    {
        EndCopy();
        int result = WitAsyncAbi.Code(status), progress = WitAsyncAbi.Index(status);
        try
        {
            _buffer.CompleteRead(_vtable, _target, progress);
        }
        catch (global::System.Exception error)
        {
            _target = default;
            Fail(error);
            return;
        }
        _target = default;
        if (result == WitAsyncAbi.Dropped) _ended = true;
        if (result == WitAsyncAbi.Cancelled && progress == 0)
            Fail(new global::System.OperationCanceledException("the stream read was cancelled"));
        else
            Complete(progress);
    }

    /// <summary>The handle to pass to the other side; this object cannot be used afterwards.</summary>
    public int WitTakeHandle() => TakeHandle(nameof(WitStreamReader<T>));

    private protected override string What => "stream";

    private protected override int CancelCopy(int end) => _vtable.CancelRead(end);

    private protected override void DropEnd(int end) => _vtable.DropReadable(end);

    private protected override void Released() => _buffer.Release();
}

/// <summary>
/// The writable end of a <c>stream&lt;T&gt;</c>: <see cref="WriteAsync"/> hands elements to the reader, waiting while it
/// applies backpressure. Dispose it to end the stream (the reader then reads 0; a write in progress is cancelled first).
/// </summary>
public sealed class WitStreamWriter<T> : WitCopyEnd<int>
{
    private readonly WitStreamVTable<T> _vtable;
    private WitStreamBuffer<T> _buffer;
    private global::System.ReadOnlyMemory<T> _items;
    private int _written;
    private bool _readerGone;

    internal WitStreamWriter(int handle, WitStreamVTable<T> vtable) : base(handle, WitAsyncAbi.EventStreamWrite) => _vtable = vtable;

    /// <summary>The reader dropped its end: nothing written from now on arrives.</summary>
    public bool IsReaderGone => _readerGone;

    /// <summary>
    /// Writes every element of <paramref name="items"/>, as the reader takes them (possibly over several copies): the
    /// number delivered, which is less than <c>items.Length</c> only when the reader dropped its end. Cancelling stops
    /// waiting; elements delivered so far are counted, and with none it throws <see cref="global::System.OperationCanceledException"/>.
    /// </summary>
    public global::System.Threading.Tasks.ValueTask<int> WriteAsync(global::System.ReadOnlyMemory<T> items, global::System.Threading.CancellationToken cancellationToken = default)
    {
        if (Gone) throw new global::System.ObjectDisposedException(nameof(WitStreamWriter<T>));
        if (Copying) throw new global::System.InvalidOperationException("a write to this stream is already in progress");
        if (_readerGone || items.Length == 0) return new global::System.Threading.Tasks.ValueTask<int>(0);
        short token = BeginCopy(cancellationToken);
        _items = items;
        _written = 0;
        _buffer.PrepareWrite(_vtable, items);
        return Copy() ? Cancellable(token, cancellationToken) : new global::System.Threading.Tasks.ValueTask<int>(this, token);
    }

    /// <summary>Offers the elements not yet taken; true when the copy is pending (an event will follow).</summary>
    private bool Copy()
    {
        while (true)
        {
            int remaining = _items.Length - _written;
            int status = _vtable.Write(Handle, _buffer.Address + _written * _vtable.ElementSize, remaining);
            if (status == WitAsyncAbi.Blocked)
            {
                Waiting();
                return true;
            }
            if (!Progress(status)) return false;
        }
    }

    /// <summary>Counts a finished copy; true when more must be offered.</summary>
    private bool Progress(int status)
    {
        int result = WitAsyncAbi.Code(status);
        _written += WitAsyncAbi.Index(status);
        if (result == WitAsyncAbi.Dropped) _readerGone = true;
        bool more = result == WitAsyncAbi.Completed && _written < _items.Length && !CancelRequested;
        if (!more) Finish(result);
        return more;
    }

    private protected override void CopyEnded(int status)
    {
        if (Progress(status)) Copy();
    }

    private void Finish(int result)
    {
        EndCopy();
        _buffer.CompleteWrite(_vtable);
        _items = default;
        if (result == WitAsyncAbi.Cancelled && _written == 0)
            Fail(new global::System.OperationCanceledException("the stream write was cancelled"));
        else
            Complete(_written);
    }

    private protected override string What => "stream";

    private protected override int CancelCopy(int end) => _vtable.CancelWrite(end);

    private protected override void DropEnd(int end) => _vtable.DropWritable(end);

    private protected override void Released() => _buffer.Release();
}
