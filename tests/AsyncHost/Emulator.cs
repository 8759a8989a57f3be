using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WitTools.AsyncHost.Canon;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;

namespace WitTools.AsyncHost;

/// <summary>How a scenario ended: the top-level call's result, or the trap that stopped it, and what was left behind.</summary>
public sealed record RunOutcome(string? Result, string? Trap, int Ticks, IReadOnlyList<string> Trace, IReadOnlyDictionary<string, int> LiveAllocations,
    IReadOnlyDictionary<string, int> LiveHandles, int Draws)
{
    public override string ToString() =>
        (Trap is null ? "result " + Result : "trap " + Trap) + ", " + Ticks + " ticks, leaks " +
        string.Join(", ", LiveAllocations.Select(kv => kv.Key + ":" + kv.Value + " blocks")) + "; handles " +
        string.Join(", ", LiveHandles.Select(kv => kv.Key + ":" + kv.Value));
}

/// <summary>
/// The host side of the component model in C#, for guests built from generated bindings: instances of guest assemblies,
/// their imports linked to other instances' exports (matched by interface and function name) and every canonical built-in
/// they call handled per the spec (<see cref="CanonAbi"/>), with a seedable scheduler. A scenario invokes one export of one
/// instance from the top level and ticks the store until it resolves.
/// </summary>
public sealed class Emulator : IDisposable
{
    private readonly List<(ComponentInstance Inst, GuestInstance Guest)> _instances = new();
    private readonly Dictionary<ComponentInstance, Dictionary<(string, string), Func<object[], object[]>>> _handlers = new();

    public Emulator(ulong seed, bool deterministic = false) => Store = new Store(seed, deterministic);

    public Store Store { get; }

    /// <summary>Adds an instance of <paramref name="guest"/> (its exported resources become resource types of this store).</summary>
    public ComponentInstance Add(string name, GuestAssembly guest)
    {
        var loaded = guest.Load();
        var inst = new ComponentInstance(Store, name, loaded);
        _instances.Add((inst, loaded));
        foreach (var resource in GuestInstance.ExportedResources(guest.World))
            Store.DefineResource(resource.Origin, new ResourceType(inst, name + "/" + resource.WitName, resource.Destructor!.Name));
        loaded.Handler = (module, field, args) => Call(inst, module, field, args);
        return inst;
    }

    private ComponentInstance Instance(string name) => _instances.Single(i => i.Inst.Name == name).Inst;

    private WorldBinding World(ComponentInstance inst) => _instances.Single(i => i.Inst == inst).Guest.Guest.World;

    private static CanonicalOptions Options(ComponentInstance inst, WorldBinding world, FunctionBinding f) =>
        new(inst, world.Options.StringEncoding, f.Async is not null, f.Async?.Callback?.Name, f.PostReturn?.Name);

    /// <summary>The name a function is exported under (<c>ns:pkg/iface#f</c>, or <c>f</c> at world level).</summary>
    public static string ExportName(FunctionBinding f) =>
        f.Async?.Callback is { } callback ? callback.Name.Substring("[callback][async-lift]".Length) : f.Core.Name;

    /// <summary>The name an import refers to, as an export of another instance.</summary>
    public static string ImportTarget(FunctionBinding f) => (f.Core.Module == "$root" ? "" : f.Core.Module + "#") + f.WitName;

    /// <summary>Links every import of every instance to the instance exporting it.</summary>
    public void LinkAll()
    {
        var exports = new Dictionary<string, (ComponentInstance Inst, FunctionBinding F)>(StringComparer.Ordinal);
        foreach (var (inst, guest) in _instances)
            foreach (var f in GuestInstance.ExportedFunctions(guest.Guest.World))
                exports[ExportName(f)] = (inst, f);
        foreach (var (inst, guest) in _instances)
        {
            var handlers = _handlers[inst] = new();
            foreach (var f in GuestInstance.ImportedFunctions(guest.Guest.World))
            {
                if (!exports.TryGetValue(ImportTarget(f), out var target))
                    throw new InvalidOperationException(inst.Name + " imports " + ImportTarget(f) + ", which no instance exports");
                var ft = FuncType.Of(f.Plan.Function);
                var callee = Store.Lift(target.F.Core.Name, ft, Options(target.Inst, World(target.Inst), target.F), target.Inst);
                handlers[(f.Core.Module, f.Core.Name)] = Store.LowerFunc(callee, ft, Options(inst, guest.Guest.World, f));
            }
        }
    }

    /// <summary>Invokes export <paramref name="export"/> of <paramref name="instance"/> from the top level with component
    /// values, ticks until it resolves, and reports the result (its values rendered) or the trap.</summary>
    public RunOutcome Run(string instance, string export, object?[] args, int maxTicks = 1_000_000)
    {
        var inst = Instance(instance);
        var world = World(inst);
        var f = GuestInstance.ExportedFunctions(world).Single(x => ExportName(x) == export);
        var ft = FuncType.Of(f.Plan.Function);
        object?[]? result = null;
        bool resolved = false;
        string? trap = null;
        int ticks = 0;
        try
        {
            var onCancel = Store.Invoke(Store.Lift(f.Core.Name, ft, Options(inst, world, f), inst), () => args, r =>
            {
                result = r;
                resolved = true;
            });
            while (!resolved && ticks < maxTicks)
            {
                if (!Store.Tick()) throw new Trap("deadlock: the call has not resolved and no thread is ready");
                ticks++;
            }
            if (!resolved) throw new Trap("the call did not resolve within " + maxTicks + " ticks");
            // let background work of the tasks (writes after task.return) finish
            while (Store.Waiting.Any(t => t.Ready) && ticks < maxTicks)
            {
                Store.Tick();
                ticks++;
            }
        }
        catch (Exception e)
        {
            trap = Store.FirstTrap ?? Describe(e);
        }
        trap ??= Store.FirstTrap;
        return new RunOutcome(result is null ? null : result.Length == 1 ? Render(result[0]) : Render(result), trap, ticks, Store.Trace.Lines.ToList(),
            _instances.ToDictionary(i => i.Inst.Name, i => i.Guest.LiveAllocations.Count),
            _instances.ToDictionary(i => i.Inst.Name, i => i.Inst.Handles.Count),
            Store.Random.Draws);
    }

    /// <summary>The message of a trap however it reached the top: the spec's rule, or a guest's failure.</summary>
    public static string Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is Trap t) return t.Message;
        return e.GetType().Name + ": " + e.Message;
    }

    /// <summary>Component values as text (the top-level result).</summary>
    public static string Render(object? v) => v switch
    {
        null => "_",
        bool b => b ? "true" : "false",
        StringValue s => "\"" + s.Text + "\"",
        VariantValue variant => "case" + variant.Case + (variant.Payload is null ? "" : "(" + Render(variant.Payload) + ")"),
        object?[] values => "[" + string.Join(", ", values.Select(Render)) + "]",
        bool[] flags => "{" + string.Join(",", flags.Select(x => x ? "1" : "0")) + "}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    // ---------------------------------------------------------------- calls out of an instance

    private object? Call(ComponentInstance inst, string module, string name, object[] args)
    {
        Store.CheckAlive();
        var core = args.Select(CoreValue.FromGuest).ToArray();
        Store.Trace.CallOut(inst.Name, module, name, core);
        object[] results;
        try
        {
            results = _handlers.TryGetValue(inst, out var handlers) && handlers.TryGetValue((module, name), out var lowered)
                ? lowered(core)
                : Builtin(inst, module, name, core);
        }
        catch (Exception e)
        {
            Store.Trace.Trapped();
            throw Store.Trapped(e);
        }
        Store.Trace.Returned(results);
        return results.Length == 0 ? null : CoreValue.ToGuest(results[0]);
    }

    private object[] Builtin(ComponentInstance inst, string module, string name, object[] a)
    {
        var world = World(inst);
        var builtin = Imports.Builtin(world, module, name);
        var opts = new CanonicalOptions(inst, world.Options.StringEncoding, builtin.Async, null, null);
        var t = builtin.Payload;
        uint I(int k) => CoreValue.I32(a[k]);
        switch (builtin.Canon)
        {
            case "context.get": return CanonAbi.ContextGet(0);
            case "context.set": return CanonAbi.ContextSet(0, I(0));
            case "waitable-set.new": return CanonAbi.WaitableSetNew();
            case "waitable-set.wait": return CanonAbi.WaitableSetWait(false, I(0), I(1));
            case "waitable-set.poll": return CanonAbi.WaitableSetPoll(false, I(0), I(1));
            case "waitable-set.drop": return CanonAbi.WaitableSetDrop(I(0));
            case "waitable.join": return CanonAbi.WaitableJoin(I(0), I(1));
            case "subtask.drop": return CanonAbi.SubtaskDrop(I(0));
            case "subtask.cancel": return CanonAbi.SubtaskCancel(opts.Async, I(0));
            case "task.cancel": return CanonAbi.TaskCancel();
            case "task.return": return CanonAbi.TaskReturn(new FuncType(Array.Empty<AbiType>(), builtin.TaskReturnResult, true), opts, a);
            case "backpressure.inc": return CanonAbi.BackpressureInc();
            case "backpressure.dec": return CanonAbi.BackpressureDec();
            case "error-context.new": return CanonAbi.ErrorContextNew(opts, I(0), I(1));
            case "error-context.debug-message": return CanonAbi.ErrorContextDebugMessage(opts, I(0), I(1));
            case "error-context.drop": return CanonAbi.ErrorContextDrop(I(0));
            case "resource.new": return CanonAbi.ResourceNew(Resource(builtin), I(0));
            case "resource.rep": return CanonAbi.ResourceRep(Resource(builtin), I(0));
            case "resource.drop": return CanonAbi.ResourceDrop(Resource(builtin), I(0));
            case "stream.new": return CanonAbi.StreamNew(t);
            case "stream.read": return CanonAbi.StreamCopy(true, t, opts, I(0), I(1), I(2));
            case "stream.write": return CanonAbi.StreamCopy(false, t, opts, I(0), I(1), I(2));
            case "stream.cancel-read": return CanonAbi.CancelCopy<ReadableStreamEnd>(EventCode.StreamRead, t, opts.Async, I(0));
            case "stream.cancel-write": return CanonAbi.CancelCopy<WritableStreamEnd>(EventCode.StreamWrite, t, opts.Async, I(0));
            case "stream.drop-readable": return CanonAbi.DropEnd<ReadableStreamEnd>(t, I(0));
            case "stream.drop-writable": return CanonAbi.DropEnd<WritableStreamEnd>(t, I(0));
            case "future.new": return CanonAbi.FutureNew(t);
            case "future.read": return CanonAbi.FutureCopy(true, t, opts, I(0), I(1));
            case "future.write": return CanonAbi.FutureCopy(false, t, opts, I(0), I(1));
            case "future.cancel-read": return CanonAbi.CancelCopy<ReadableFutureEnd>(EventCode.FutureRead, t, opts.Async, I(0));
            case "future.cancel-write": return CanonAbi.CancelCopy<WritableFutureEnd>(EventCode.FutureWrite, t, opts.Async, I(0));
            case "future.drop-readable": return CanonAbi.DropEnd<ReadableFutureEnd>(t, I(0));
            case "future.drop-writable": return CanonAbi.DropEnd<WritableFutureEnd>(t, I(0));
            default: throw new InvalidOperationException(inst.Name + " imports " + module + " " + name + ", which the emulator does not know");
        }
    }

    private ResourceType Resource(BuiltinImport builtin) => Store.ResourceTypeOf(AbiType.Own("resource", null, builtin.Resource));

    public void Dispose()
    {
        Store.Dispose();
        foreach (var (_, guest) in _instances) guest.Dispose();
    }
}
