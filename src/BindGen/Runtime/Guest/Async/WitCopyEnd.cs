// Emitted when the bindings use stream<T> or future<T>: what the four ends (stream and future, reader and writer) share.
// An end runs one copy (a read or a write) at a time: the built-in either finishes it at once or returns BLOCKED and
// the host reports the end later with an event; cancelling asks the host to stop the copy; dropping the end while a
// copy runs first cancels it and drops the end once the copy ended. The ends say what a copy moves and what its
// result is; this class keeps that protocol in one place.
namespace WitTools.Runtime;

/// <summary>
/// One end of a stream or a future: the copy in progress (at most one), its completion behind a <c>ValueTask</c> of
/// <typeparamref name="TResult"/>, its cancellation, and dropping the end.
/// </summary>
public abstract class WitCopyEnd<TResult> : WitWaitable, global::System.IDisposable,
    global::System.Threading.Tasks.Sources.IValueTaskSource<TResult>
{
    private readonly int _eventCode;
    private WitCompletion<TResult> _completion;
    private WitTask? _task;
    private bool _dropWhenIdle;
    private global::System.Threading.CancellationTokenRegistration _registration;

    private protected WitCopyEnd(int handle, int eventCode)
    {
        _eventCode = eventCode;
        Register(handle);
    }

    /// <summary>A copy is in progress (started and not yet ended).</summary>
    private protected bool Copying { get; private set; }

    /// <summary>The end was dropped or handed to the other side: it cannot be used any more.</summary>
    private protected bool Gone { get; private set; }

    /// <summary>Cancelling the copy in progress was asked for (once per copy).</summary>
    private protected bool CancelRequested { get; private set; }

    /// <summary>Starts a copy in the running task: joins its waitable set and resets the completion; returns the
    /// <c>ValueTask</c>'s token. The end calls its built-in next.</summary>
    private protected short BeginCopy(global::System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _task = JoinRunningTask();
        _completion.Reset();
        Copying = true;
        CancelRequested = false;
        return _completion.Version;
    }

    /// <summary>After the built-in returned <paramref name="status"/>: ends the copy now, or lets it wait for the host's
    /// event (see <see cref="Waiting"/>) and <paramref name="cancellationToken"/> cancel it.</summary>
    private protected global::System.Threading.Tasks.ValueTask<TResult> Started(int status, short token, global::System.Threading.CancellationToken cancellationToken)
    {
        if (status != WitAsyncAbi.Blocked)
        {
            CopyEnded(status);
            return new global::System.Threading.Tasks.ValueTask<TResult>(this, token);
        }
        Waiting();
        return Cancellable(token, cancellationToken);
    }

    /// <summary>The built-in returned BLOCKED: the copy's task counts it as pending until the host's event.</summary>
    private protected void Waiting() => _task!.OperationStarted();

    /// <summary>The <c>ValueTask</c> of a copy that is waiting: <paramref name="cancellationToken"/> may cancel it.</summary>
    private protected global::System.Threading.Tasks.ValueTask<TResult> Cancellable(short token, global::System.Threading.CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static s => ((WitCopyEnd<TResult>)s!).Cancel(), this);
        return new global::System.Threading.Tasks.ValueTask<TResult>(this, token);
    }

    internal sealed override void OnEvent(int code, int payload)
    {
        if (code != _eventCode) throw new WitTrapException(What + " end " + Handle + " got event " + code);
        _task!.OperationEnded();
        CopyEnded(payload);
    }

    /// <summary>Handles a copy's result (<paramref name="status"/>: a <see cref="WitAsyncAbi"/> copy result, with the
    /// count of elements moved for a stream): calls <see cref="EndCopy"/> and completes, or starts the next copy.</summary>
    private protected abstract void CopyEnded(int status);

    /// <summary>The copy is over: forgets its cancellation and task.</summary>
    private protected void EndCopy()
    {
        _registration.Dispose();
        _registration = default;
        Copying = false;
        _task = null;
    }

    /// <summary>Completes the copy's <c>ValueTask</c>; drops the end first if a drop waited for the copy to end.</summary>
    private protected void Complete(TResult result)
    {
        if (_dropWhenIdle) Close();
        _completion.SetResult(result);
    }

    /// <summary>Fails the copy's <c>ValueTask</c>; drops the end first if a drop waited for the copy to end.</summary>
    private protected void Fail(global::System.Exception error)
    {
        if (_dropWhenIdle) Close();
        _completion.SetException(error);
    }

    /// <summary>Completes the copy's <c>ValueTask</c> with <paramref name="result"/> once the end was dropped, the copy's value being its last.</summary>
    private protected void CompleteAndClose(TResult result)
    {
        Close();
        _completion.SetResult(result);
    }

    /// <summary>Fails the copy's <c>ValueTask</c> once the end was dropped.</summary>
    private protected void FailAndClose(global::System.Exception error)
    {
        Close();
        _completion.SetException(error);
    }

    /// <summary>Asks the host to stop the copy in progress (once); if it stops at once, the copy ends here.</summary>
    private protected void Cancel()
    {
        if (!Copying || CancelRequested) return;
        CancelRequested = true;
        int status = CancelCopy(Handle);
        if (status != WitAsyncAbi.Blocked)
        {
            _task!.OperationEnded();
            CopyEnded(status);
        }
    }

    /// <summary>Drops the end; a copy in progress is cancelled first and the end dropped when it ended.</summary>
    public virtual void Dispose()
    {
        if (Gone) return;
        if (Copying)
        {
            _dropWhenIdle = true;
            Cancel();
            return;
        }
        Close();
    }

    /// <summary>Drops the end unless it is gone already.</summary>
    private protected void Close()
    {
        if (Gone) return;
        Gone = true;
        LeaveSet();
        DropEnd(Handle);
        Unregister();
        Released();
    }

    /// <summary>Hands the end to the other side: the handle to pass; this object cannot be used afterwards.</summary>
    private protected int TakeHandle(string name)
    {
        if (Gone) throw new global::System.ObjectDisposedException(name);
        if (Copying) throw new global::System.InvalidOperationException("a " + What + " cannot be passed on while a read is in progress");
        Gone = true;
        LeaveSet();
        int handle = Handle;
        Unregister();
        Released();
        return handle;
    }

    /// <summary><c>stream</c> or <c>future</c>, for messages.</summary>
    private protected abstract string What { get; }

    /// <summary>The built-in that cancels this end's copy (<c>stream.cancel-read</c>, <c>future.cancel-write</c>, ...).</summary>
    private protected abstract int CancelCopy(int end);

    /// <summary>The built-in that drops this end (<c>stream.drop-readable</c>, <c>future.drop-writable</c>, ...).</summary>
    private protected abstract void DropEnd(int end);

    /// <summary>Frees what the end keeps in linear memory once it is gone.</summary>
    private protected virtual void Released()
    {
    }

    global::System.Threading.Tasks.Sources.ValueTaskSourceStatus global::System.Threading.Tasks.Sources.IValueTaskSource<TResult>.GetStatus(short token) => _completion.GetStatus(token);

    void global::System.Threading.Tasks.Sources.IValueTaskSource<TResult>.OnCompleted(global::System.Action<object?> continuation, object? state, short token,
        global::System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags) => _completion.OnCompleted(continuation, state, token, flags);

    TResult global::System.Threading.Tasks.Sources.IValueTaskSource<TResult>.GetResult(short token) => _completion.GetResult(token);
}
