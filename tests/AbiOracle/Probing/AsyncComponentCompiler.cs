using System;
using System.Runtime.InteropServices;

namespace WitTools.AbiOracle.Probing;

/// <summary>
/// Compiles component binaries with Wasmtime 50 through its C API, with the component model's async features switched
/// on (<c>wasmtime_config_wasm_component_model_async_set</c> and the "more async builtins" the non-blocking future and
/// stream built-ins need), which the managed wrapper cannot do. Nothing is instantiated or run: a component that
/// compiles has valid types, canonical options and core signatures for every <c>canon</c> definition.
/// </summary>
public sealed class AsyncComponentCompiler : IDisposable
{
    private const string Library = "wasmtime";
    private IntPtr _engine;

    public AsyncComponentCompiler()
    {
        var config = wasm_config_new();
        wasmtime_config_wasm_component_model_set(config, true);
        wasmtime_config_wasm_component_model_async_set(config, true);
        wasmtime_config_wasm_component_model_more_async_builtins_set(config, true);
        wasmtime_config_wasm_component_model_map_set(config, true);
        _engine = wasm_engine_new_with_config(config); // takes ownership of the config
    }

    /// <summary>What Wasmtime 50 validates but its C API cannot switch on (its error names the feature): fixed-length lists
    /// and error-context. Components using them are checked by wit-component only.</summary>
    public static bool IsUnavailableFeature(string error) =>
        error.Contains("require the component model fixed-length lists feature") || error.Contains("requires the component model error-context feature");

    /// <summary>Null when Wasmtime compiles <paramref name="component"/>, else its error message.</summary>
    public string? Compile(byte[] component)
    {
        if (_engine == IntPtr.Zero) throw new ObjectDisposedException(nameof(AsyncComponentCompiler));
        var error = wasmtime_component_new(_engine, component, (UIntPtr)component.Length, out var compiled);
        if (error == IntPtr.Zero)
        {
            wasmtime_component_delete(compiled);
            return null;
        }
        wasmtime_error_message(error, out var message);
        try
        {
            return Marshal.PtrToStringUTF8(message.Data, (int)message.Size);
        }
        finally
        {
            wasm_byte_vec_delete(ref message);
            wasmtime_error_delete(error);
        }
    }

    public void Dispose()
    {
        if (_engine == IntPtr.Zero) return;
        wasm_engine_delete(_engine);
        _engine = IntPtr.Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ByteVec
    {
        public UIntPtr Size;
        public IntPtr Data;
    }

    [DllImport(Library)] private static extern IntPtr wasm_config_new();
    [DllImport(Library)] private static extern void wasmtime_config_wasm_component_model_set(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [DllImport(Library)] private static extern void wasmtime_config_wasm_component_model_async_set(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [DllImport(Library)] private static extern void wasmtime_config_wasm_component_model_more_async_builtins_set(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [DllImport(Library)] private static extern void wasmtime_config_wasm_component_model_map_set(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);
    [DllImport(Library)] private static extern IntPtr wasm_engine_new_with_config(IntPtr config);
    [DllImport(Library)] private static extern void wasm_engine_delete(IntPtr engine);
    [DllImport(Library)] private static extern IntPtr wasmtime_component_new(IntPtr engine, byte[] bytes, UIntPtr length, out IntPtr component);
    [DllImport(Library)] private static extern void wasmtime_component_delete(IntPtr component);
    [DllImport(Library)] private static extern void wasmtime_error_message(IntPtr error, out ByteVec message);
    [DllImport(Library)] private static extern void wasmtime_error_delete(IntPtr error);
    [DllImport(Library)] private static extern void wasm_byte_vec_delete(ref ByteVec vec);
}
