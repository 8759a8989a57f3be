// Always emitted into host bindings: the typed P/Invoke layer over Wasmtime's component C API, exported by the
// native library (libwasmtime) of the Wasmtime NuGet package, which the host project references. Only what the
// bindings use is declared; every signature is blittable (bool as byte), so calls need no marshalling stubs.
// Layouts follow Wasmtime 50.0.1's headers (wasmtime/component/val.h, func.h, instance.h) and are checked by
// tests/BindGen.Tests/Host (values of every kind round-trip through a component).
namespace WitTools.Runtime;

/// <summary>A <c>wasm_byte_vec_t</c> / <c>wasm_name_t</c> (and the shape of every <c>wasmtime_component_val*_t</c> vector).</summary>
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
internal unsafe struct WitNativeVec
{
    public nuint Size;
    public void* Data;
}

/// <summary>
/// A <c>wasmtime_component_val_t</c>: a kind byte and, 8 bytes further, the payload (32 bytes in all). Strings,
/// enum cases and variant discriminants are UTF-8 names (<see cref="WitNativeVec"/>); lists, records, tuples, flags
/// and maps are vectors; option and variant/result payloads are pointers to another value; a resource is a pointer
/// to a <c>wasmtime_component_resource_any_t</c>.
/// </summary>
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Explicit, Size = 32)]
internal unsafe struct WitVal
{
    public const byte Bool = 0, S8 = 1, U8 = 2, S16 = 3, U16 = 4, S32 = 5, U32 = 6, S64 = 7, U64 = 8, F32 = 9, F64 = 10, Char = 11,
        String = 12, List = 13, Record = 14, Tuple = 15, Variant = 16, Enum = 17, Option = 18, Result = 19, Flags = 20, Resource = 21, Map = 22;

    [global::System.Runtime.InteropServices.FieldOffset(0)] public byte Kind;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public byte Byte;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public sbyte SByte;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public short Short;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public ushort UShort;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public int Int;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public uint UInt;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public long Long;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public ulong ULong;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public float Float;
    [global::System.Runtime.InteropServices.FieldOffset(8)] public double Double;

    /// <summary>String, list, record, tuple, flags, map, enum case name; a variant's discriminant name.</summary>
    [global::System.Runtime.InteropServices.FieldOffset(8)] public WitNativeVec Vec;

    /// <summary>An option's payload (null: none); a result's payload (after <see cref="IsOk"/>).</summary>
    [global::System.Runtime.InteropServices.FieldOffset(8)] public WitVal* Pointer;

    /// <summary>A result's case.</summary>
    [global::System.Runtime.InteropServices.FieldOffset(8)] public byte IsOk;

    [global::System.Runtime.InteropServices.FieldOffset(16)] public WitVal* ResultPayload;

    /// <summary>A variant's payload (null: none), after its discriminant name.</summary>
    [global::System.Runtime.InteropServices.FieldOffset(24)] public WitVal* VariantPayload;
}

/// <summary>A <c>wasmtime_component_valrecord_entry_t</c>: a field name and its value.</summary>
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
internal struct WitValField
{
    public WitNativeVec Name;
    public WitVal Value;
}

/// <summary>A <c>wasmtime_component_valmap_entry_t</c>.</summary>
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
internal struct WitValEntry
{
    public WitVal Key;
    public WitVal Value;
}

/// <summary>A <c>wasmtime_component_func_t</c> (opaque; 32 bytes in Wasmtime 50, room left for growth).</summary>
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential, Size = 48)]
internal struct WitNativeFunc
{
    private long _storeId;

    public bool IsSet => _storeId != 0;
}

/// <summary>A <c>wasmtime_component_instance_t</c> (opaque; 16 bytes in Wasmtime 50, room left for growth).</summary>
[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential, Size = 32)]
internal struct WitNativeInstance
{
    private long _storeId;
}

/// <summary>The functions of libwasmtime the host bindings call.</summary>
internal static unsafe class WitNative
{
    private const string Library = "wasmtime";

    // engine, config
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasm_config_new();
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_config_wasm_component_model_set(global::System.IntPtr config, byte enable);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_config_wasm_component_model_map_set(global::System.IntPtr config, byte enable);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasm_engine_new_with_config(global::System.IntPtr config);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasm_engine_delete(global::System.IntPtr engine);

    // errors and byte vectors
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_error_message(global::System.IntPtr error, WitNativeVec* message);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_error_delete(global::System.IntPtr error);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_error_new(byte* message);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasm_byte_vec_new(WitNativeVec* vec, nuint size, byte* data);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasm_byte_vec_delete(WitNativeVec* vec);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_wat2wasm(byte* text, nuint length, WitNativeVec* wasm);

    // components
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_new(global::System.IntPtr engine, byte* bytes, nuint length, global::System.IntPtr* component);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_serialize(global::System.IntPtr component, WitNativeVec* serialized);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_deserialize(global::System.IntPtr engine, byte* bytes, nuint length, global::System.IntPtr* component);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_delete(global::System.IntPtr component);

    // stores
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_store_new(global::System.IntPtr engine, global::System.IntPtr data, global::System.IntPtr finalizer);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_store_context(global::System.IntPtr store);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_store_delete(global::System.IntPtr store);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_context_get_data(global::System.IntPtr context);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_context_set_wasi(global::System.IntPtr context, global::System.IntPtr wasiConfig);

    // WASI configuration (consumed by wasmtime_context_set_wasi)
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasi_config_new();
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasi_config_delete(global::System.IntPtr config);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasi_config_inherit_stdout(global::System.IntPtr config);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasi_config_inherit_stderr(global::System.IntPtr config);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasi_config_inherit_stdin(global::System.IntPtr config);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern byte wasi_config_set_argv(global::System.IntPtr config, nuint count, byte** values);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern byte wasi_config_set_env(global::System.IntPtr config, nuint count, byte** names, byte** values);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern byte wasi_config_preopen_dir(global::System.IntPtr config, byte* hostPath, byte* guestPath, byte mutable);

    // linkers
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_new(global::System.IntPtr engine);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_linker_delete(global::System.IntPtr linker);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_root(global::System.IntPtr linker);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_add_wasip2(global::System.IntPtr linker);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_instantiate(global::System.IntPtr linker, global::System.IntPtr context, global::System.IntPtr component, WitNativeInstance* instance);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_instance_add_instance(global::System.IntPtr linkerInstance, byte* name, nuint length, global::System.IntPtr* child);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_instance_add_func(global::System.IntPtr linkerInstance, byte* name, nuint length,
        delegate* unmanaged<global::System.IntPtr, global::System.IntPtr, global::System.IntPtr, WitVal*, nuint, WitVal*, nuint, global::System.IntPtr> callback,
        global::System.IntPtr data, global::System.IntPtr finalizer);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_linker_instance_add_resource(global::System.IntPtr linkerInstance, byte* name, nuint length, global::System.IntPtr resourceType,
        delegate* unmanaged<global::System.IntPtr, global::System.IntPtr, uint, global::System.IntPtr> destructor, global::System.IntPtr data, global::System.IntPtr finalizer);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_linker_instance_delete(global::System.IntPtr linkerInstance);

    // instances and functions
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_instance_get_export_index(WitNativeInstance* instance, global::System.IntPtr context, global::System.IntPtr parent, byte* name, nuint length);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern byte wasmtime_component_instance_get_func(WitNativeInstance* instance, global::System.IntPtr context, global::System.IntPtr index, WitNativeFunc* func);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_export_index_delete(global::System.IntPtr index);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_func_call(WitNativeFunc* func, global::System.IntPtr context, WitVal* args, nuint argCount, WitVal* results, nuint resultCount);

    // values owned by Wasmtime
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_val_delete(WitVal* value);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_val_clone(WitVal* source, WitVal* destination);

    // resources
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_resource_type_new_host(uint type);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_resource_type_delete(global::System.IntPtr type);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_resource_any_clone(global::System.IntPtr resource);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern byte wasmtime_component_resource_any_owned(global::System.IntPtr resource);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_resource_any_drop(global::System.IntPtr context, global::System.IntPtr resource);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_resource_any_delete(global::System.IntPtr resource);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_resource_any_to_host(global::System.IntPtr context, global::System.IntPtr resource, global::System.IntPtr* host);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_resource_host_new(byte owned, uint rep, uint type);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern uint wasmtime_component_resource_host_rep(global::System.IntPtr host);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern uint wasmtime_component_resource_host_type(global::System.IntPtr host);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern void wasmtime_component_resource_host_delete(global::System.IntPtr host);
    [global::System.Runtime.InteropServices.DllImport(Library)] public static extern global::System.IntPtr wasmtime_component_resource_host_to_any(global::System.IntPtr context, global::System.IntPtr host, global::System.IntPtr* any);

    /// <summary>Takes a Wasmtime error (non-null) and returns its message; the error is deleted.</summary>
    public static string TakeMessage(global::System.IntPtr error)
    {
        WitNativeVec message = default;
        wasmtime_error_message(error, &message);
        string text = global::System.Text.Encoding.UTF8.GetString((byte*)message.Data, checked((int)message.Size));
        wasm_byte_vec_delete(&message);
        wasmtime_error_delete(error);
        return text;
    }

    /// <summary>Throws <see cref="WitHostException"/> with <paramref name="what"/> and Wasmtime's message when <paramref name="error"/> is set.</summary>
    public static void Check(global::System.IntPtr error, string what)
    {
        if (error != global::System.IntPtr.Zero) throw new WitHostException(what + ": " + TakeMessage(error));
    }

    /// <summary>A new Wasmtime error carrying <paramref name="message"/> (returned from a host function: the guest traps).</summary>
    public static global::System.IntPtr NewError(string message)
    {
        fixed (byte* text = WitHostStrings.NulTerminated(message)) return wasmtime_error_new(text);
    }
}
