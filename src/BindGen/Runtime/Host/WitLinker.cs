// Always emitted into host bindings: the linker a world's bindings build once per engine (the host's
// implementations of the component's imports, WASI preview 2 when the world imports WASI), and instantiation.
namespace WitTools.Runtime;

/// <summary>
/// A Wasmtime component linker holding the host functions and resources of one world's bindings. Host functions are
/// static callbacks that find the store's registered implementation (<see cref="WitStore.Get{T}"/>), so one linker
/// serves every instance of the world.
/// </summary>
internal sealed unsafe class WitLinker : global::System.IDisposable
{
    private global::System.IntPtr _handle;

    public WitLinker(WitEngine engine, bool wasi)
    {
        _handle = WitNative.wasmtime_component_linker_new(engine.Handle);
        if (wasi) WitNative.Check(WitNative.wasmtime_component_linker_add_wasip2(_handle), "WASI preview 2 could not be added to the linker");
    }

    /// <summary>Defines host items at the root (world-level imports) through <paramref name="define"/>.</summary>
    public void Root(global::System.Action<WitLinkerInstance> define)
    {
        var root = WitNative.wasmtime_component_linker_root(_handle);
        try
        {
            define(new WitLinkerInstance(root));
        }
        finally
        {
            WitNative.wasmtime_component_linker_instance_delete(root);
        }
    }

    /// <summary>Instantiates <paramref name="component"/> in <paramref name="store"/>.</summary>
    public WitNativeInstance Instantiate(WitStore store, WitComponent component)
    {
        WitNativeInstance instance = default;
        var error = WitNative.wasmtime_component_linker_instantiate(_handle, store.Context, component.Handle, &instance);
        if (error != global::System.IntPtr.Zero) throw new WitHostException("the component could not be instantiated: " + WitNative.TakeMessage(error));
        return instance;
    }

    public void Dispose()
    {
        if (_handle == global::System.IntPtr.Zero) return;
        WitNative.wasmtime_component_linker_delete(_handle);
        _handle = global::System.IntPtr.Zero;
    }
}

/// <summary>One instance (or the root) of a linker while host items are defined in it.</summary>
internal readonly unsafe struct WitLinkerInstance
{
    private readonly global::System.IntPtr _handle;

    public WitLinkerInstance(global::System.IntPtr handle) => _handle = handle;

    /// <summary>Defines the instance <paramref name="name"/> (an imported interface, "wittools:factorization/progress@0.1.0")
    /// and its items through <paramref name="define"/>.</summary>
    public void Instance(string name, global::System.Action<WitLinkerInstance> define)
    {
        global::System.IntPtr child;
        fixed (byte* text = global::System.Text.Encoding.UTF8.GetBytes(name))
            WitNative.Check(WitNative.wasmtime_component_linker_instance_add_instance(_handle, text, (nuint)global::System.Text.Encoding.UTF8.GetByteCount(name), &child),
                "the host could not define `" + name + "`");
        try
        {
            define(new WitLinkerInstance(child));
        }
        finally
        {
            WitNative.wasmtime_component_linker_instance_delete(child);
        }
    }

    /// <summary>Defines the host function <paramref name="name"/>.</summary>
    public void Function(string name, delegate* unmanaged<global::System.IntPtr, global::System.IntPtr, global::System.IntPtr, WitVal*, nuint, WitVal*, nuint, global::System.IntPtr> callback)
    {
        byte[] text = global::System.Text.Encoding.UTF8.GetBytes(name);
        fixed (byte* p = text)
            WitNative.Check(WitNative.wasmtime_component_linker_instance_add_func(_handle, p, (nuint)text.Length, callback, global::System.IntPtr.Zero, global::System.IntPtr.Zero),
                "the host could not define function `" + name + "`");
    }

    /// <summary>Defines the host resource <paramref name="name"/> with the host type number <paramref name="type"/>;
    /// <paramref name="destructor"/> runs when the component drops the last own handle to one of its values.</summary>
    public void Resource(string name, uint type, delegate* unmanaged<global::System.IntPtr, global::System.IntPtr, uint, global::System.IntPtr> destructor)
    {
        byte[] text = global::System.Text.Encoding.UTF8.GetBytes(name);
        var resourceType = WitNative.wasmtime_component_resource_type_new_host(type);
        try
        {
            fixed (byte* p = text)
                WitNative.Check(WitNative.wasmtime_component_linker_instance_add_resource(_handle, p, (nuint)text.Length, resourceType, destructor, global::System.IntPtr.Zero, global::System.IntPtr.Zero),
                    "the host could not define resource `" + name + "`");
        }
        finally
        {
            WitNative.wasmtime_component_resource_type_delete(resourceType);
        }
    }
}

/// <summary>An instantiated component's exported functions, looked up by name.</summary>
internal static unsafe class WitExports
{
    /// <summary>The function <paramref name="name"/> exported by the instance (at the root, or inside the exported
    /// interface instance <paramref name="instance"/>); a missing export is a <see cref="WitHostException"/> naming it.</summary>
    public static WitNativeFunc Function(WitStore store, WitNativeInstance* instance, string? @interface, string name)
    {
        var parent = global::System.IntPtr.Zero;
        try
        {
            if (@interface is not null)
            {
                parent = Index(store, instance, global::System.IntPtr.Zero, @interface);
                if (parent == global::System.IntPtr.Zero) throw new WitHostException("the component does not export `" + @interface + "`");
            }
            var index = Index(store, instance, parent, name);
            if (index == global::System.IntPtr.Zero) throw new WitHostException("the component does not export function `" + (@interface is null ? name : @interface + "#" + name) + "`");
            try
            {
                WitNativeFunc func;
                if (WitNative.wasmtime_component_instance_get_func(instance, store.Context, index, &func) == 0)
                    throw new WitHostException("the component's export `" + (@interface is null ? name : @interface + "#" + name) + "` is not a function");
                return func;
            }
            finally
            {
                WitNative.wasmtime_component_export_index_delete(index);
            }
        }
        finally
        {
            if (parent != global::System.IntPtr.Zero) WitNative.wasmtime_component_export_index_delete(parent);
        }
    }

    private static global::System.IntPtr Index(WitStore store, WitNativeInstance* instance, global::System.IntPtr parent, string name)
    {
        byte[] text = global::System.Text.Encoding.UTF8.GetBytes(name);
        fixed (byte* p = text) return WitNative.wasmtime_component_instance_get_export_index(instance, store.Context, parent, p, (nuint)text.Length);
    }
}
