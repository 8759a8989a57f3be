// Emitted into host bindings: resources. Those the host implements (the world imports them) are kept per store in a
// rep table while the component holds handles to them; those the component implements (the world exports them) are
// Wasmtime resource values owned by the generated handle classes.
namespace WitTools.Runtime;

/// <summary>
/// The values of one host-implemented resource type that the component can reach in one store: rep i + 1 is entry i.
/// An entry lives while the component holds own handles to it (counted) or while it is lent for the current call.
/// </summary>
internal sealed class WitHostResourceTable<T> where T : class
{
    private readonly global::System.Collections.Generic.List<(T? Value, int Owners)> _entries = new();
    private readonly global::System.Collections.Generic.Stack<int> _free = new();
    private readonly global::System.Collections.Generic.Dictionary<T, uint> _reps = new(global::System.Collections.Generic.ReferenceEqualityComparer.Instance);
    private readonly global::System.Collections.Generic.List<uint> _lent = new();

    /// <summary>The rep of <paramref name="value"/>, which becomes reachable by the component.</summary>
    public uint Rep(T value)
    {
        if (value is null) throw new global::System.ArgumentNullException(nameof(value), "a WIT resource value cannot be null");
        if (_reps.TryGetValue(value, out uint rep)) return rep;
        int index;
        if (_free.Count > 0)
        {
            index = _free.Pop();
            _entries[index] = (value, 0);
        }
        else
        {
            index = _entries.Count;
            _entries.Add((value, 0));
        }
        rep = (uint)index + 1;
        _reps.Add(value, rep);
        return rep;
    }

    /// <summary>One more own handle held by the component.</summary>
    public void AddOwner(uint rep)
    {
        int index = Index(rep);
        _entries[index] = (_entries[index].Value, _entries[index].Owners + 1);
    }

    /// <summary>The value lent for the current call (forgotten after it unless the component owns it).</summary>
    public void Lend(uint rep) => _lent.Add(rep);

    public T Get(uint rep) => _entries[Index(rep)].Value!;

    /// <summary>One own handle fewer (moved back to the host, or dropped); the value when no handle is left.</summary>
    public T? Release(uint rep)
    {
        int index = Index(rep);
        var (value, owners) = _entries[index];
        if (owners <= 1)
        {
            Remove(index);
            return value;
        }
        _entries[index] = (value, owners - 1);
        return null;
    }

    /// <summary>Forgets the values lent for the call that ended, unless the component holds own handles to them.</summary>
    public void EndCall()
    {
        foreach (uint rep in _lent)
        {
            int index = (int)rep - 1;
            if (index < _entries.Count && _entries[index].Value is not null && _entries[index].Owners == 0) Remove(index);
        }
        _lent.Clear();
    }

    private void Remove(int index)
    {
        var value = _entries[index].Value;
        if (value is not null) _reps.Remove(value);
        _entries[index] = (null, 0);
        _free.Push(index);
    }

    private int Index(uint rep)
    {
        int index = (int)rep - 1;
        if (rep == 0 || index >= _entries.Count || _entries[index].Value is null)
            throw new WitHostException("unknown " + typeof(T).Name + " rep " + rep + " (the component used a handle the host does not know)");
        return index;
    }
}

/// <summary>Converts resources between C# objects and Wasmtime resource values.</summary>
internal static unsafe class WitHostResources
{
    /// <summary>A host-implemented value the host passes as <c>own&lt;r&gt;</c>: the component gets a new own handle.</summary>
    public static void LowerOwn<T>(T value, WitVal* destination, WitStore store) where T : class
    {
        var table = store.Table<T>();
        uint rep = table.Rep(value);
        table.AddOwner(rep);
        Lower<T>(rep, owned: true, destination, store);
    }

    /// <summary>A host-implemented value the host lends as <c>borrow&lt;r&gt;</c> for one call.</summary>
    public static void LowerBorrow<T>(T value, WitVal* destination, WitStore store) where T : class
    {
        var table = store.Table<T>();
        uint rep = table.Rep(value);
        table.Lend(rep);
        store.AfterCall(table.EndCall);
        Lower<T>(rep, owned: false, destination, store);
    }

    private static void Lower<T>(uint rep, bool owned, WitVal* destination, WitStore store) where T : class
    {
        var host = WitNative.wasmtime_component_resource_host_new(owned ? (byte)1 : (byte)0, rep, (uint)WitSlot<T>.Index);
        global::System.IntPtr any;
        var error = WitNative.wasmtime_component_resource_host_to_any(store.Context, host, &any);
        WitNative.wasmtime_component_resource_host_delete(host);
        WitNative.Check(error, "the resource could not be passed to the component");
        store.Arena.Release(any);
        destination->Kind = WitVal.Resource;
        destination->Pointer = (WitVal*)any;
    }

    /// <summary>A host-implemented value the component passes as <c>own&lt;r&gt;</c>: its handle moves to the host.</summary>
    public static T LiftOwn<T>(WitVal* value, WitStore store, string type) where T : class
    {
        uint rep = Rep<T>(value, store, type);
        var table = store.Table<T>();
        var result = table.Get(rep);
        table.Release(rep);
        return result;
    }

    /// <summary>A host-implemented value the component passes as <c>borrow&lt;r&gt;</c> (e.g. the <c>self</c> of a method).</summary>
    public static T LiftBorrow<T>(WitVal* value, WitStore store, string type) where T : class => store.Table<T>().Get(Rep<T>(value, store, type));

    private static uint Rep<T>(WitVal* value, WitStore store, string type) where T : class
    {
        if (value->Kind != WitVal.Resource) throw WitHostValues.Mismatch(value, type);
        global::System.IntPtr host;
        WitNative.Check(WitNative.wasmtime_component_resource_any_to_host(store.Context, (global::System.IntPtr)value->Pointer, &host),
            "the component passed a `" + type + "` the host does not implement");
        uint rep = WitNative.wasmtime_component_resource_host_rep(host);
        uint kind = WitNative.wasmtime_component_resource_host_type(host);
        WitNative.wasmtime_component_resource_host_delete(host);
        if (kind != (uint)WitSlot<T>.Index) throw new WitHostException("the component passed another resource where a `" + type + "` was expected");
        return rep;
    }

    /// <summary>The component dropped an own handle to a host-implemented value: the value when it was the last one.</summary>
    public static T? Dropped<T>(WitStore store, uint rep) where T : class => store.Table<T>().Release(rep);

    /// <summary>A component-implemented resource the component returned: a Wasmtime resource the caller owns
    /// (<see cref="Drop"/> or <see cref="Delete"/> it).</summary>
    public static global::System.IntPtr LiftHandle(WitVal* value, string type)
    {
        if (value->Kind != WitVal.Resource) throw WitHostValues.Mismatch(value, type);
        return WitNative.wasmtime_component_resource_any_clone((global::System.IntPtr)value->Pointer);
    }

    /// <summary>A component-implemented resource passed to the component: as <c>own</c> the handle moves (the Wasmtime
    /// resource is released after the call), as <c>borrow</c> it is lent.</summary>
    public static void LowerHandle(global::System.IntPtr resource, bool owned, WitVal* destination, WitStore store)
    {
        if (owned) store.Arena.Release(resource);
        destination->Kind = WitVal.Resource;
        destination->Pointer = (WitVal*)resource;
    }

    /// <summary>Drops an own handle: the component's destructor runs. A trap there is a <see cref="WitComponentTrapException"/>.</summary>
    public static void Drop(WitStore store, global::System.IntPtr resource, string function)
    {
        if (store.IsDisposed)
        {
            // the store is gone, and every resource with it
            return;
        }
        var error = WitNative.wasmtime_component_resource_any_drop(store.Context, resource);
        WitNative.wasmtime_component_resource_any_delete(resource);
        if (error != global::System.IntPtr.Zero) store.Trapped(function, error);
    }
}
