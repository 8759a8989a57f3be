// Emitted when the bindings use future<T>: the readable and writable ends of a future and the vtable of its
// payload type's built-ins (generated per payload type, registered by a module initializer). A future carries one
// value, once: the reader awaits it, the writer writes it once. Each end is dropped by the bindings when its copy
// completed; dropping a writer that never wrote is a trap in the canonical ABI (future.drop-writable).
namespace WitTools.Runtime;

/// <summary>The built-ins of one future payload type and how its value sits in linear memory. Generated per payload type.</summary>
public abstract class WitFutureVTable<T>
{
    private static WitFutureVTable<T>? s_default;

    internal static WitFutureVTable<T> Default => s_default ?? throw new global::System.InvalidOperationException(
        "no future<" + typeof(T).Name + "> in the bindings: a future payload type must appear in a function of the world");

    /// <summary>Makes <paramref name="vtable"/> the one futures of <typeparamref name="T"/> use (first wins: any is valid).</summary>
    public static void Register(WitFutureVTable<T> vtable) => s_default ??= vtable;

    /// <summary>Bytes of the value in a buffer (0 without payload).</summary>
    internal abstract int ElementSize { get; }

    internal abstract int ElementAlign { get; }

    internal abstract long New();
    internal abstract int Read(int end, int buffer);
    internal abstract int Write(int end, int buffer);
    internal abstract int CancelRead(int end);
    internal abstract int CancelWrite(int end);
    internal abstract void DropReadable(int end);
    internal abstract void DropWritable(int end);

    /// <summary>Lifts the value at <paramref name="address"/> (and frees what it points to).</summary>
    internal abstract T LiftElement(int address);

    /// <summary>Lowers <paramref name="value"/> to <paramref name="address"/>, allocating through <paramref name="cleanup"/>.</summary>
    internal abstract void LowerElement(T value, int address, WitCleanup cleanup);
}

/// <summary>Creates futures (<c>future.new</c>).</summary>
public static class WitFuture
{
    /// <summary>A new future of <typeparamref name="T"/>: give the reader to the other side and write the value once into the writer.</summary>
    public static (WitFutureReader<T> Reader, WitFutureWriter<T> Writer) Create<T>()
    {
        var vtable = WitFutureVTable<T>.Default;
        long ends = vtable.New();
        return (new WitFutureReader<T>(unchecked((int)ends), vtable), new WitFutureWriter<T>((int)(ends >> 32), vtable));
    }
}

/// <summary>
/// The readable end of a <c>future&lt;T&gt;</c>: await <see cref="ReadAsync"/> (or the reader itself) for the value. The end
/// is dropped once the value arrived; reading again throws. Dispose an unread future to tell the writer nobody reads it
/// (a pending read is cancelled first). Passing it to the other side hands the end over.
/// </summary>
public sealed class WitFutureReader<T> : WitCopyEnd<T>
{
    private readonly WitFutureVTable<T> _vtable;
    private int _buffer;
    private bool _done;

    /// <summary>Adopts a readable end (lifted from the other side, or made by <see cref="WitFuture.Create{T}"/>).</summary>
    public WitFutureReader(int handle) : this(handle, WitFutureVTable<T>.Default)
    {
    }

    internal WitFutureReader(int handle, WitFutureVTable<T> vtable) : base(handle, WitAsyncAbi.EventFutureRead) => _vtable = vtable;

    /// <summary>Waits for the value. Cancelling a pending read throws <see cref="global::System.OperationCanceledException"/>
    /// (the future can be read again later).</summary>
    public global::System.Threading.Tasks.ValueTask<T> ReadAsync(global::System.Threading.CancellationToken cancellationToken = default)
    {
        if (_done) throw new global::System.InvalidOperationException("the future's value was already read (a future carries one value)");
        if (Gone) throw new global::System.ObjectDisposedException(nameof(WitFutureReader<T>));
        if (Copying) throw new global::System.InvalidOperationException("a read of this future is already in progress");
        short token = BeginCopy(cancellationToken);
        int size = _vtable.ElementSize;
        _buffer = size == 0 ? _vtable.ElementAlign : WitMemory.Alloc(size, _vtable.ElementAlign);
        return Started(_vtable.Read(Handle, _buffer), token, cancellationToken);
    }

    /// <summary>Lets <c>await reader</c> read the value.</summary>
    public global::System.Runtime.CompilerServices.ValueTaskAwaiter<T> GetAwaiter() => ReadAsync().GetAwaiter();

    private protected override void CopyEnded(int result)
    {
        EndCopy();
        int buffer = _buffer;
        _buffer = 0;
        if (result == WitAsyncAbi.Completed)
        {
            _done = true;
            T value;
            try
            {
                value = _vtable.LiftElement(buffer);
            }
            catch (global::System.Exception error)
            {
                FreeBuffer(buffer);
                FailAndClose(error);
                return;
            }
            FreeBuffer(buffer);
            CompleteAndClose(value); // the end is done: drop it
            return;
        }
        FreeBuffer(buffer);
        Fail(result == WitAsyncAbi.Cancelled
            ? new global::System.OperationCanceledException("the future read was cancelled")
            : new WitTrapException("future read ended with " + result));
    }

    private void FreeBuffer(int buffer)
    {
        if (_vtable.ElementSize != 0 && buffer != 0) WitMemory.Free(buffer);
    }

    /// <summary>The handle to pass to the other side; this object cannot be used afterwards.</summary>
    public int WitTakeHandle() => TakeHandle(nameof(WitFutureReader<T>));

    private protected override string What => "future";

    private protected override int CancelCopy(int end) => _vtable.CancelRead(end);

    private protected override void DropEnd(int end) => _vtable.DropReadable(end);
}

/// <summary>
/// The writable end of a <c>future&lt;T&gt;</c>: <see cref="WriteAsync"/> delivers the value once (true), or learns that
/// the reader dropped its end (false); the end is dropped afterwards. Disposing a writer that never wrote is a trap in
/// the canonical ABI (the reader would wait forever): write a value on every path.
/// </summary>
public sealed class WitFutureWriter<T> : WitCopyEnd<bool>
{
    private readonly WitFutureVTable<T> _vtable;
    private readonly WitCleanup _lowered = new() { TakesOwnership = true };
    private bool _done;

    internal WitFutureWriter(int handle, WitFutureVTable<T> vtable) : base(handle, WitAsyncAbi.EventFutureWrite) => _vtable = vtable;

    /// <summary>Writes the value: true once the reader has it, false when the reader dropped its end first.
    /// Cancelling a pending write throws <see cref="global::System.OperationCanceledException"/> (write again later).</summary>
    public global::System.Threading.Tasks.ValueTask<bool> WriteAsync(T value, global::System.Threading.CancellationToken cancellationToken = default)
    {
        if (_done) throw new global::System.InvalidOperationException("the future was already written (a future carries one value)");
        if (Gone) throw new global::System.ObjectDisposedException(nameof(WitFutureWriter<T>));
        if (Copying) throw new global::System.InvalidOperationException("a write of this future is already in progress");
        cancellationToken.ThrowIfCancellationRequested();
        // lowered before the copy starts: a value that cannot be lowered leaves the end as it was
        int size = _vtable.ElementSize;
        int buffer = size == 0 ? _vtable.ElementAlign : _lowered.Alloc(size, _vtable.ElementAlign);
        if (size != 0)
        {
            try
            {
                _vtable.LowerElement(value, buffer, _lowered);
            }
            catch
            {
                _lowered.FreeAll();
                throw;
            }
        }
        short token = BeginCopy(cancellationToken);
        return Started(_vtable.Write(Handle, buffer), token, cancellationToken);
    }

    private protected override void CopyEnded(int result)
    {
        EndCopy();
        _lowered.FreeAll();
        if (result == WitAsyncAbi.Cancelled)
        {
            Fail(new global::System.OperationCanceledException("the future write was cancelled"));
            return;
        }
        _done = true;
        CompleteAndClose(result == WitAsyncAbi.Completed); // completed or the reader is gone: the end is done
    }

    /// <summary>Drops the writable end if it is still here. After a write this does nothing; before any write the canonical
    /// ABI traps (future.drop-writable of a future that was never written).</summary>
    public override void Dispose() => Close();

    private protected override string What => "future";

    private protected override int CancelCopy(int end) => _vtable.CancelWrite(end);

    private protected override void DropEnd(int end) => _vtable.DropWritable(end);
}
