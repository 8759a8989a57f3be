using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.AsyncHost.Canon;

/// <summary>
/// The canonical definitions (CanonicalABI.md "Canonical Definitions", component-model 6d28164): <c>canon lift</c>,
/// <c>canon lower</c> and the built-ins, over <see cref="ComponentInstance"/>s whose core code is C# (generated bindings).
/// A port of definitions.py's semantics in C#; the reference bridge runs definitions.py itself.
/// </summary>
public static class CanonAbi
{
    private const int MaxFlatParams = Flattening.MaxFlatParams;
    private const int MaxFlatAsyncParams = Flattening.MaxFlatAsyncParams;
    private const int MaxFlatResults = Flattening.MaxFlatResults;
    private const uint Blocked = AsyncAbi.Blocked;

    private static object[] CallCore(ComponentInstance inst, string name, IReadOnlyList<object> args)
    {
        var store = inst.Store;
        store.CheckAlive();
        var argArray = args.ToArray();
        store.Trace.CallIn(inst.Name, name, argArray);
        object? result;
        try
        {
            result = inst.Core.CallExport(name, argArray.Select(CoreValue.ToGuest).ToArray());
        }
        catch (Exception e)
        {
            store.Trace.Trapped();
            throw store.Trapped(e);
        }
        var results = result is null ? Array.Empty<object>() : new[] { CoreValue.FromGuest(result) };
        store.Trace.Returned(results);
        return results;
    }

    // ---------------------------------------------------------------- canon lift

    /// <summary>The spec's <c>canon_lift</c>: runs <paramref name="callee"/> (a core export of <paramref name="inst"/>) as a task.</summary>
    public static OnCancel Lift(string callee, FuncType ft, CanonicalOptions opts, ComponentInstance inst, OnStart onStart, OnResolve onResolve)
    {
        Task task = null!;
        Thread thread = null!;
        void ThreadFunc()
        {
            if (!task.EnterImplicitThread()) return;
            var cx = new Cx(opts, inst, task);
            var args = task.Start();
            var flatArgs = ValueAbi.LowerFlatValues(cx, MaxFlatParams, args, ft.Params);
            if (!opts.Async)
            {
                var flatResults = CallCore(inst, callee, flatArgs);
                var iter = new ValueAbi.CoreValues(flatResults);
                var result = ValueAbi.LiftFlatValues(cx, MaxFlatResults, iter.Next, ft.ResultTypes);
                task.Return(result);
                if (opts.PostReturn is { } postReturn)
                {
                    inst.MayLeave = false;
                    CallCore(inst, postReturn, flatResults);
                    inst.MayLeave = true;
                }
                task.ExitImplicitThread();
                return;
            }
            if (opts.Callback is null) throw new NotSupportedException("stackful async lift is not emulated");
            var packed = CoreValue.I32(CallCore(inst, callee, flatArgs)[0]);
            var (code, si) = UnpackCallbackResult(packed);
            while (code != CallbackCode.Exit)
            {
                inst.ExclusiveThread = null;
                Event e;
                switch (code)
                {
                    case CallbackCode.Yield:
                    {
                        var cancelled = thread.WaitUntil(() => inst.ExclusiveThread is null, cancellable: true);
                        e = cancelled != Cancelled.False ? new Event(EventCode.TaskCancelled, 0, 0) : new Event(EventCode.None, 0, 0);
                        break;
                    }
                    case CallbackCode.Wait:
                    {
                        var wset = inst.Handles.Get(si);
                        Trap.If(wset is not WaitableSet, "callback waits on " + si + ", which is not a waitable set");
                        e = ((WaitableSet)wset).WaitForEventAnd(() => inst.ExclusiveThread is null, cancellable: true);
                        break;
                    }
                    default:
                        throw new Trap("invalid callback code " + code);
                }
                inst.ExclusiveThread = task.ImplicitThread;
                packed = CoreValue.I32(CallCore(inst, opts.Callback, new object[] { (uint)e.Code, (uint)e.Index, (uint)e.Payload })[0]);
                (code, si) = UnpackCallbackResult(packed);
            }
            task.ExitImplicitThread();
        }

        task = new Task(ft, opts, inst, onStart, onResolve);
        thread = new Thread(task, ThreadFunc);
        thread.Resume();
        if (!ft.IsAsync)
        {
            while (task.CurrentState != Task.State.Resolved)
            {
                var candidates = inst.Threads.Items.Where(t => t.Ready && t != inst.ExclusiveThread).OrderBy(t => t.Sequence).ToList();
                Trap.If(candidates.Count == 0, "a synchronous task blocked with nothing to run (deadlock)");
                inst.Store.Random.Choice(candidates).Resume();
            }
        }
        return task.RequestCancellation;
    }

    private static (CallbackCode Code, long Set) UnpackCallbackResult(uint packed)
    {
        uint code = packed & 0xf;
        Trap.If(code > (uint)CallbackCode.Wait, "invalid callback code " + code);
        return ((CallbackCode)code, packed >> 4);
    }

    // ---------------------------------------------------------------- canon lower

    /// <summary>The spec's <c>canon_lower</c>: the guest called the import <paramref name="callee"/> with core values.</summary>
    public static object[] Lower(FuncInst callee, FuncType ft, CanonicalOptions opts, IReadOnlyList<object> flatArgs)
    {
        var thread = Continuations.Current;
        var inst = thread.Task.Inst;
        Trap.If(!inst.MayLeave, "calling an import while the instance may not leave");
        var iter = new ValueAbi.CoreValues(flatArgs);
        int maxParams = opts.Async ? MaxFlatAsyncParams : MaxFlatParams;
        int maxResults = opts.Async ? 0 : MaxFlatResults;
        var subtask = new Subtask();
        var cx = new Cx(opts, inst, subtask);
        Action maybeOnProgress = () => { };

        object?[] OnStart()
        {
            maybeOnProgress();
            subtask.State = SubtaskState.Started;
            return ValueAbi.LiftFlatValues(cx, maxParams, iter.Next, ft.Params);
        }

        void OnResolve(object?[]? result)
        {
            maybeOnProgress();
            if (result is null)
            {
                subtask.Resolve(subtask.State == SubtaskState.Starting ? SubtaskState.CancelledBeforeStarted : SubtaskState.CancelledBeforeReturned, Array.Empty<object>());
            }
            else
            {
                var flatResults = ValueAbi.LowerFlatValues(cx, maxResults, result, ft.ResultTypes, iter.Next);
                subtask.Resolve(SubtaskState.Returned, flatResults.ToArray());
            }
        }

        subtask.OnCancel = callee(OnStart, OnResolve, inst);
        if (!opts.Async)
        {
            if (!subtask.Resolved) thread.WaitUntil(() => subtask.Resolved);
            subtask.DeliverResolve();
            return subtask.FlatResults;
        }
        if (subtask.Resolved)
        {
            subtask.DeliverResolve();
            return new object[] { (uint)SubtaskState.Returned };
        }
        int subtaski = inst.Handles.Add(subtask);
        maybeOnProgress = () => subtask.SetPendingEvent(() =>
        {
            if (subtask.Resolved) subtask.DeliverResolve();
            return new Event(EventCode.Subtask, subtaski, (long)subtask.State);
        });
        return new object[] { (uint)subtask.State | ((uint)subtaski << 4) };
    }

    // ---------------------------------------------------------------- resources

    public static object[] ResourceNew(ResourceType rt, uint rep)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "resource.new while the instance may not leave");
        return new object[] { (uint)inst.Handles.Add(new ResourceHandle(rt, rep, own: true)) };
    }

    public static object[] ResourceDrop(ResourceType rt, uint i)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "resource.drop while the instance may not leave");
        var e = inst.Handles.Remove(i);
        Trap.If(e is not ResourceHandle, "resource.drop of " + i + ", which is not a resource");
        var h = (ResourceHandle)e;
        Trap.If(h.Rt != rt, "resource.drop of a " + h.Rt + " as a " + rt);
        Trap.If(h.NumLends != 0, "resource.drop of a lent handle");
        if (h.Own)
        {
            if (rt.Dtor is { } dtor)
            {
                var ft = new FuncType(new[] { AbiType.U32 }, null, false);
                var store = inst.Store;
                FuncInst callee = store.Lift(dtor, ft, CanonicalOptions.None, rt.Impl);
                var caller = store.LowerFunc(callee, ft, CanonicalOptions.None);
                caller(new object[] { (uint)h.Rep });
            }
        }
        else
        {
            h.BorrowScope!.NumBorrows--;
        }
        return Array.Empty<object>();
    }

    public static object[] ResourceRep(ResourceType rt, uint i)
    {
        var e = CurrentInstance.Handles.Get(i);
        Trap.If(e is not ResourceHandle, "resource.rep of " + i + ", which is not a resource");
        var h = (ResourceHandle)e;
        Trap.If(h.Rt != rt, "resource.rep of a " + h.Rt + " as a " + rt);
        return new object[] { (uint)h.Rep };
    }

    private static ComponentInstance CurrentInstance => Continuations.Current.Task.Inst;

    // ---------------------------------------------------------------- tasks

    public static object[] ContextGet(int slot) => new object[] { (uint)Continuations.Current.Storage[slot] };

    public static object[] ContextSet(int slot, uint value)
    {
        Continuations.Current.Storage[slot] = value;
        return Array.Empty<object>();
    }

    public static object[] BackpressureInc()
    {
        var inst = CurrentInstance;
        inst.Backpressure++;
        Trap.If(inst.Backpressure == 1 << 16, "backpressure overflow");
        return Array.Empty<object>();
    }

    public static object[] BackpressureDec()
    {
        var inst = CurrentInstance;
        inst.Backpressure--;
        Trap.If(inst.Backpressure < 0, "backpressure underflow");
        return Array.Empty<object>();
    }

    public static object[] TaskReturn(FuncType resultOf, CanonicalOptions opts, IReadOnlyList<object> flatArgs)
    {
        var task = Continuations.Current.Task;
        Trap.If(!task.Inst.MayLeave, "task.return while the instance may not leave");
        Trap.If(!task.Opts.Async, "task.return in a synchronously lifted task");
        Trap.If(!SameResult(resultOf.Result, task.Ft.Result), "task.return with the result type of another function");
        Trap.If(opts.Encoding != task.Opts.Encoding || opts.MemoryOf != task.Opts.MemoryOf, "task.return with other canonical options");
        var cx = new Cx(opts, task.Inst, task);
        var result = ValueAbi.LiftFlatValues(cx, MaxFlatParams, new ValueAbi.CoreValues(flatArgs).Next, task.Ft.ResultTypes);
        task.Return(result);
        return Array.Empty<object>();
    }

    private static bool SameResult(AbiType? a, AbiType? b) => ValueAbi.PayloadEquals(a, b);

    public static object[] TaskCancel()
    {
        var task = Continuations.Current.Task;
        Trap.If(!task.Inst.MayLeave, "task.cancel while the instance may not leave");
        Trap.If(!task.Opts.Async, "task.cancel in a synchronously lifted task");
        task.Cancel();
        return Array.Empty<object>();
    }

    // ---------------------------------------------------------------- waitables

    public static object[] WaitableSetNew()
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "waitable-set.new while the instance may not leave");
        return new object[] { (uint)inst.Handles.Add(new WaitableSet()) };
    }

    public static object[] WaitableSetWait(bool cancellable, uint si, uint ptr)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "waitable-set.wait while the instance may not leave");
        var wset = inst.Handles.Get(si);
        Trap.If(wset is not WaitableSet, "waitable-set.wait on " + si + ", which is not a waitable set");
        var e = ((WaitableSet)wset).WaitForEventAnd(() => true, cancellable);
        return UnpackEvent(inst, ptr, e);
    }

    public static object[] WaitableSetPoll(bool cancellable, uint si, uint ptr)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "waitable-set.poll while the instance may not leave");
        var wset = inst.Handles.Get(si);
        Trap.If(wset is not WaitableSet, "waitable-set.poll on " + si + ", which is not a waitable set");
        return UnpackEvent(inst, ptr, ((WaitableSet)wset).Poll(cancellable));
    }

    private static object[] UnpackEvent(ComponentInstance inst, uint ptr, Event e)
    {
        var cx = new Cx(new CanonicalOptions(inst, StringEncoding.Utf8, false, null, null), inst);
        ValueAbi.Store(cx, (ulong)e.Index, AbiType.U32, ptr);
        ValueAbi.Store(cx, (ulong)e.Payload, AbiType.U32, ptr + 4);
        return new object[] { (uint)e.Code };
    }

    public static object[] WaitableSetDrop(uint i)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "waitable-set.drop while the instance may not leave");
        var wset = inst.Handles.Remove(i);
        Trap.If(wset is not WaitableSet, "waitable-set.drop of " + i + ", which is not a waitable set");
        ((WaitableSet)wset).Drop();
        return Array.Empty<object>();
    }

    public static object[] WaitableJoin(uint wi, uint si)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "waitable.join while the instance may not leave");
        var w = inst.Handles.Get(wi);
        Trap.If(w is not Waitable, "waitable.join of " + wi + ", which is not a waitable");
        var waitable = (Waitable)w;
        Trap.If(waitable.HasSyncWaiter, "waitable.join of a waitable with a synchronous waiter");
        if (si == 0)
        {
            waitable.Join(null);
        }
        else
        {
            var wset = inst.Handles.Get(si);
            Trap.If(wset is not WaitableSet, "waitable.join into " + si + ", which is not a waitable set");
            waitable.Join((WaitableSet)wset);
        }
        return Array.Empty<object>();
    }

    public static object[] SubtaskCancel(bool async, uint i)
    {
        var thread = Continuations.Current;
        var inst = thread.Task.Inst;
        Trap.If(!inst.MayLeave, "subtask.cancel while the instance may not leave");
        var e = inst.Handles.Get(i);
        Trap.If(e is not Subtask, "subtask.cancel of " + i + ", which is not a subtask");
        var subtask = (Subtask)e;
        Trap.If(subtask.ResolveDelivered, "subtask.cancel of a subtask whose resolution was delivered");
        Trap.If(subtask.CancellationRequested, "subtask.cancel twice");
        Trap.If(subtask.InWaitableSet && !async, "synchronous subtask.cancel of a subtask in a waitable set");
        if (!subtask.Resolved)
        {
            subtask.CancellationRequested = true;
            subtask.OnCancel!(inst);
            if (!subtask.Resolved)
            {
                if (!async) subtask.WaitForPendingEvent();
                else return new object[] { Blocked };
            }
        }
        var ev = subtask.GetPendingEvent();
        return new object[] { (uint)ev.Payload };
    }

    public static object[] SubtaskDrop(uint i)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "subtask.drop while the instance may not leave");
        var s = inst.Handles.Remove(i);
        Trap.If(s is not Subtask, "subtask.drop of " + i + ", which is not a subtask");
        ((Subtask)s).Drop();
        return Array.Empty<object>();
    }

    // ---------------------------------------------------------------- streams and futures

    public static object[] StreamNew(AbiType? t)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "stream.new while the instance may not leave");
        var shared = new SharedStream(t);
        ulong ri = (uint)inst.Handles.Add(new ReadableStreamEnd(shared));
        ulong wi = (uint)inst.Handles.Add(new WritableStreamEnd(shared));
        return new object[] { ri | (wi << 32) };
    }

    public static object[] FutureNew(AbiType? t)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "future.new while the instance may not leave");
        var shared = new SharedFuture(t);
        ulong ri = (uint)inst.Handles.Add(new ReadableFutureEnd(shared));
        ulong wi = (uint)inst.Handles.Add(new WritableFutureEnd(shared));
        return new object[] { ri | (wi << 32) };
    }

    public static object[] StreamCopy(bool read, AbiType? t, CanonicalOptions opts, uint i, uint ptr, uint n)
    {
        var thread = Continuations.Current;
        var inst = thread.Task.Inst;
        Trap.If(!inst.MayLeave, "stream copy while the instance may not leave");
        var h = inst.Handles.Get(i);
        Trap.If(read ? h is not ReadableStreamEnd : h is not WritableStreamEnd, "stream." + (read ? "read" : "write") + " of " + i + ", which is not a " + (read ? "readable" : "writable") + " stream end");
        var e = (CopyEnd)h;
        Trap.If(!ValueAbi.PayloadEquals(e.PayloadType, t), "stream copy with another payload type");
        Trap.If(e.State != CopyState.Idle, "stream copy on an end that is not idle");
        Trap.If(e.InWaitableSet && !opts.Async, "synchronous stream copy on an end in a waitable set");
        var cx = new Cx(opts, inst);
        Buffer buffer = read ? new WritableBuffer(t, cx, ptr, n) : new ReadableBuffer(t, cx, ptr, n);
        var code = read ? EventCode.StreamRead : EventCode.StreamWrite;

        Event StreamEvent(CopyResult result, ReclaimBuffer reclaim)
        {
            reclaim();
            e.State = result == CopyResult.Dropped ? CopyState.Done : CopyState.Idle;
            long packed = (long)result | (buffer.Progress << 4);
            return new Event(code, i, packed);
        }

        void OnCopy(ReclaimBuffer reclaim) => e.SetPendingEvent(() => StreamEvent(CopyResult.Completed, reclaim));
        void OnCopyDone(CopyResult result) => e.SetPendingEvent(() => StreamEvent(result, () => { }));

        e.State = CopyState.Copying;
        var stream = (SharedStream)e.SharedObject;
        if (read) stream.Read(inst, (WritableBuffer)buffer, OnCopy, OnCopyDone);
        else stream.Write(inst, (ReadableBuffer)buffer, OnCopy, OnCopyDone);
        if (!e.HasPendingEvent)
        {
            if (!opts.Async) e.WaitForPendingEvent();
            else return new object[] { Blocked };
        }
        var ev = e.GetPendingEvent();
        return new object[] { (uint)ev.Payload };
    }

    public static object[] FutureCopy(bool read, AbiType? t, CanonicalOptions opts, uint i, uint ptr)
    {
        var thread = Continuations.Current;
        var inst = thread.Task.Inst;
        Trap.If(!inst.MayLeave, "future copy while the instance may not leave");
        var h = inst.Handles.Get(i);
        Trap.If(read ? h is not ReadableFutureEnd : h is not WritableFutureEnd, "future." + (read ? "read" : "write") + " of " + i + ", which is not a " + (read ? "readable" : "writable") + " future end");
        var e = (CopyEnd)h;
        Trap.If(!ValueAbi.PayloadEquals(e.PayloadType, t), "future copy with another payload type");
        Trap.If(e.State != CopyState.Idle, "future copy on an end that is not idle");
        Trap.If(e.InWaitableSet && !opts.Async, "synchronous future copy on an end in a waitable set");
        var cx = new Cx(opts, inst);
        Buffer buffer = read ? new WritableBuffer(t, cx, ptr, 1) : new ReadableBuffer(t, cx, ptr, 1);
        var code = read ? EventCode.FutureRead : EventCode.FutureWrite;

        Event FutureEvent(CopyResult result)
        {
            e.State = result is CopyResult.Dropped or CopyResult.Completed ? CopyState.Done : CopyState.Idle;
            return new Event(code, i, (long)result);
        }

        void OnCopyDone(CopyResult result) => e.SetPendingEvent(() => FutureEvent(result));

        e.State = CopyState.Copying;
        var future = (SharedFuture)e.SharedObject;
        if (read) future.Read(inst, (WritableBuffer)buffer, OnCopyDone);
        else future.Write(inst, (ReadableBuffer)buffer, OnCopyDone);
        if (!e.HasPendingEvent)
        {
            if (!opts.Async) e.WaitForPendingEvent();
            else return new object[] { Blocked };
        }
        var ev = e.GetPendingEvent();
        return new object[] { (uint)ev.Payload };
    }

    public static object[] CancelCopy<TEnd>(EventCode code, AbiType? t, bool async, uint i) where TEnd : CopyEnd
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "cancelling a copy while the instance may not leave");
        var h = inst.Handles.Get(i);
        Trap.If(h is not TEnd, "cancel of " + i + ", which is not the right kind of end");
        var e = (TEnd)h;
        Trap.If(!ValueAbi.PayloadEquals(e.PayloadType, t), "cancel with another payload type");
        Trap.If(e.State != CopyState.Copying || e.HasSyncWaiter, "cancel of an end that is not copying");
        Trap.If(e.InWaitableSet && !async, "synchronous cancel of an end in a waitable set");
        e.State = CopyState.CancellingCopy;
        if (!e.HasPendingEvent)
        {
            e.CancelShared();
            if (!e.HasPendingEvent)
            {
                if (!async) e.WaitForPendingEvent();
                else return new object[] { Blocked };
            }
        }
        var ev = e.GetPendingEvent();
        return new object[] { (uint)ev.Payload };
    }

    public static object[] DropEnd<TEnd>(AbiType? t, uint i) where TEnd : CopyEnd
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "dropping an end while the instance may not leave");
        var h = inst.Handles.Remove(i);
        Trap.If(h is not TEnd, "drop of " + i + ", which is not the right kind of end");
        var e = (TEnd)h;
        Trap.If(!ValueAbi.PayloadEquals(e.PayloadType, t), "drop with another payload type");
        e.Drop();
        return Array.Empty<object>();
    }

    // ---------------------------------------------------------------- error-context

    public static object[] ErrorContextNew(CanonicalOptions opts, uint ptr, uint taggedCodeUnits)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "error-context.new while the instance may not leave");
        StringValue s;
        if (inst.Store.Deterministic || inst.Store.Random.RandInt(0, 1) == 1)
        {
            s = new StringValue("", StringEncoding.Utf8, 0);
        }
        else
        {
            var cx = new Cx(opts, inst);
            s = ValueAbi.LoadStringFromRange(cx, ptr, taggedCodeUnits);
        }
        return new object[] { (uint)inst.Handles.Add(new ErrorContext(s)) };
    }

    public static object[] ErrorContextDebugMessage(CanonicalOptions opts, uint i, uint ptr)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "error-context.debug-message while the instance may not leave");
        var e = inst.Handles.Get(i);
        Trap.If(e is not ErrorContext, "error-context.debug-message of " + i + ", which is not an error-context");
        var cx = new Cx(opts, inst);
        ValueAbi.Store(cx, ((ErrorContext)e).DebugMessage, AbiType.String, ptr);
        return Array.Empty<object>();
    }

    public static object[] ErrorContextDrop(uint i)
    {
        var inst = CurrentInstance;
        Trap.If(!inst.MayLeave, "error-context.drop while the instance may not leave");
        var e = inst.Handles.Remove(i);
        Trap.If(e is not ErrorContext, "error-context.drop of " + i + ", which is not an error-context");
        return Array.Empty<object>();
    }
}
