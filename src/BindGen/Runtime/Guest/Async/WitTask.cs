// Emitted with the async ABI: the single-threaded runtime of callback-lifted exports. Each call of an async export
// is a WitTask with its own waitable set and run queue (a SynchronizationContext): the export's core function and
// its callback drain the queue, dispatch the event the host delivers to the waitable it names, and tell the host
// to wait on the task's set, or that the task is done. No threads, no thread pool: continuations run when an event
// of their task arrives. Dispatching an event allocates nothing.
namespace WitTools.Runtime;

/// <summary>
/// Something the host can report an event for: a subtask (an async import call in progress), or one end of a stream
/// or future. Registered by its handle while an operation may report; joined to the waitable set of the task that
/// started the operation.
/// </summary>
public abstract class WitWaitable
{
    private static WitWaitable?[] s_byHandle = new WitWaitable?[64];

    internal int Handle;

    /// <summary>The task whose waitable set this handle is joined to (null: none).</summary>
    internal WitTask? JoinedTo;

    /// <summary>Position in <see cref="JoinedTo"/>'s list of joined waitables.</summary>
    internal int JoinIndex = -1;

    /// <summary>Delivers an event of this waitable (<paramref name="code"/>: a <see cref="WitAsyncAbi"/> event code).</summary>
    internal abstract void OnEvent(int code, int payload);

    internal static void Dispatch(int code, int handle, int payload)
    {
        var waitable = (uint)handle < (uint)s_byHandle.Length ? s_byHandle[handle] : null;
        if (waitable is null) throw new WitTrapException("event " + code + " for unknown waitable " + handle);
        waitable.OnEvent(code, payload);
    }

    internal void Register(int handle)
    {
        Handle = handle;
        if (handle >= s_byHandle.Length)
        {
            int size = s_byHandle.Length;
            while (size <= handle) size *= 2;
            global::System.Array.Resize(ref s_byHandle, size);
        }
        s_byHandle[handle] = this;
    }

    /// <summary>Forgets the handle (after it was dropped or handed to the other side); it leaves its task's set with it.</summary>
    internal void Unregister()
    {
        if (Handle > 0 && Handle < s_byHandle.Length && s_byHandle[Handle] == this) s_byHandle[Handle] = null;
        JoinedTo?.Forget(this);
        Handle = 0;
    }

    /// <summary>Joins the handle to the set of the running task (once; the handle stays joined until it moves or the task ends)
    /// and returns that task, which counts the operation about to start as pending.</summary>
    internal WitTask JoinRunningTask()
    {
        var task = WitTask.Running;
        if (JoinedTo != task)
        {
            JoinedTo?.Forget(this);
            WitAsyncAbi.WaitableJoin(Handle, task.Set);
            task.Remember(this);
        }
        return task;
    }

    /// <summary>Takes the handle out of any waitable set (before it is handed to the other side, which the ABI requires).</summary>
    internal void LeaveSet()
    {
        if (JoinedTo is null) return;
        WitAsyncAbi.WaitableJoin(Handle, 0);
        JoinedTo.Forget(this);
    }
}

/// <summary>
/// One call of an async export (a task): its waitable set, its run queue, its cancellation, and whether it returned.
/// Created by the export's core function; found again by its callback through the task's context slot (<c>context.get 0</c>).
/// </summary>
public sealed class WitTask
{
    private static WitTask?[] s_tasks = new WitTask?[8];

    /// <summary>The task whose code is running (inside its export's core function or callback), or null.</summary>
    internal static WitTask? Current;

    private readonly WitTaskContext _context;
    private WorkItem[] _queue = new WorkItem[16];
    private int _head;
    private int _count;
    private int _id;
    private int _set;
    private int _pending;
    private bool _returned;
    private bool _finished;
    private global::System.Threading.Tasks.ValueTask _body;
    private global::System.Threading.CancellationTokenSource? _cancellation;
    private bool _cancelDelivered;
    private global::System.Threading.SynchronizationContext? _outer;
    private WitWaitable?[] _joined = new WitWaitable?[4];
    private int _joinedCount;
    private Wake? _wake;
    private global::System.Action[] _yielders = new global::System.Action[2];
    private int _yielderCount;

    private WitTask() => _context = new WitTaskContext(this);

    /// <summary>
    /// Lets the host run other work (other tasks, other components) before the code after the <c>await</c> continues: the
    /// export's callback returns <c>YIELD</c> and resumes on the next call. A component has one thread; this is how a long
    /// computation stays fair.
    /// </summary>
    public static YieldAwaitable YieldAsync() => new(Running);

    /// <summary>What <see cref="YieldAsync"/> returns: awaiting it yields to the host once.</summary>
    public readonly struct YieldAwaitable : global::System.Runtime.CompilerServices.INotifyCompletion
    {
        private readonly WitTask _task;

        internal YieldAwaitable(WitTask task) => _task = task;

        public YieldAwaitable GetAwaiter() => this;

        public bool IsCompleted => false;

        public void OnCompleted(global::System.Action continuation) => _task.AddYielder(continuation);

        public void GetResult()
        {
        }
    }

    private void ResumeYielders()
    {
        for (int i = 0; i < _yielderCount; i++)
        {
            Enqueue(static a => ((global::System.Action)a!)(), null, _yielders[i]);
            _yielders[i] = null!;
        }
        _yielderCount = 0;
    }

    private void AddYielder(global::System.Action continuation)
    {
        if (_yielderCount == _yielders.Length) global::System.Array.Resize(ref _yielders, _yielders.Length * 2);
        _yielders[_yielderCount++] = continuation;
    }

    /// <summary>The running task; async imports, streams and futures need one (their events reach a task's callback).</summary>
    internal static WitTask Running => Current ?? throw new global::System.InvalidOperationException(
        "no async export is running: async imports, streams and futures can be used only from the code of an async export " +
        "(their completion is delivered to the export's task)");

    /// <summary>Starts a task for a call of an async export: stores it in the context slot and makes it current.</summary>
    internal static WitTask Begin()
    {
        var task = new WitTask();
        int id = 1; // context slot 0 means "no task"
        while (id < s_tasks.Length && s_tasks[id] is not null) id++;
        if (id == s_tasks.Length) global::System.Array.Resize(ref s_tasks, s_tasks.Length * 2);
        task._id = id;
        s_tasks[id] = task;
        WitAsyncAbi.ContextSet(id);
        task.Enter();
        return task;
    }

    /// <summary>The waitable set of this task (created on first use).</summary>
    internal int Set => _set != 0 ? _set : _set = WitAsyncAbi.WaitableSetNew();

    /// <summary>Cancelled when the host cancels this task (an export sees its caller's cancellation through it).</summary>
    public global::System.Threading.CancellationToken CancellationToken => (_cancellation ??= new()).Token;

    /// <summary>Whether the host asked this task to stop (task.cancel may then end it without a result).</summary>
    public bool IsCancellationRequested => _cancelDelivered;

    /// <summary>Runs the export's body (already started by the caller, inside this task) until it needs an event: the
    /// code for the host (<c>EXIT</c>, or <c>WAIT</c> with the task's set).</summary>
    internal int Start(global::System.Threading.Tasks.ValueTask body)
    {
        _body = body;
        return Step();
    }

    /// <summary>The callback of an async export: finds the task, delivers the event, runs what it unblocked.</summary>
    internal static int Callback(int code, int index, int payload)
    {
        int id = WitAsyncAbi.ContextGet();
        var task = (uint)id < (uint)s_tasks.Length ? s_tasks[id] : null;
        if (task is null) throw new WitTrapException("callback for unknown task " + id);
        task.Enter();
        // Events are dispatched outside the task's context: a Task completed here by code resumed without a context
        // (ConfigureAwait(false), as library code such as System.Text.Json awaits) then resumes its own awaiters inline.
        // Under a custom context .NET would queue them to the thread pool, which a component does not run.
        global::System.Threading.SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            switch (code)
            {
                case WitAsyncAbi.EventNone:
                    // after YIELD: the yielded continuations run now
                    task.ResumeYielders();
                    break;
                case WitAsyncAbi.EventTaskCancelled:
                    task._cancelDelivered = true;
                    task.ResumeYielders();
                    task._cancellation?.Cancel();
                    break;
                default:
                    WitWaitable.Dispatch(code, index, payload);
                    break;
            }
        }
        catch
        {
            task.Leave();
            throw;
        }
        return task.Step();
    }

    private void Enter()
    {
        Current = this;
        _outer = global::System.Threading.SynchronizationContext.Current;
        global::System.Threading.SynchronizationContext.SetSynchronizationContext(_context);
    }

    private void Leave()
    {
        Current = null;
        global::System.Threading.SynchronizationContext.SetSynchronizationContext(_outer);
        _outer = null;
    }

    /// <summary>Drains the run queue, then tells the host what to do: exit once returned with nothing in flight, else wait.</summary>
    private int Step()
    {
        try
        {
            Drain();
            if (_body.IsCompleted && !_returned)
            {
                _body.GetAwaiter().GetResult(); // a failed body traps with its exception
                throw new global::System.InvalidOperationException("the export completed without returning a value");
            }
            if (_yielderCount > 0) return WitAsyncAbi.Yield;
            if (_returned && _pending == 0 && _count == 0)
            {
                Finish();
                return WitAsyncAbi.Exit;
            }
            // nothing in flight that could deliver an event: keep one wake-up future pending so the set is not empty
            // and another task can resume this one
            if (_pending == 0 && !_returned) (_wake ??= new Wake(this)).Arm();
            return WitAsyncAbi.Wait | (Set << 4);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Runs the queued continuations of this task's code, in the task's context (their next awaits come back here).</summary>
    private void Drain()
    {
        if (_count == 0) return;
        global::System.Threading.SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            while (_count > 0)
            {
                var item = _queue[_head];
                _queue[_head] = default;
                _head = (_head + 1) % _queue.Length;
                _count--;
                if (item.Action is not null) item.Action(item.State);
                else item.Callback!(item.State);
            }
        }
        finally
        {
            global::System.Threading.SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    private void Finish()
    {
        _finished = true;
        _wake?.Disarm();
        for (int i = _joinedCount - 1; i >= 0; i--) _joined[i]!.LeaveSet();
        if (_set != 0) WitAsyncAbi.WaitableSetDrop(_set);
        _set = 0;
        s_tasks[_id] = null;
        _cancellation?.Dispose();
    }

    /// <summary>An operation of this task is in flight (its event will reach this task's callback).</summary>
    internal void OperationStarted() => _pending++;

    /// <summary>An operation of this task completed (its event arrived, or it ended at once).</summary>
    internal void OperationEnded() => _pending--;

    /// <summary>task.return was called (or task.cancel): the export has its result.</summary>
    internal void Returned()
    {
        if (_returned) throw new global::System.InvalidOperationException("the export returned twice");
        _returned = true;
    }

    /// <summary>The export gave up after the host cancelled it: <c>task.cancel</c> instead of a result.</summary>
    internal void CancelWithoutResult()
    {
        Returned();
        WitAsyncAbi.TaskCancel();
    }

    /// <summary>Whether an exception from the export's implementation is its reaction to the host's cancellation.</summary>
    internal bool IsCancellation(global::System.Exception error) =>
        _cancelDelivered && error is global::System.OperationCanceledException;

    internal void Remember(WitWaitable waitable)
    {
        if (_joinedCount == _joined.Length) global::System.Array.Resize(ref _joined, _joined.Length * 2);
        waitable.JoinedTo = this;
        waitable.JoinIndex = _joinedCount;
        _joined[_joinedCount++] = waitable;
    }

    internal void Forget(WitWaitable waitable)
    {
        int index = waitable.JoinIndex;
        if (index < 0 || index >= _joinedCount || _joined[index] != waitable) return;
        var last = _joined[--_joinedCount]!;
        _joined[index] = last;
        last.JoinIndex = index;
        _joined[_joinedCount] = null;
        waitable.JoinedTo = null;
        waitable.JoinIndex = -1;
    }

    /// <summary>Queues a continuation of this task's code; wakes the task when another task (or none) is running.</summary>
    internal void Enqueue(global::System.Action<object?>? action, global::System.Threading.SendOrPostCallback? callback, object? state)
    {
        if (_finished)
        {
            // a continuation outliving its export: run it with whatever task is running, or now
            if (Current is { } running && running != this) running.Enqueue(action, callback, state);
            else if (action is not null) action(state);
            else callback!(state);
            return;
        }
        if (_count == _queue.Length)
        {
            var grown = new WorkItem[_queue.Length * 2];
            for (int i = 0; i < _count; i++) grown[i] = _queue[(_head + i) % _queue.Length];
            _queue = grown;
            _head = 0;
        }
        _queue[(_head + _count) % _queue.Length] = new WorkItem(action, callback, state);
        _count++;
        if (Current != this) (_wake ??= new Wake(this)).Signal();
    }

    private readonly struct WorkItem
    {
        public WorkItem(global::System.Action<object?>? action, global::System.Threading.SendOrPostCallback? callback, object? state)
        {
            Action = action;
            Callback = callback;
            State = state;
        }

        public readonly global::System.Action<object?>? Action;
        public readonly global::System.Threading.SendOrPostCallback? Callback;
        public readonly object? State;
    }

    /// <summary>
    /// Resumes a waiting task from outside its callback: a payload-less future whose read is pending in the task's set;
    /// writing it delivers a <c>FUTURE_READ</c> event to the task. Armed only while the task has nothing else in flight,
    /// or when another task queues work for it.
    /// </summary>
    private sealed class Wake : WitWaitable
    {
        private readonly WitTask _task;
        private int _writer;
        private bool _armed;
        private bool _signalled;

        public Wake(WitTask task) => _task = task;

        public void Arm()
        {
            if (_armed) return;
            long ends = WitAsyncAbi.WakeNew();
            Register(unchecked((int)ends));
            _writer = (int)(ends >> 32);
            _armed = true;
            _signalled = false;
            // joined to the task's set directly: the task is not necessarily the running one
            if (JoinedTo != _task)
            {
                JoinedTo?.Forget(this);
                WitAsyncAbi.WaitableJoin(Handle, _task.Set);
                _task.Remember(this);
            }
            int status = WitAsyncAbi.WakeRead(Handle, 0);
            if (status != WitAsyncAbi.Blocked) throw new WitTrapException("a fresh wake-up future completed at once (" + status + ")");
        }

        public void Signal()
        {
            if (_signalled) return;
            Arm();
            _signalled = true;
            int status = WitAsyncAbi.WakeWrite(_writer, 0);
            if (status == WitAsyncAbi.Blocked) throw new WitTrapException("writing the wake-up future blocked");
            WitAsyncAbi.WakeDropWritable(_writer);
            _writer = 0;
        }

        public void Disarm()
        {
            if (!_armed) return;
            int status = WitAsyncAbi.WakeCancelRead(Handle);
            if (status == WitAsyncAbi.Blocked) throw new WitTrapException("cancelling the wake-up read blocked");
            Close();
        }

        internal override void OnEvent(int code, int payload) => Close();

        private void Close()
        {
            LeaveSet();
            WitAsyncAbi.WakeDropReadable(Handle);
            Unregister();
            if (_writer != 0) WitAsyncAbi.WakeDropWritable(_writer);
            _writer = 0;
            _armed = false;
            _signalled = false;
        }
    }
}

/// <summary>The synchronization context of a task: awaits in its code resume in its run queue.</summary>
internal sealed class WitTaskContext : global::System.Threading.SynchronizationContext
{
    private readonly WitTask _task;

    public WitTaskContext(WitTask task) => _task = task;

    public override void Post(global::System.Threading.SendOrPostCallback d, object? state) => _task.Enqueue(null, d, state);

    public override void Send(global::System.Threading.SendOrPostCallback d, object? state) => d(state);

    public override global::System.Threading.SynchronizationContext CreateCopy() => this;

    internal void Post(global::System.Action<object?> continuation, object? state) => _task.Enqueue(continuation, null, state);
}

/// <summary>
/// The completion of one operation (an import call, a read, a write) behind a <c>ValueTask</c>, reusable: like
/// <c>ManualResetValueTaskSourceCore</c>, but a continuation captured in a task's context goes straight into that task's
/// run queue (nothing allocated per completion).
/// </summary>
internal struct WitCompletion<T>
{
    private global::System.Action<object?>? _continuation;
    private object? _state;
    private global::System.Threading.SynchronizationContext? _context;
    private T _result;
    private global::System.Exception? _error;
    private bool _completed;

    public short Version { get; private set; }

    public bool IsCompleted => _completed;

    public void Reset()
    {
        Version++;
        _completed = false;
        _result = default!;
        _error = null;
        _continuation = null;
        _state = null;
        _context = null;
    }

    public global::System.Threading.Tasks.Sources.ValueTaskSourceStatus GetStatus(short token)
    {
        Check(token);
        if (!_completed) return global::System.Threading.Tasks.Sources.ValueTaskSourceStatus.Pending;
        if (_error is null) return global::System.Threading.Tasks.Sources.ValueTaskSourceStatus.Succeeded;
        return _error is global::System.OperationCanceledException
            ? global::System.Threading.Tasks.Sources.ValueTaskSourceStatus.Canceled
            : global::System.Threading.Tasks.Sources.ValueTaskSourceStatus.Faulted;
    }

    public T GetResult(short token)
    {
        Check(token);
        if (!_completed)
            throw new global::System.InvalidOperationException(
                "the operation has not completed: await it (blocking on it cannot work, the component has one thread)");
        if (_error is not null) global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_error).Throw();
        return _result;
    }

    public void OnCompleted(global::System.Action<object?> continuation, object? state, short token,
        global::System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags)
    {
        Check(token);
        if ((flags & global::System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
            _context = global::System.Threading.SynchronizationContext.Current;
        if (_completed)
        {
            Run(continuation, state, _context);
            return;
        }
        _continuation = continuation;
        _state = state;
    }

    public void SetResult(T result)
    {
        _result = result;
        Signal();
    }

    public void SetException(global::System.Exception error)
    {
        _error = error;
        Signal();
    }

    private void Signal()
    {
        if (_completed) throw new global::System.InvalidOperationException("the operation completed twice");
        _completed = true;
        var continuation = _continuation;
        if (continuation is null) return;
        _continuation = null;
        Run(continuation, _state, _context);
    }

    private static void Run(global::System.Action<object?> continuation, object? state, global::System.Threading.SynchronizationContext? context)
    {
        switch (context)
        {
            case WitTaskContext task:
                task.Post(continuation, state);
                break;
            case null:
                continuation(state);
                break;
            default:
                context.Post(s => ((global::System.Action<object?>)((object?[])s!)[0]!)(((object?[])s!)[1]), new[] { continuation, state });
                break;
        }
    }

    private void Check(short token)
    {
        if (token != Version) throw new global::System.InvalidOperationException("the operation's ValueTask was awaited after it was reused (await it once)");
    }
}
