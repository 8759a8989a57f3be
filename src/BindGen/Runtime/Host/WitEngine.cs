// Always emitted into host bindings: the Wasmtime engine and compiled components (from .wasm bytes, WAT text, a
// file, or Wasmtime's serialized form, with an on-disk cache of compiled components).
namespace WitTools.Runtime;

/// <summary>
/// A Wasmtime engine with the component model enabled: compiles components and owns the linkers the generated
/// bindings build (one per world, shared by every instance). Thread-safe; dispose it after every component, store
/// and instance made from it.
/// </summary>
public sealed class WitEngine : global::System.IDisposable
{
    private readonly global::System.Collections.Concurrent.ConcurrentDictionary<global::System.Type, global::System.Lazy<WitLinker>> _linkers = new();
    private global::System.IntPtr _handle;

    public WitEngine()
    {
        var config = WitNative.wasm_config_new();
        WitNative.wasmtime_config_wasm_component_model_set(config, 1);
        WitNative.wasmtime_config_wasm_component_model_map_set(config, 1);
        _handle = WitNative.wasm_engine_new_with_config(config); // takes the config
        if (_handle == global::System.IntPtr.Zero) throw new WitHostException("Wasmtime could not create an engine");
    }

    internal global::System.IntPtr Handle => _handle != global::System.IntPtr.Zero ? _handle : throw new global::System.ObjectDisposedException(nameof(WitEngine));

    /// <summary>The linker of the bindings identified by <paramref name="key"/> (the generated world class), built once.</summary>
    internal WitLinker Linker(global::System.Type key, global::System.Func<WitEngine, WitLinker> build) =>
        _linkers.GetOrAdd(key, _ => new global::System.Lazy<WitLinker>(() => build(this))).Value;

    public void Dispose()
    {
        if (_handle == global::System.IntPtr.Zero) return;
        foreach (var linker in _linkers.Values)
            if (linker.IsValueCreated) linker.Value.Dispose();
        _linkers.Clear();
        WitNative.wasm_engine_delete(_handle);
        _handle = global::System.IntPtr.Zero;
    }
}

/// <summary>
/// A compiled component, ready to be instantiated any number of times (by the generated <c>…Host.Instantiate</c>).
/// Thread-safe. Compiling takes time (seconds for large components): compile once, or keep Wasmtime's serialized form
/// (<see cref="Serialize"/>, <see cref="FromFileCached"/>).
/// </summary>
public sealed unsafe class WitComponent : global::System.IDisposable
{
    private global::System.IntPtr _handle;

    private WitComponent(WitEngine engine, global::System.IntPtr handle)
    {
        Engine = engine;
        _handle = handle;
    }

    public WitEngine Engine { get; }

    internal global::System.IntPtr Handle => _handle != global::System.IntPtr.Zero ? _handle : throw new global::System.ObjectDisposedException(nameof(WitComponent));

    /// <summary>Compiles a component from its binary form, or from WAT text (bytes starting with <c>(</c> after whitespace or comments).</summary>
    public static WitComponent FromBytes(WitEngine engine, global::System.ReadOnlySpan<byte> bytes)
    {
        if (engine is null) throw new global::System.ArgumentNullException(nameof(engine));
        if (LooksLikeText(bytes)) return FromText(engine, global::System.Text.Encoding.UTF8.GetString(bytes));
        global::System.IntPtr component;
        fixed (byte* data = bytes)
            WitNative.Check(WitNative.wasmtime_component_new(engine.Handle, data, (nuint)bytes.Length, &component), "the component could not be compiled");
        return new WitComponent(engine, component);
    }

    /// <summary>Compiles a component written in the WebAssembly text format (<c>(component …)</c>).</summary>
    public static WitComponent FromText(WitEngine engine, string wat)
    {
        if (engine is null) throw new global::System.ArgumentNullException(nameof(engine));
        if (wat is null) throw new global::System.ArgumentNullException(nameof(wat));
        byte[] text = global::System.Text.Encoding.UTF8.GetBytes(wat);
        WitNativeVec wasm = default;
        fixed (byte* data = text)
            WitNative.Check(WitNative.wasmtime_wat2wasm(data, (nuint)text.Length, &wasm), "the component text could not be parsed");
        try
        {
            return FromBytes(engine, new global::System.ReadOnlySpan<byte>(wasm.Data, checked((int)wasm.Size)));
        }
        finally
        {
            WitNative.wasm_byte_vec_delete(&wasm);
        }
    }

    /// <summary>Compiles the component in a file: binary (<c>.wasm</c>) or text (<c>.wat</c>).</summary>
    public static WitComponent FromFile(WitEngine engine, string path) => FromBytes(engine, global::System.IO.File.ReadAllBytes(path));

    /// <summary>Wasmtime's serialized form of the compiled code: <see cref="Deserialize"/> loads it without compiling
    /// (only with the same Wasmtime version and engine settings).</summary>
    public byte[] Serialize()
    {
        WitNativeVec bytes = default;
        WitNative.Check(WitNative.wasmtime_component_serialize(Handle, &bytes), "the component could not be serialized");
        try
        {
            return new global::System.ReadOnlySpan<byte>(bytes.Data, checked((int)bytes.Size)).ToArray();
        }
        finally
        {
            WitNative.wasm_byte_vec_delete(&bytes);
        }
    }

    /// <summary>Loads what <see cref="Serialize"/> produced. The bytes are trusted as compiled machine code: only load
    /// what this program serialized itself.</summary>
    public static WitComponent Deserialize(WitEngine engine, global::System.ReadOnlySpan<byte> serialized)
    {
        if (engine is null) throw new global::System.ArgumentNullException(nameof(engine));
        global::System.IntPtr component;
        fixed (byte* data = serialized)
            WitNative.Check(WitNative.wasmtime_component_deserialize(engine.Handle, data, (nuint)serialized.Length, &component), "the serialized component could not be loaded");
        return new WitComponent(engine, component);
    }

    /// <summary>
    /// The component in <paramref name="path"/>, compiled once: the compiled code is kept in
    /// <paramref name="cacheDirectory"/> under the SHA-256 of the file's bytes and later calls deserialize it (a cache
    /// entry Wasmtime rejects, e.g. after a Wasmtime upgrade, is compiled and written again). Entries are written to a
    /// temporary file and renamed, so concurrent processes never read half a file.
    /// </summary>
    public static WitComponent FromFileCached(WitEngine engine, string path, string cacheDirectory)
    {
        if (engine is null) throw new global::System.ArgumentNullException(nameof(engine));
        byte[] source = global::System.IO.File.ReadAllBytes(path);
        string key = global::System.Convert.ToHexString(global::System.Security.Cryptography.SHA256.HashData(source)).ToLowerInvariant();
        string entry = global::System.IO.Path.Combine(cacheDirectory, key + ".cwasm");
        if (global::System.IO.File.Exists(entry))
        {
            try
            {
                return Deserialize(engine, global::System.IO.File.ReadAllBytes(entry));
            }
            catch (WitHostException)
            {
                // compiled by another Wasmtime version or configuration: compile again below
            }
        }
        var component = FromBytes(engine, source);
        global::System.IO.Directory.CreateDirectory(cacheDirectory);
        string temporary = entry + "." + global::System.Guid.NewGuid().ToString("N") + ".tmp";
        global::System.IO.File.WriteAllBytes(temporary, component.Serialize());
        global::System.IO.File.Move(temporary, entry, overwrite: true);
        return component;
    }

    private static bool LooksLikeText(global::System.ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            if (b == (byte)';' && i + 1 < bytes.Length && bytes[i + 1] == (byte)';')
            {
                while (i < bytes.Length && bytes[i] != (byte)'\n') i++;
                continue;
            }
            return b == (byte)'(';
        }
        return false;
    }

    public void Dispose()
    {
        if (_handle == global::System.IntPtr.Zero) return;
        WitNative.wasmtime_component_delete(_handle);
        _handle = global::System.IntPtr.Zero;
    }
}

/// <summary>An error reported by Wasmtime outside a call (compiling, linking, instantiating), with its message.</summary>
public sealed class WitHostException : global::System.Exception
{
    public WitHostException(string message) : base(message) { }
}
