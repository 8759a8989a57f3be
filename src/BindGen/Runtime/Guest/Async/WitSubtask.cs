// Emitted with the async ABI: one call of an async import ([async-lower]). The generated method lowers the
// arguments through the call's cleanup list, calls the import with the result area, and hands the status to
// Start; the arguments are freed once the callee has started, the result is lifted (by the generated lift
// method) once it returned. Calls are pooled per result type: a call that blocks allocates nothing but the
// CancellationToken registration, when a cancellable token is passed.
namespace WitTools.Runtime;

/// <summary>An async import call in progress (a subtask); awaited through the <c>ValueTask</c> the import returns.</summary>
internal sealed class WitSubtask<T> : WitWaitable,
    global::System.Threading.Tasks.Sources.IValueTaskSource<T>, global::System.Threading.Tasks.Sources.IValueTaskSource
{
    [global::System.ThreadStatic] private static WitSubtask<T>? s_free;

    private readonly WitCleanup _arguments = new();
    private WitSubtask<T>? _nextFree;
    private WitCompletion<T> _completion;
    private global::System.Func<int, T>? _lift;
    private int _resultArea;
    private WitTask? _task;
    private bool _started;
    private bool _cancelRequested;
    private global::System.Threading.CancellationTokenRegistration _registration;

    /// <summary>A call: allocates the result area (<paramref name="resultSize"/> 0: none) and remembers how to lift the result from it.</summary>
    public static WitSubtask<T> Begin(global::System.Func<int, T>? lift, int resultSize, int resultAlign)
    {
        var call = s_free;
        if (call is null) call = new WitSubtask<T>();
        else
        {
            s_free = call._nextFree;
            call._nextFree = null;
        }
        call._completion.Reset();
        call._lift = lift;
        call._resultArea = resultSize > 0 ? WitMemory.Alloc(resultSize, resultAlign) : 0;
        call._started = false;
        call._cancelRequested = false;
        return call;
    }

    /// <summary>Allocations for the arguments (and the params area): freed once the callee has lifted them.</summary>
    public WitCleanup Arguments => _arguments;

    /// <summary>Where the callee writes the result (the out-pointer argument).</summary>
    public int ResultArea => _resultArea;

    /// <summary>Lowering the arguments failed before the import was called: free everything, forget the call.</summary>
    public void Abandon()
    {
        _arguments.FreeAll();
        FreeResultArea();
        Recycle();
    }

    /// <summary>Continues after the import returned <paramref name="status"/>: completes at once when the callee
    /// returned, else waits for the subtask's events in the running task.</summary>
    public global::System.Threading.Tasks.ValueTask<T> Start(int status, global::System.Threading.CancellationToken cancellationToken)
    {
        int state = WitAsyncAbi.Code(status);
        if (state == WitAsyncAbi.Returned)
        {
            _arguments.FreeAll();
            try
            {
                return new global::System.Threading.Tasks.ValueTask<T>(LiftResult());
            }
            catch (global::System.Exception error)
            {
                // a WIT error mapped to an exception: the awaiting code sees it
                return new global::System.Threading.Tasks.ValueTask<T>(global::System.Threading.Tasks.Task.FromException<T>(error));
            }
            finally
            {
                Recycle();
            }
        }
        var token = _completion.Version;
        Register(WitAsyncAbi.Index(status));
        _task = JoinRunningTask();
        _task.OperationStarted();
        if (state == WitAsyncAbi.Started) Started();
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static s => ((WitSubtask<T>)s!).Cancel(), this);
        return new global::System.Threading.Tasks.ValueTask<T>(this, token);
    }

    /// <summary>Like <see cref="Start"/> for imports without a result.</summary>
    public global::System.Threading.Tasks.ValueTask StartVoid(int status, global::System.Threading.CancellationToken cancellationToken)
    {
        short token = _completion.Version;
        var started = Start(status, cancellationToken);
        if (started.IsCompleted) return started.IsCompletedSuccessfully ? default : new global::System.Threading.Tasks.ValueTask(started.AsTask());
        return new global::System.Threading.Tasks.ValueTask(this, token);
    }

    private T LiftResult()
    {
        try
        {
            return _lift is null ? default! : _lift(_resultArea);
        }
        finally
        {
            FreeResultArea();
        }
    }

    private void FreeResultArea()
    {
        if (_resultArea != 0) WitMemory.Free(_resultArea);
        _resultArea = 0;
    }

    private void Started()
    {
        _started = true;
        _arguments.FreeAll();
    }

    internal override void OnEvent(int code, int payload)
    {
        if (code != WitAsyncAbi.EventSubtask) throw new WitTrapException("subtask " + Handle + " got event " + code);
        Progress(payload);
    }

    private void Progress(int state)
    {
        switch (state)
        {
            case WitAsyncAbi.Started:
                if (!_started) Started();
                return;
            case WitAsyncAbi.Returned:
                if (!_started) Started();
                Resolve(returned: true);
                return;
            case WitAsyncAbi.CancelledBeforeStarted:
            case WitAsyncAbi.CancelledBeforeReturned:
                if (!_started) Started();
                Resolve(returned: false);
                return;
            default:
                throw new WitTrapException("subtask " + Handle + " reported state " + state);
        }
    }

    private void Resolve(bool returned)
    {
        _registration.Dispose();
        _registration = default;
        WitAsyncAbi.SubtaskDrop(Handle);
        Unregister();
        _task!.OperationEnded();
        _task = null;
        if (!returned)
        {
            FreeResultArea();
            _completion.SetException(new global::System.OperationCanceledException("the async import call was cancelled"));
            return;
        }
        T result;
        try
        {
            result = LiftResult();
        }
        catch (global::System.Exception error)
        {
            _completion.SetException(error);
            return;
        }
        _completion.SetResult(result);
    }

    /// <summary>subtask.cancel: the callee resolves (returned after all, or cancelled) at once or later, with an event.</summary>
    private void Cancel()
    {
        if (_cancelRequested || Handle == 0 || _completion.IsCompleted) return;
        _cancelRequested = true;
        int status = WitAsyncAbi.SubtaskCancel(Handle);
        if (status != WitAsyncAbi.Blocked) Progress(status);
    }

    private void Recycle()
    {
        _lift = null;
        _nextFree = s_free;
        s_free = this;
    }

    public global::System.Threading.Tasks.Sources.ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

    public void OnCompleted(global::System.Action<object?> continuation, object? state, short token,
        global::System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    public T GetResult(short token)
    {
        try
        {
            return _completion.GetResult(token);
        }
        finally
        {
            if (_completion.IsCompleted) Recycle();
        }
    }

    void global::System.Threading.Tasks.Sources.IValueTaskSource.GetResult(short token) => GetResult(token);
}
