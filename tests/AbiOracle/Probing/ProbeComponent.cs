using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Wasmtime;
using Wasmtime.Components;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Probing;

/// <summary>
/// One compiled probe component covering one or more value types (see <see cref="ProbeWat"/>), with its own
/// <see cref="Store"/>. A failed call poisons a Wasmtime store, so after any exception the store is dropped
/// and the next call instantiates the component again in a fresh one. Calls are serialized by a lock.
/// </summary>
public sealed class ProbeComponent
{
    private static readonly Lazy<Engine> SharedEngine = new(() => new Engine(new Config().WithComponentModel(true)));
    private static readonly ConcurrentDictionary<string, Lazy<ProbeComponent>> Cache = new();

    private readonly object _gate = new();
    private readonly Component _component;
    private readonly ComponentLinker _linker;
    private Store? _store;
    private ComponentInstance? _instance;
    private readonly ComponentFunction?[] _lower;
    private readonly ComponentFunction?[] _lift;

    private ProbeComponent(IReadOnlyList<WitValueType> types, string wat, string stringEncoding)
    {
        Types = types;
        StringEncoding = stringEncoding;
        Wat = wat;
        _component = Component.FromText(SharedEngine.Value, wat);
        _linker = new ComponentLinker(SharedEngine.Value);
        _lower = new ComponentFunction?[types.Count];
        _lift = new ComponentFunction?[types.Count];
        Probes = types.Select((t, i) => new AbiProbe(this, i, t)).ToArray();
    }

    /// <summary>Where lowered values start: the allocator's first address ([0, 16) stays zero).</summary>
    public const int HeapBase = ProbeWat.HeapBase;

    /// <summary>Linear memory size of a fresh instance (one page); it grows only when an image needs more.</summary>
    public const int InitialMemorySize = 65536;

    /// <summary>The engine every probe uses (component model enabled).</summary>
    public static Engine Engine => SharedEngine.Value;

    public IReadOnlyList<WitValueType> Types { get; }

    /// <summary>The canonical option <c>string-encoding</c> of the probe functions (<c>utf8</c>, <c>utf16</c>,
    /// <c>latin1+utf16</c>): the form of strings in the images Wasmtime lowers and lifts.</summary>
    public string StringEncoding { get; }

    /// <summary>The probe component's WAT text.</summary>
    public string Wat { get; }

    /// <summary>One probe per entry of <see cref="Types"/>.</summary>
    public IReadOnlyList<AbiProbe> Probes { get; }

    /// <summary>How many times a store was (re)created, e.g. after traps.</summary>
    public int Instantiations { get; private set; }

    /// <summary>
    /// Compiles (or takes from a process-wide cache) one component probing all <paramref name="types"/>.
    /// Compiling costs milliseconds, so batch many types into one component.
    /// </summary>
    /// <exception cref="WasmtimeException">Wasmtime rejects the component (e.g. invalid case names).</exception>
    /// <param name="stringEncoding"><c>utf8</c> (default), <c>utf16</c> or <c>latin1+utf16</c>: the canonical option
    /// <c>string-encoding</c> of every probe function.</param>
    public static ProbeComponent Create(IReadOnlyList<WitValueType> types, string stringEncoding = "utf8")
    {
        if (types == null) throw new ArgumentNullException(nameof(types));
        if (types.Count == 0) throw new ArgumentException("at least one type is needed", nameof(types));
        var wat = ProbeWat.Build(types, stringEncoding);
        var lazy = Cache.GetOrAdd(wat, w => new Lazy<ProbeComponent>(() => new ProbeComponent(types.ToArray(), w, stringEncoding)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(wat, out _);
            throw;
        }
    }

    /// <summary>Drops the current store, so the next call runs in a fresh one.</summary>
    public void Reset()
    {
        lock (_gate) DropStore();
    }

    internal ComponentValue Call(int index, bool lower, ComponentValue[] arguments, bool freshStore = false)
    {
        lock (_gate)
        {
            if (freshStore) DropStore();
            var function = Function(index, lower);
            try
            {
                return function.Call(arguments) ?? throw new InvalidOperationException("probe function returned nothing");
            }
            catch
            {
                DropStore();
                throw;
            }
        }
    }

    private ComponentFunction Function(int index, bool lower)
    {
        if (_store == null || _instance == null)
        {
            _store = new Store(SharedEngine.Value);
            Instantiations++;
            try
            {
                _instance = _linker.Instantiate(_store, _component);
            }
            catch
            {
                DropStore();
                throw;
            }
        }
        var functions = lower ? _lower : _lift;
        return functions[index] ??= _instance.GetFunction(lower ? ProbeWat.LowerName(index) : ProbeWat.LiftName(index))
            ?? throw new InvalidOperationException("probe export missing");
    }

    private void DropStore()
    {
        _store?.Dispose();
        _store = null;
        _instance = null;
        Array.Clear(_lower);
        Array.Clear(_lift);
    }
}
