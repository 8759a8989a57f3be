using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.AsyncHost.Canon;

/// <summary>An event: code, index, payload (the spec's <c>EventTuple</c>).</summary>
public readonly record struct Event(EventCode Code, long Index, long Payload);

/// <summary>The spec's <c>Waitable</c>: at most one pending event, a waitable set, a synchronous waiter.</summary>
public class Waitable
{
    public Func<Event>? PendingEvent { get; private set; }
    public WaitableSet? Set { get; private set; }
    public bool HasSyncWaiter { get; private set; }

    public void SetPendingEvent(Func<Event> pendingEvent) => PendingEvent = pendingEvent;

    public bool HasPendingEvent => PendingEvent is not null;

    public bool InWaitableSet => Set is not null;

    public void WaitForPendingEvent()
    {
        HasSyncWaiter = true;
        Continuations.Current.WaitUntil(() => HasPendingEvent, cancellable: false);
        HasSyncWaiter = false;
    }

    public Event GetPendingEvent()
    {
        var pending = PendingEvent!;
        PendingEvent = null;
        return pending();
    }

    public void Join(WaitableSet? set)
    {
        Set?.Elements.Remove(this);
        Set = set;
        set?.Elements.Add(this);
    }

    public virtual void Drop()
    {
        if (HasPendingEvent) throw new InvalidOperationException("internal: dropping a waitable with a pending event");
        Join(null);
    }
}

/// <summary>The spec's <c>WaitableSet</c>.</summary>
public sealed class WaitableSet
{
    public List<Waitable> Elements { get; } = new();
    public int NumWaiting { get; set; }

    public bool HasPendingEvent => Elements.Any(w => w.HasPendingEvent);

    public Event GetPendingEvent(Scheduler random)
    {
        random.Shuffle(Elements);
        foreach (var w in Elements)
            if (w.HasPendingEvent) return w.GetPendingEvent();
        throw new InvalidOperationException("internal: no pending event");
    }

    public Event WaitForEventAnd(Func<bool> readyFunc, bool cancellable)
    {
        var thread = Continuations.Current;
        NumWaiting++;
        var cancelled = thread.WaitUntil(() => readyFunc() && HasPendingEvent, cancellable);
        var e = cancelled != Cancelled.False ? new Event(EventCode.TaskCancelled, 0, 0) : GetPendingEvent(thread.Task.Inst.Store.Random);
        NumWaiting--;
        return e;
    }

    public Event Poll(bool cancellable)
    {
        var thread = Continuations.Current;
        if (thread.Task.DeliverPendingCancel(cancellable)) return new Event(EventCode.TaskCancelled, 0, 0);
        if (!HasPendingEvent) return new Event(EventCode.None, 0, 0);
        return GetPendingEvent(thread.Task.Inst.Store.Random);
    }

    public void Drop()
    {
        Trap.If(Elements.Count > 0, "waitable-set.drop of a set with members");
        Trap.If(NumWaiting > 0, "waitable-set.drop of a set being waited on");
    }
}

/// <summary>The spec's <c>ResourceType</c>: the implementing instance and its destructor (a core export name).</summary>
public sealed class ResourceType
{
    public ResourceType(ComponentInstance impl, string name, string? dtor)
    {
        Impl = impl;
        Name = name;
        Dtor = dtor;
    }

    public ComponentInstance Impl { get; }
    public string Name { get; }
    public string? Dtor { get; }

    public override string ToString() => Name;
}

/// <summary>The spec's <c>ResourceHandle</c>.</summary>
public sealed class ResourceHandle
{
    public ResourceHandle(ResourceType rt, long rep, bool own, Task? borrowScope = null)
    {
        Rt = rt;
        Rep = rep;
        Own = own;
        BorrowScope = borrowScope;
    }

    public ResourceType Rt { get; }
    public long Rep { get; }
    public bool Own { get; }
    public Task? BorrowScope { get; }
    public int NumLends { get; set; }
}

/// <summary>The spec's <c>Subtask</c>.</summary>
public sealed class Subtask : Waitable
{
    public SubtaskState State { get; set; } = SubtaskState.Starting;
    public OnCancel? OnCancel { get; set; }
    public List<ResourceHandle>? Lenders { get; private set; } = new();
    public bool CancellationRequested { get; set; }
    public object[] FlatResults { get; private set; } = Array.Empty<object>();

    public bool Resolved => State is SubtaskState.Returned or SubtaskState.CancelledBeforeStarted or SubtaskState.CancelledBeforeReturned;

    public void AddLender(ResourceHandle handle)
    {
        handle.NumLends++;
        Lenders!.Add(handle);
    }

    public void Resolve(SubtaskState state, object[] flatResults)
    {
        State = state;
        FlatResults = flatResults;
    }

    public void DeliverResolve()
    {
        foreach (var h in Lenders!) h.NumLends--;
        Lenders = null;
    }

    public bool ResolveDelivered => Lenders is null;

    public override void Drop()
    {
        Trap.If(!ResolveDelivered, "subtask.drop of a subtask that has not resolved");
        base.Drop();
    }
}

/// <summary>The spec's <c>ErrorContext</c>.</summary>
public sealed class ErrorContext
{
    public ErrorContext(StringValue message) => DebugMessage = message;

    public StringValue DebugMessage { get; }
}
