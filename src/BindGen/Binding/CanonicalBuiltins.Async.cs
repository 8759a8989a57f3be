using System.Collections.Generic;
using System.Globalization;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Binding;

/// <summary>
/// One async canonical built-in as data: the <c>canon</c> definition it stands for, how wit-component names the core
/// import (module and field; <c>{N}</c> and <c>{f}</c> are the number of a future or stream type and the function it
/// was numbered in) and its core signature (null when it depends on the function: <c>task.return</c>).
/// </summary>
public sealed record AsyncBuiltinSpec(BuiltinKind Kind, string Canon, string Module, string Name, CoreSignature? Signature);

/// <summary>
/// The async canonical built-ins (CanonicalABI.md of component-model 6d28164) under the names wit-component 0.259
/// (the one jco 1.35 bundles) maps to them: <see cref="Table"/> lists each once; the factories build the
/// <see cref="CanonicalBuiltin"/>s of a world. Stream, future, subtask and copy-cancelling built-ins are imported in
/// their non-blocking form (<c>[async-lower]</c> prefix, the canonical option <c>async</c>): they return
/// <see cref="AsyncAbi.Blocked"/> instead of blocking, and the event arrives through the callback.
/// </summary>
public static class AsyncBuiltins
{
    /// <summary>The core import module of instance-wide built-ins and of world-level functions.</summary>
    public const string RootModule = "$root";

    /// <summary>The module of built-ins about the exports of <c>$root</c> (world-level functions, <c>task.cancel</c>).</summary>
    public const string ExportedRootModule = "[export]$root";

    /// <summary>The prefix of a module whose built-ins are about an exported interface (<c>[export]ns:pkg/iface</c>).</summary>
    public const string ExportPrefix = "[export]";

    /// <summary>Every async built-in: kind, <c>canon</c> name, module, field pattern, signature.</summary>
    public static readonly IReadOnlyList<AsyncBuiltinSpec> Table = new[]
    {
        new AsyncBuiltinSpec(BuiltinKind.AsyncImportedFunction, "canon lower … async", "{module}", "[async-lower]{f}", null),
        new AsyncBuiltinSpec(BuiltinKind.AsyncExportedFunction, "canon lift … async (callback …)", "", "[async-lift]{export}", null),
        new AsyncBuiltinSpec(BuiltinKind.Callback, "the callback of canon lift … async", "", "[callback][async-lift]{export}", AsyncAbi.Callback),
        new AsyncBuiltinSpec(BuiltinKind.TaskReturn, "task.return", "[export]{module}", "[task-return]{f}", null),
        new AsyncBuiltinSpec(BuiltinKind.TaskCancel, "task.cancel", ExportedRootModule, "[task-cancel]", AsyncAbi.Nothing),
        new AsyncBuiltinSpec(BuiltinKind.ContextGet, "context.get i32 0", RootModule, "[context-get-0]", AsyncAbi.ContextGet),
        new AsyncBuiltinSpec(BuiltinKind.ContextSet, "context.set i32 0", RootModule, "[context-set-0]", AsyncAbi.ContextSet),
        new AsyncBuiltinSpec(BuiltinKind.BackpressureInc, "backpressure.inc", RootModule, "[backpressure-inc]", AsyncAbi.Nothing),
        new AsyncBuiltinSpec(BuiltinKind.BackpressureDec, "backpressure.dec", RootModule, "[backpressure-dec]", AsyncAbi.Nothing),
        new AsyncBuiltinSpec(BuiltinKind.Yield, "thread.yield", RootModule, "[thread-yield]", AsyncAbi.Yield),
        new AsyncBuiltinSpec(BuiltinKind.WaitableSetNew, "waitable-set.new", RootModule, "[waitable-set-new]", AsyncAbi.WaitableSetNew),
        new AsyncBuiltinSpec(BuiltinKind.WaitableSetWait, "waitable-set.wait", RootModule, "[waitable-set-wait]", AsyncAbi.WaitableSetWait),
        new AsyncBuiltinSpec(BuiltinKind.WaitableSetPoll, "waitable-set.poll", RootModule, "[waitable-set-poll]", AsyncAbi.WaitableSetWait),
        new AsyncBuiltinSpec(BuiltinKind.WaitableSetDrop, "waitable-set.drop", RootModule, "[waitable-set-drop]", AsyncAbi.HandleToNothing),
        new AsyncBuiltinSpec(BuiltinKind.WaitableJoin, "waitable.join", RootModule, "[waitable-join]", AsyncAbi.WaitableJoin),
        new AsyncBuiltinSpec(BuiltinKind.SubtaskDrop, "subtask.drop", RootModule, "[subtask-drop]", AsyncAbi.HandleToNothing),
        new AsyncBuiltinSpec(BuiltinKind.SubtaskCancel, "subtask.cancel async", RootModule, "[async-lower][subtask-cancel]", AsyncAbi.HandleToStatus),
        new AsyncBuiltinSpec(BuiltinKind.StreamNew, "stream.new", "{module}", "[stream-new-{N}]{f}", AsyncAbi.New),
        new AsyncBuiltinSpec(BuiltinKind.StreamRead, "stream.read async", "{module}", "[async-lower][stream-read-{N}]{f}", AsyncAbi.StreamCopy),
        new AsyncBuiltinSpec(BuiltinKind.StreamWrite, "stream.write async", "{module}", "[async-lower][stream-write-{N}]{f}", AsyncAbi.StreamCopy),
        new AsyncBuiltinSpec(BuiltinKind.StreamCancelRead, "stream.cancel-read async", "{module}", "[async-lower][stream-cancel-read-{N}]{f}", AsyncAbi.HandleToStatus),
        new AsyncBuiltinSpec(BuiltinKind.StreamCancelWrite, "stream.cancel-write async", "{module}", "[async-lower][stream-cancel-write-{N}]{f}", AsyncAbi.HandleToStatus),
        new AsyncBuiltinSpec(BuiltinKind.StreamDropReadable, "stream.drop-readable", "{module}", "[stream-drop-readable-{N}]{f}", AsyncAbi.HandleToNothing),
        new AsyncBuiltinSpec(BuiltinKind.StreamDropWritable, "stream.drop-writable", "{module}", "[stream-drop-writable-{N}]{f}", AsyncAbi.HandleToNothing),
        new AsyncBuiltinSpec(BuiltinKind.FutureNew, "future.new", "{module}", "[future-new-{N}]{f}", AsyncAbi.New),
        new AsyncBuiltinSpec(BuiltinKind.FutureRead, "future.read async", "{module}", "[async-lower][future-read-{N}]{f}", AsyncAbi.FutureCopy),
        new AsyncBuiltinSpec(BuiltinKind.FutureWrite, "future.write async", "{module}", "[async-lower][future-write-{N}]{f}", AsyncAbi.FutureCopy),
        new AsyncBuiltinSpec(BuiltinKind.FutureCancelRead, "future.cancel-read async", "{module}", "[async-lower][future-cancel-read-{N}]{f}", AsyncAbi.HandleToStatus),
        new AsyncBuiltinSpec(BuiltinKind.FutureCancelWrite, "future.cancel-write async", "{module}", "[async-lower][future-cancel-write-{N}]{f}", AsyncAbi.HandleToStatus),
        new AsyncBuiltinSpec(BuiltinKind.FutureDropReadable, "future.drop-readable", "{module}", "[future-drop-readable-{N}]{f}", AsyncAbi.HandleToNothing),
        new AsyncBuiltinSpec(BuiltinKind.FutureDropWritable, "future.drop-writable", "{module}", "[future-drop-writable-{N}]{f}", AsyncAbi.HandleToNothing),
        new AsyncBuiltinSpec(BuiltinKind.ErrorContextNew, "error-context.new", RootModule, "[error-context-new-{encoding}]", AsyncAbi.ErrorContextNew),
        new AsyncBuiltinSpec(BuiltinKind.ErrorContextDebugMessage, "error-context.debug-message", RootModule, "[error-context-debug-message-{encoding}]", AsyncAbi.ErrorContextDebugMessage),
        new AsyncBuiltinSpec(BuiltinKind.ErrorContextDrop, "error-context.drop", RootModule, "[error-context-drop]", AsyncAbi.HandleToNothing),
    };

    // after Table, before anything using it (static initializers run in textual order)
    private static readonly Dictionary<BuiltinKind, AsyncBuiltinSpec> ByKind = Index();

    /// <summary>
    /// The instance-wide built-ins the async runtime (src/BindGen/Runtime/Guest/Async/WitAsyncAbi.cs) imports: the task's
    /// context slot, waitable sets, subtasks, <c>task.cancel</c>, and a payload-less future (named <c>unit</c>, which needs no
    /// function) that wakes a waiting task. A world using the async ABI lists them in its table; the contract check
    /// compares them with the runtime's C#.
    /// </summary>
    public static IReadOnlyList<CanonicalBuiltin> RuntimeImports { get; } = new[]
    {
        Instance(BuiltinKind.ContextGet),
        Instance(BuiltinKind.ContextSet),
        Instance(BuiltinKind.WaitableSetNew),
        Instance(BuiltinKind.WaitableSetDrop),
        Instance(BuiltinKind.WaitableJoin),
        Instance(BuiltinKind.SubtaskDrop),
        Instance(BuiltinKind.SubtaskCancel),
        Instance(BuiltinKind.TaskCancel),
        UnitFuture(BuiltinKind.FutureNew),
        UnitFuture(BuiltinKind.FutureRead),
        UnitFuture(BuiltinKind.FutureWrite),
        UnitFuture(BuiltinKind.FutureCancelRead),
        UnitFuture(BuiltinKind.FutureDropReadable),
        UnitFuture(BuiltinKind.FutureDropWritable),
    };

    /// <summary>A built-in of the payload-less future type, named <c>unit</c> instead of a function's number (<c>[future-new-unit]</c>).</summary>
    public static CanonicalBuiltin UnitFuture(BuiltinKind kind)
    {
        var spec = ByKind[kind];
        string name = spec.Name.Replace("{N}", "unit").Replace("{f}", "");
        return new CanonicalBuiltin(kind, RootModule, name, spec.Signature!);
    }


    private static Dictionary<BuiltinKind, AsyncBuiltinSpec> Index()
    {
        var map = new Dictionary<BuiltinKind, AsyncBuiltinSpec>();
        foreach (var spec in Table) map.Add(spec.Kind, spec);
        return map;
    }

    /// <summary>The table's row of <paramref name="kind"/>.</summary>
    public static AsyncBuiltinSpec Spec(BuiltinKind kind) => ByKind[kind];

    /// <summary>An instance-wide built-in (its module and name are fixed): waitable sets, subtasks, context, yield, backpressure, <c>task.cancel</c>.</summary>
    public static CanonicalBuiltin Instance(BuiltinKind kind)
    {
        var spec = ByKind[kind];
        if (spec.Signature is null || spec.Module.Contains("{") || spec.Name.Contains("{"))
            throw new System.ArgumentException("`" + kind + "` is not an instance-wide built-in", nameof(kind));
        return new CanonicalBuiltin(kind, spec.Module, spec.Name, spec.Signature);
    }

    /// <summary>A WIT function imported with the async ABI: <c>[async-lower]f</c> in its interface's module (or <c>$root</c>).</summary>
    public static CanonicalBuiltin AsyncImport(string module, string function, CoreSignature signature) =>
        new(BuiltinKind.AsyncImportedFunction, module, "[async-lower]" + function, signature);

    /// <summary>A WIT function exported with the callback ABI: <c>[async-lift]iface#f</c> (or <c>[async-lift]f</c> at world level).</summary>
    public static CanonicalBuiltin AsyncExport(string exportName, CoreSignature signature) =>
        new(BuiltinKind.AsyncExportedFunction, "", "[async-lift]" + exportName, signature);

    /// <summary>The callback of <see cref="AsyncExport"/>.</summary>
    public static CanonicalBuiltin Callback(string exportName) =>
        new(BuiltinKind.Callback, "", "[callback][async-lift]" + exportName, AsyncAbi.Callback);

    /// <summary><c>task.return</c> of an async export: <c>[task-return]f</c> from <c>[export]</c> + the interface's module (or <c>[export]$root</c>).</summary>
    public static CanonicalBuiltin TaskReturn(string module, string function, CoreSignature taskReturn) =>
        new(BuiltinKind.TaskReturn, ExportPrefix + module, "[task-return]" + function, taskReturn);

    /// <summary>
    /// A built-in of one future or stream type: its kind (<see cref="BuiltinKind.StreamNew"/> … <see cref="BuiltinKind.FutureDropWritable"/>),
    /// named by the function it was numbered in and its number there. <paramref name="module"/> is the function's
    /// interface module (or <c>$root</c>) for imported functions, <c>[export]</c> + it for exported ones.
    /// </summary>
    public static CanonicalBuiltin AsyncValue(BuiltinKind kind, string module, string function, int index)
    {
        var spec = ByKind[kind];
        if (spec.Module != "{module}" || !spec.Name.Contains("{N}"))
            throw new System.ArgumentException("`" + kind + "` is not a future or stream built-in", nameof(kind));
        string name = spec.Name.Replace("{N}", index.ToString(CultureInfo.InvariantCulture)).Replace("{f}", function);
        return new CanonicalBuiltin(kind, module, name, spec.Signature!);
    }

    /// <summary>The seven built-ins of a stream type (new, read, write, cancel-read, cancel-write, drop-readable, drop-writable).</summary>
    public static readonly IReadOnlyList<BuiltinKind> StreamKinds = new[]
    {
        BuiltinKind.StreamNew, BuiltinKind.StreamRead, BuiltinKind.StreamWrite, BuiltinKind.StreamCancelRead, BuiltinKind.StreamCancelWrite,
        BuiltinKind.StreamDropReadable, BuiltinKind.StreamDropWritable,
    };

    /// <summary>The seven built-ins of a future type, in the order of <see cref="StreamKinds"/>.</summary>
    public static readonly IReadOnlyList<BuiltinKind> FutureKinds = new[]
    {
        BuiltinKind.FutureNew, BuiltinKind.FutureRead, BuiltinKind.FutureWrite, BuiltinKind.FutureCancelRead, BuiltinKind.FutureCancelWrite,
        BuiltinKind.FutureDropReadable, BuiltinKind.FutureDropWritable,
    };

    /// <summary><c>error-context.new</c> / <c>.debug-message</c> / <c>.drop</c>; the first two carry the string encoding in their name.</summary>
    public static CanonicalBuiltin ErrorContext(BuiltinKind kind, StringEncoding encoding)
    {
        var spec = ByKind[kind];
        string name = spec.Name.Replace("{encoding}", StringEncodings.CanonicalName(encoding));
        return new CanonicalBuiltin(kind, spec.Module, name, spec.Signature!);
    }
}
