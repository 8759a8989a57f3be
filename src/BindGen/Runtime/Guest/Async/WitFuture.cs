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
/// is dropped once the value arrived; reading again throws. Dispose an unread future to tell the writer nobody reads it.
/// Passing it to the other side hands the end over.
/// </summary>
public sealed class WitFutureReader<T> : WitWaitable, global::System.IDisposable,
    global::System.Threading.Tasks.Sources.IValueTaskSource<T>
{
    private readonly WitFutureVTable<T> _vtable;
    private WitCompletion<T> _completion;
    private WitTask? _task;
    private int _buffer;
    private bool _reading;
    private bool _done;
    private bool _gone;
    private bool _dropWhenIdle;
    private global::System.Threading.CancellationTokenRegistration _registration;

    /// <summary>Adopts a readable end (lifted from the other side, or made by <see cref="WitFuture.Create{T}"/>).</summary>
    public WitFutureReader(int handle) : this(handle, WitFutureVTable<T>.Default)
    {
    }

    internal WitFutureReader(int handle, WitFutureVTable<T> vtable)
    {
        _vtable = vtable;
        Register(handle);
    }

    /// <summary>Waits for the value. Cancelling a pending read throws <see cref="global::System.OperationCanceledException"/>
    /// (the future can be read again later).</summary>
    public global::System.Threading.Tasks.ValueTask<T> ReadAsync(global::System.Threading.CancellationToken cancellationToken = default)
    {
        if (_done) throw new global::System.InvalidOperationException("the future's value was already read (a future carries one value)");
        if (_gone) throw new global::System.ObjectDisposedException(nameof(WitFutureReader<T>));
        if (_reading) throw new global::System.InvalidOperationException("a read of this future is already in progress");
        cancellationToken.ThrowIfCancellationRequested();
        _task = JoinRunningTask();
        _completion.Reset();
        short token = _completion.Version;
        int size = _vtable.ElementSize;
        _buffer = size == 0 ? _vtable.ElementAlign : WitMemory.Alloc(size, _vtable.ElementAlign);
        _reading = true;
        int status = _vtable.Read(Handle, _buffer);
        if (status != WitAsyncAbi.Blocked)
        {
            Finish(status);
            return new global::System.Threading.Tasks.ValueTask<T>(this, token);
        }
        _task.OperationStarted();
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static s => ((WitFutureReader<T>)s!).Cancel(), this);
        return new global::System.Threading.Tasks.ValueTask<T>(this, token);
    }

    /// <summary>Lets <c>await reader</c> read the value.</summary>
    public global::System.Runtime.CompilerServices.ValueTaskAwaiter<T> GetAwaiter() => ReadAsync().GetAwaiter();

    internal override void OnEvent(int code, int payload)
    {
        if (code != WitAsyncAbi.EventFutureRead) throw new WitTrapException("future end " + Handle + " got event " + code);
        _task!.OperationEnded();
        Finish(payload);
    }

    private void Finish(int result)
    {
        _registration.Dispose();
        _registration = default;
        _reading = false;
        _task = null;
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
                Close();
                _completion.SetException(error);
                return;
            }
            FreeBuffer(buffer);
            Close(); // the end is done: drop it
            _completion.SetResult(value);
            return;
        }
        FreeBuffer(buffer);
        if (_dropWhenIdle) Close();
        _completion.SetException(result == WitAsyncAbi.Cancelled
            ? new global::System.OperationCanceledException("the future read was cancelled")
            : new WitTrapException("future read ended with " + result));
    }

    private void FreeBuffer(int buffer)
    {
        if (_vtable.ElementSize != 0 && buffer != 0) WitMemory.Free(buffer);
    }

    private void Cancel()
    {
        if (!_reading) return;
        int status = _vtable.CancelRead(Handle);
        if (status != WitAsyncAbi.Blocked)
        {
            _task!.OperationEnded();
            Finish(status);
        }
    }

    /// <summary>Drops the readable end unless it already was (after its value arrived); a pending read is cancelled first.</summary>
    public void Dispose()
    {
        if (_gone) return;
        if (_reading)
        {
            _dropWhenIdle = true;
            Cancel();
            return;
        }
        Close();
    }

    private void Close()
    {
        if (_gone) return;
        _gone = true;
        LeaveSet();
        _vtable.DropReadable(Handle);
        Unregister();
    }

    /// <summary>The handle to pass to the other side; this object cannot be used afterwards.</summary>
    public int WitTakeHandle()
    {
        if (_gone || _done) throw new global::System.ObjectDisposedException(nameof(WitFutureReader<T>));
        if (_reading) throw new global::System.InvalidOperationException("a future cannot be passed on while a read is in progress");
        _gone = true;
        LeaveSet();
        int handle = Handle;
        Unregister();
        return handle;
    }

    global::System.Threading.Tasks.Sources.ValueTaskSourceStatus global::System.Threading.Tasks.Sources.IValueTaskSource<T>.GetStatus(short token) => _completion.GetStatus(token);

    void global::System.Threading.Tasks.Sources.IValueTaskSource<T>.OnCompleted(global::System.Action<object?> continuation, object? state, short token,
        global::System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags) => _completion.OnCompleted(continuation, state, token, flags);

    T global::System.Threading.Tasks.Sources.IValueTaskSource<T>.GetResult(short token) => _completion.GetResult(token);
}

/// <summary>
/// The writable end of a <c>future&lt;T&gt;</c>: <see cref="WriteAsync"/> delivers the value once (true), or learns that
/// the reader dropped its end (false); the end is dropped afterwards. Disposing a writer that never wrote is a trap in
/// the canonical ABI (the reader would wait forever): write a value on every path.
/// </summary>
public sealed class WitFutureWriter<T> : WitWaitable, global::System.IDisposable,
    global::System.Threading.Tasks.Sources.IValueTaskSource<bool>
{
    private readonly WitFutureVTable<T> _vtable;
    private WitCompletion<bool> _completion;
    private readonly WitCleanup _lowered = new() { TakesOwnership = true };
    private WitTask? _task;
    private int _buffer;
    private bool _writing;
    private bool _done;
    private bool _gone;
    private global::System.Threading.CancellationTokenRegistration _registration;

    internal WitFutureWriter(int handle, WitFutureVTable<T> vtable)
    {
        _vtable = vtable;
        Register(handle);
    }

    /// <summary>Writes the value: true once the reader has it, false when the reader dropped its end first.
    /// Cancelling a pending write throws <see cref="global::System.OperationCanceledException"/> (write again later).</summary>
    public global::System.Threading.Tasks.ValueTask<bool> WriteAsync(T value, global::System.Threading.CancellationToken cancellationToken = default)
    {
        if (_done) throw new global::System.InvalidOperationException("the future was already written (a future carries one value)");
        if (_gone) throw new global::System.ObjectDisposedException(nameof(WitFutureWriter<T>));
        if (_writing) throw new global::System.InvalidOperationException("a write of this future is already in progress");
        cancellationToken.ThrowIfCancellationRequested();
        _task = JoinRunningTask();
        _completion.Reset();
        short token = _completion.Version;
        int size = _vtable.ElementSize;
        _buffer = size == 0 ? _vtable.ElementAlign : _lowered.Alloc(size, _vtable.ElementAlign);
        if (size != 0) _vtable.LowerElement(value, _buffer, _lowered);
        _writing = true;
        int status = _vtable.Write(Handle, _buffer);
        if (status != WitAsyncAbi.Blocked)
        {
            Finish(status);
            return new global::System.Threading.Tasks.ValueTask<bool>(this, token);
        }
        _task.OperationStarted();
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static s => ((WitFutureWriter<T>)s!).Cancel(), this);
        return new global::System.Threading.Tasks.ValueTask<bool>(this, token);
    }

    internal override void OnEvent(int code, int payload)
    {
        if (code != WitAsyncAbi.EventFutureWrite) throw new WitTrapException("future end " + Handle + " got event " + code);
        _task!.OperationEnded();
        Finish(payload);
    }

    private void Finish(int result)
    {
        _registration.Dispose();
        _registration = default;
        _writing = false;
        _task = null;
        _lowered.FreeAll();
        _buffer = 0;
        if (result == WitAsyncAbi.Cancelled)
        {
            _completion.SetException(new global::System.OperationCanceledException("the future write was cancelled"));
            return;
        }
        _done = true;
        Close(); // completed or the reader is gone: the end is done
        _completion.SetResult(result == WitAsyncAbi.Completed);
    }

    private void Cancel()
    {
        if (!_writing) return;
        int status = _vtable.CancelWrite(Handle);
        if (status != WitAsyncAbi.Blocked)
        {
            _task!.OperationEnded();
            Finish(status);
        }
    }

    /// <summary>Drops the writable end if it is still here. After a write this does nothing; before any write the canonical
    /// ABI traps (future.drop-writable of a future that was never written).</summary>
    public void Dispose() => Close();

    private void Close()
    {
        if (_gone) return;
        _gone = true;
        LeaveSet();
        _vtable.DropWritable(Handle);
        Unregister();
    }

    global::System.Threading.Tasks.Sources.ValueTaskSourceStatus global::System.Threading.Tasks.Sources.IValueTaskSource<bool>.GetStatus(short token) => _completion.GetStatus(token);

    void global::System.Threading.Tasks.Sources.IValueTaskSource<bool>.OnCompleted(global::System.Action<object?> continuation, object? state, short token,
        global::System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags) => _completion.OnCompleted(continuation, state, token, flags);

    bool global::System.Threading.Tasks.Sources.IValueTaskSource<bool>.GetResult(short token) => _completion.GetResult(token);
}
