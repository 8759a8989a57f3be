using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.AsyncHost.Canon;

/// <summary>The spec's <c>ComponentInstance</c>: handles, threads, entering/leaving and backpressure state, plus the core
/// code of the instance (its memory, realloc and exports).</summary>
public sealed class ComponentInstance
{
    public ComponentInstance(Store store, string name, ICoreInstance core)
    {
        Store = store;
        Name = name;
        Core = core;
    }

    public Store Store { get; }
    public string Name { get; }
    public ICoreInstance Core { get; }
    public Table<object> Handles { get; } = new();
    public Table<Thread> Threads { get; } = new();
    public bool MayEnter { get; set; } = true;
    public bool MayLeave { get; set; } = true;
    public int Backpressure { get; set; }
    public int NumWaitingToEnter { get; set; }
    public Thread? ExclusiveThread { get; set; }

    public bool MayEnterFrom(ComponentInstance? caller) => caller != this ? MayEnter : true;

    // no parents here: the entering set is the instance itself unless the caller is the instance
    public void EnterFrom(ComponentInstance? caller)
    {
        if (caller == this) return;
        if (!MayEnter) throw new InvalidOperationException("internal: entering " + Name + " twice");
        MayEnter = false;
    }

    public void LeaveTo(ComponentInstance? caller)
    {
        if (caller == this) return;
        MayEnter = true;
    }

    public override string ToString() => Name;
}

/// <summary>The core code of an instance: its linear memory, <c>cabi_realloc</c> and core exports.</summary>
public interface ICoreInstance
{
    /// <summary>The linear memory (it may be replaced when it grows: read it again after calls into the instance).</summary>
    byte[] Memory { get; }

    int Realloc(int old, int oldSize, int align, int newSize);

    /// <summary>Calls a core export with core values (int, long, float, double); its result or null.</summary>
    object? CallExport(string name, object[] args);
}

/// <summary>The spec's <c>Thread</c>: a continuation plus the waiting state the store schedules by.</summary>
public sealed class Thread
{
    private static int s_sequence;
    private readonly Store _store;

    public Thread(Task task, Action threadFunc)
    {
        Task = task;
        _store = task.Inst.Store;
        Sequence = System.Threading.Interlocked.Increment(ref s_sequence);
        Cont = _store.Continuations.New(cancelled =>
        {
            if (cancelled != Cancelled.False) throw new InvalidOperationException("internal: a new thread started cancelled");
            threadFunc();
            return null;
        });
        Storage = new long[2];
    }

    /// <summary>Creation order: the canonical order of candidates for a random choice.</summary>
    public int Sequence { get; }

    public Continuations.Continuation? Cont { get; set; }
    public Func<bool>? ReadyFunc { get; private set; }
    public Task Task { get; }
    public bool Cancellable { get; private set; }
    public int? Index { get; set; }
    public long[] Storage { get; }

    public bool Running => Cont is null;
    public bool Suspended => !Running && ReadyFunc is null;
    public bool Waiting => !Running && ReadyFunc is not null;
    public bool Ready => Waiting && ReadyFunc!();

    public void StartWaitingInternal(Func<bool> readyFunc)
    {
        ReadyFunc = readyFunc;
        _store.Waiting.Add(this);
    }

    public void StopWaitingInternal()
    {
        ReadyFunc = null;
        _store.Waiting.Remove(this);
    }

    public void ResumeLater()
    {
        StartWaitingInternal(() => true);
    }

    public void Resume(Cancelled cancelled = Cancelled.False)
    {
        if (Running || (!Cancellable && cancelled != Cancelled.False)) throw new InvalidOperationException("internal: bad resume");
        if (Waiting) StopWaitingInternal();
        Thread? thread = this;
        while (thread is not null)
        {
            var cont = thread.Cont!;
            thread.Cont = null;
            var (next, switchTo) = _store.Continuations.Resume(cont, cancelled, thread);
            thread.Cont = next;
            thread = switchTo;
            cancelled = Cancelled.False;
        }
    }

    private Cancelled BlockInternal(bool cancellable)
    {
        Cancellable = cancellable;
        return _store.Continuations.Block(null);
    }

    public Cancelled Suspend(bool cancellable)
    {
        if (Task.DeliverPendingCancel(cancellable)) return Cancelled.True;
        return BlockInternal(cancellable);
    }

    public Cancelled WaitUntil(Func<bool> readyFunc, bool cancellable = false)
    {
        if (Task.DeliverPendingCancel(cancellable)) return Cancelled.True;
        if (readyFunc() && !_store.Deterministic && _store.Random.RandInt(0, 1) == 1) return Cancelled.False;
        StartWaitingInternal(readyFunc);
        return BlockInternal(cancellable);
    }

    public Cancelled Yield(bool cancellable) => WaitUntil(() => true, cancellable);

    public override string ToString() => "thread " + Sequence;
}

public delegate object?[] OnStart();

public delegate void OnResolve(object?[]? result);

public delegate void OnCancel(ComponentInstance? caller);

/// <summary>A function as the component model sees it: given how to start (lift the arguments) and resolve (take the
/// results), it runs and returns how to cancel it.</summary>
public delegate OnCancel FuncInst(OnStart onStart, OnResolve onResolve, ComponentInstance? caller);

/// <summary>The canonical options of a lifted or lowered function (the spec's <c>CanonicalOptions</c>).</summary>
public sealed record CanonicalOptions(ComponentInstance? MemoryOf, StringEncoding Encoding, bool Async, string? Callback, string? PostReturn)
{
    public static readonly CanonicalOptions None = new(null, StringEncoding.Utf8, false, null, null);

    public bool HasMemory => MemoryOf is not null;
}

/// <summary>A component-level function type (the spec's <c>FuncType</c>).</summary>
public sealed record FuncType(IReadOnlyList<AbiType> Params, AbiType? Result, bool IsAsync)
{
    public IReadOnlyList<AbiType> ResultTypes => Result is null ? Array.Empty<AbiType>() : new[] { Result };

    public static FuncType Of(AbiFunction f) => new(f.Params.Select(p => p.Type).ToArray(), f.Result, f.IsAsync);
}

/// <summary>The spec's <c>Task</c>: one call of a lifted function.</summary>
public sealed class Task
{
    public enum State
    {
        Initial,
        Started,
        PendingCancel,
        CancelDelivered,
        Resolved,
    }

    private readonly OnStart _onStart;
    private readonly OnResolve _onResolve;

    public Task(FuncType ft, CanonicalOptions opts, ComponentInstance inst, OnStart onStart, OnResolve onResolve)
    {
        Ft = ft;
        Opts = opts;
        Inst = inst;
        _onStart = onStart;
        _onResolve = onResolve;
    }

    public FuncType Ft { get; }
    public CanonicalOptions Opts { get; }
    public ComponentInstance Inst { get; }
    public State CurrentState { get; set; } = State.Initial;
    public int NumBorrows { get; set; }
    public Thread? ImplicitThread { get; private set; }
    public List<Thread> Threads { get; } = new();

    public bool NeedsExclusive() => !Opts.Async || Opts.Callback is not null;

    public bool EnterImplicitThread()
    {
        ImplicitThread = Continuations.Current;
        if (Ft.IsAsync)
        {
            bool HasBackpressure() => Inst.Backpressure > 0 || (NeedsExclusive() && Inst.ExclusiveThread is not null);
            if (HasBackpressure() || Inst.NumWaitingToEnter > 0)
            {
                Inst.NumWaitingToEnter++;
                var cancelled = ImplicitThread.WaitUntil(() => !HasBackpressure(), cancellable: true);
                Inst.NumWaitingToEnter--;
                if (cancelled != Cancelled.False)
                {
                    Cancel();
                    return false;
                }
            }
            if (NeedsExclusive())
            {
                if (Inst.ExclusiveThread is not null) throw new InvalidOperationException("internal: exclusive thread taken");
                Inst.ExclusiveThread = ImplicitThread;
            }
        }
        RegisterThread(ImplicitThread);
        return true;
    }

    public void RegisterThread(Thread thread)
    {
        Threads.Add(thread);
        thread.Index = Inst.Threads.Add(thread);
    }

    public void ExitImplicitThread()
    {
        UnregisterThread(ImplicitThread!);
        if (Ft.IsAsync && NeedsExclusive()) Inst.ExclusiveThread = null;
    }

    public void UnregisterThread(Thread thread)
    {
        Threads.Remove(thread);
        if (Threads.Count == 0)
        {
            Trap.If(CurrentState != State.Resolved, "task ended without returning (task.return or task.cancel)");
        }
        Inst.Threads.Remove(thread.Index!.Value);
    }

    public void RequestCancellation(ComponentInstance? caller)
    {
        if (CurrentState == State.Initial)
        {
            CurrentState = State.CancelDelivered;
            ImplicitThread!.Resume(Cancelled.True);
            return;
        }
        var candidates = Threads.Where(t => t.Cancellable).OrderBy(t => t.Sequence).ToList();
        if (NeedsExclusive() && Inst.ExclusiveThread is not null && Inst.ExclusiveThread != ImplicitThread) candidates.Remove(ImplicitThread!);
        if (candidates.Count > 0 && Inst.MayEnterFrom(caller))
        {
            CurrentState = State.CancelDelivered;
            Inst.EnterFrom(caller);
            Inst.Store.Random.Choice(candidates).Resume(Cancelled.True);
            Inst.LeaveTo(caller);
        }
        else
        {
            CurrentState = State.PendingCancel;
        }
    }

    public bool DeliverPendingCancel(bool cancellable)
    {
        if (cancellable && CurrentState == State.PendingCancel)
        {
            CurrentState = State.CancelDelivered;
            return true;
        }
        return false;
    }

    public object?[] Start()
    {
        CurrentState = State.Started;
        return _onStart();
    }

    public void Return(object?[] result)
    {
        Trap.If(CurrentState == State.Resolved, "task.return after the task resolved");
        Trap.If(NumBorrows > 0, "task.return with borrowed handles not dropped");
        _onResolve(result);
        CurrentState = State.Resolved;
    }

    public void Cancel()
    {
        Trap.If(CurrentState != State.CancelDelivered, "task.cancel without a delivered cancellation");
        Trap.If(NumBorrows > 0, "task.cancel with borrowed handles not dropped");
        _onResolve(null);
        CurrentState = State.Resolved;
    }
}

/// <summary>The spec's <c>Store</c>: the waiting threads and the scheduler loop.</summary>
public sealed class Store : IDisposable
{
    public Store(ulong seed, bool deterministic = false)
    {
        Random = new Scheduler(seed);
        Deterministic = deterministic;
    }

    public List<Thread> Waiting { get; } = new();
    public int NestingDepth { get; set; }
    public Scheduler Random { get; }

    /// <summary>The spec's DETERMINISTIC_PROFILE: no early returns of ready waits, empty error-context messages.</summary>
    public bool Deterministic { get; }

    public Continuations Continuations { get; } = new();

    /// <summary>Every built-in and core call, in order (compared with the reference's).</summary>
    public CallTrace Trace { get; } = new();

    /// <summary>The first trap (a trap kills the instances: whatever the guest code does with the exception, the run ends with it).</summary>
    public string? FirstTrap { get; private set; }

    /// <summary>Records a trap (the first one counts) and returns the exception to throw.</summary>
    public Exception Trapped(Exception e)
    {
        FirstTrap ??= Emulator.Describe(e);
        return e;
    }

    /// <summary>After a trap nothing runs: every later call traps too.</summary>
    public void CheckAlive()
    {
        if (FirstTrap is not null) throw new Trap("the instances trapped earlier: " + FirstTrap);
    }

    private readonly Dictionary<WitParser.Model.TypeId, ResourceType> _resources = new();

    /// <summary>Registers the resource type an instance implements (its exported resource).</summary>
    public void DefineResource(WitParser.Model.TypeId resource, ResourceType type) => _resources[resource] = type;

    /// <summary>The resource type a handle type refers to.</summary>
    public ResourceType ResourceTypeOf(AbiType handle) =>
        handle.Resource is { } id && _resources.TryGetValue(id, out var rt) ? rt : throw new InvalidOperationException("internal: no instance implements " + handle.ResourceName);

    /// <summary>The spec's <c>Store.lift</c>: a function instance running <paramref name="callee"/> of <paramref name="inst"/>.</summary>
    public FuncInst Lift(string callee, FuncType ft, CanonicalOptions opts, ComponentInstance inst) => (onStart, onResolve, caller) =>
    {
        Trap.If(!inst.MayEnterFrom(caller), "cannot enter component instance " + inst.Name + " (reentrance)");
        inst.EnterFrom(caller);
        var onCancel = CanonAbi.Lift(callee, ft, opts, inst, onStart, onResolve);
        inst.LeaveTo(caller);
        return onCancel;
    };

    /// <summary>The spec's <c>Store.lower</c>: the core function a guest calls for <paramref name="f"/>.</summary>
    public Func<object[], object[]> LowerFunc(FuncInst f, FuncType ft, CanonicalOptions opts) => args => CanonAbi.Lower(f, ft, opts, args);

    public OnCancel Invoke(FuncInst f, OnStart onStart, OnResolve onResolve)
    {
        NestingDepth++;
        var onCancel = f(onStart, onResolve, null);
        NestingDepth--;
        return onCancel;
    }

    /// <summary>Runs one ready thread (chosen by the scheduler), if any; false when none is ready.</summary>
    public bool Tick()
    {
        NestingDepth++;
        try
        {
            var candidates = Waiting.Where(t => t.Ready).OrderBy(t => t.Sequence).ToList();
            if (candidates.Count == 0) return false;
            var thread = Random.Choice(candidates);
            thread.Task.Inst.EnterFrom(null);
            thread.Resume();
            thread.Task.Inst.LeaveTo(null);
            return true;
        }
        finally
        {
            NestingDepth--;
        }
    }

    public void Dispose() => Continuations.Dispose();
}
