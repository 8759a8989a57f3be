// Always emitted into host bindings: the Wasmtime store (one instance of a world lives in one store), the scratch
// memory arguments are built in, the trap exception, and the WASI preview 2 configuration.
namespace WitTools.Runtime;

/// <summary>
/// A Wasmtime store: the memory, tables and state of one component instance (the generated <c>…Host.Instantiate</c>
/// puts one instance in each store). Not thread-safe: use one store (and its instance) from one thread at a time, and
/// pool instances to serve concurrent requests. Disposing it frees everything the instance holds.
/// </summary>
public sealed unsafe class WitStore : global::System.IDisposable
{
    private readonly global::System.Runtime.InteropServices.GCHandle _self;
    private global::System.IntPtr _store;
    private object?[] _slots = new object?[8];
    private global::System.Exception? _hostException;
    private global::System.Collections.Generic.List<global::System.Action>? _afterCall;
    private global::System.Collections.Generic.List<global::System.IntPtr>? _functionTables;

    /// <param name="wasi">WASI preview 2 for the instance (standard streams, arguments, environment, directories);
    /// needed when the component imports WASI. Null: no WASI context (a component that imports WASI fails to instantiate).</param>
    public WitStore(WitEngine engine, WitWasiConfiguration? wasi = null)
    {
        if (engine is null) throw new global::System.ArgumentNullException(nameof(engine));
        Engine = engine;
        // weak: the store's data must not keep this object alive (the finalizer frees the native store)
        _self = global::System.Runtime.InteropServices.GCHandle.Alloc(this, global::System.Runtime.InteropServices.GCHandleType.Weak);
        _store = WitNative.wasmtime_store_new(engine.Handle, global::System.Runtime.InteropServices.GCHandle.ToIntPtr(_self), global::System.IntPtr.Zero);
        Context = WitNative.wasmtime_store_context(_store);
        if (wasi is not null) WitNative.Check(WitNative.wasmtime_context_set_wasi(Context, wasi.Build()), "WASI could not be configured");
        HasWasi = wasi is not null;
    }

    ~WitStore() => Free();

    public WitEngine Engine { get; }

    /// <summary>Whether the store has a WASI context.</summary>
    public bool HasWasi { get; }

    internal global::System.IntPtr Context { get; }

    /// <summary>The scratch memory the arguments of a call are built in (freed when the call returns).</summary>
    internal WitArena Arena { get; } = new();

    /// <summary>The WIT function whose trap left the instance unusable, or null.</summary>
    public string? TrappedIn { get; private set; }

    /// <summary>The object the bindings instantiated in this store (at most one).</summary>
    internal object? Owner { get; private set; }

    /// <summary>The store of a Wasmtime context (in a host function called by the component).</summary>
    internal static WitStore FromContext(global::System.IntPtr context) =>
        (WitStore)global::System.Runtime.InteropServices.GCHandle.FromIntPtr(WitNative.wasmtime_context_get_data(context)).Target!;

    /// <summary>Claims the store for one instance of generated bindings.</summary>
    internal void Own(object owner)
    {
        if (_store == global::System.IntPtr.Zero) throw new global::System.ObjectDisposedException(nameof(WitStore));
        if (Owner is not null) throw new global::System.InvalidOperationException("this store already holds a component instance: use one store per instance");
        Owner = owner;
    }

    /// <summary>The object registered for slot type <typeparamref name="T"/> (an import's implementation, a resource table).</summary>
    internal T Get<T>() where T : class
    {
        int slot = WitSlot<T>.Index;
        return slot < _slots.Length && _slots[slot] is T value ? value
            : throw new global::System.InvalidOperationException(typeof(T).Name + " is not registered in this store");
    }

    internal void Set<T>(T value) where T : class
    {
        int slot = WitSlot<T>.Index;
        if (slot >= _slots.Length) global::System.Array.Resize(ref _slots, global::System.Math.Max(slot + 1, _slots.Length * 2));
        _slots[slot] = value;
    }

    /// <summary>The rep table of the host-implemented resource <typeparamref name="T"/> in this store.</summary>
    internal WitHostResourceTable<T> Table<T>() where T : class
    {
        int slot = WitSlot<WitHostResourceTable<T>>.Index;
        if (slot < _slots.Length && _slots[slot] is WitHostResourceTable<T> table) return table;
        table = new WitHostResourceTable<T>();
        Set(table);
        return table;
    }

    /// <summary>Runs <paramref name="action"/> once the current call into the component has returned.</summary>
    internal void AfterCall(global::System.Action action)
    {
        _afterCall ??= new();
        if (!_afterCall.Contains(action)) _afterCall.Add(action);
    }

    /// <summary>A table of <paramref name="count"/> component functions (zeroed), freed with the store.</summary>
    internal WitNativeFunc* Functions(int count)
    {
        var table = (WitNativeFunc*)global::System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)global::System.Math.Max(count, 1), (nuint)sizeof(WitNativeFunc));
        (_functionTables ??= new()).Add((global::System.IntPtr)table);
        return table;
    }

    /// <summary>Whether the store was disposed (every instance, value and resource in it is gone).</summary>
    public bool IsDisposed => _store == global::System.IntPtr.Zero;

    /// <summary>
    /// Calls a component function. Arguments were built in <see cref="Arena"/> (released here); results are written to
    /// <paramref name="results"/> (zeroed values), owned by Wasmtime until <see cref="WitHostValues.Free"/>. A trap, or an
    /// exception thrown by a host function the component called, becomes a <see cref="WitComponentTrapException"/>
    /// naming <paramref name="function"/>; the instance cannot be entered again afterwards.
    /// </summary>
    internal void Call(WitNativeFunc* func, WitVal* args, int argCount, WitVal* results, int resultCount, string function)
    {
        if (TrappedIn is not null)
        {
            Arena.Reset();
            throw new WitComponentTrapException(function, "the instance trapped earlier in `" + TrappedIn + "` and cannot be entered again; create a new instance", null);
        }
        if (_store == global::System.IntPtr.Zero) throw new global::System.ObjectDisposedException(nameof(WitStore));
        _hostException = null;
        var error = WitNative.wasmtime_component_func_call(func, Context, args, (nuint)argCount, results, (nuint)resultCount);
        Arena.Reset();
        if (_afterCall is { Count: > 0 })
        {
            foreach (var action in _afterCall) action();
            _afterCall.Clear();
        }
        if (error != global::System.IntPtr.Zero) Trapped(function, error);
    }

    /// <summary>Throws the <see cref="WitComponentTrapException"/> of a Wasmtime error returned by <paramref name="function"/>;
    /// the instance is unusable afterwards (Wasmtime refuses to enter it again).</summary>
    internal void Trapped(string function, global::System.IntPtr error)
    {
        string message = WitNative.TakeMessage(error);
        var inner = _hostException;
        _hostException = null;
        TrappedIn ??= function;
        throw new WitComponentTrapException(function, message, inner);
    }

    /// <summary>
    /// An exception escaped the host's implementation of an import: remembers it (it becomes the inner exception of the
    /// trap the caller sees) and returns the Wasmtime error that makes the component trap with its message.
    /// </summary>
    internal global::System.IntPtr Fail(string function, global::System.Exception exception)
    {
        _hostException ??= exception;
        return WitNative.NewError("host function `" + function + "` failed: " + exception.GetType().FullName + ": " + exception.Message);
    }

    public void Dispose()
    {
        Free();
        global::System.GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_store == global::System.IntPtr.Zero) return;
        WitNative.wasmtime_store_delete(_store);
        _store = global::System.IntPtr.Zero;
        Arena.Dispose();
        if (_functionTables is not null)
            foreach (var table in _functionTables) global::System.Runtime.InteropServices.NativeMemory.Free((void*)table);
        _functionTables = null;
        if (_self.IsAllocated) _self.Free();
    }
}

/// <summary>A process-wide slot number per type, so a store finds what is registered for a type with one array access.</summary>
internal static class WitSlot<T>
{
    public static readonly int Index = global::System.Threading.Interlocked.Increment(ref WitSlotCounter.Last);
}

internal static class WitSlotCounter
{
    public static int Last = -1;
}

/// <summary>
/// The component trapped in a WIT function the host called: the component failed (an <c>unreachable</c>, an
/// out-of-bounds access, invalid data it returned), or a host function it called threw
/// (<see cref="global::System.Exception.InnerException"/>). The instance is unusable afterwards: create a new one.
/// </summary>
public sealed class WitComponentTrapException : global::System.Exception
{
    public WitComponentTrapException(string function, string trap, global::System.Exception? hostException)
        : base("WIT function `" + function + "` trapped: " + Cause(trap), hostException)
    {
        Function = function;
        Trap = trap;
    }

    /// <summary>The WIT function the host called ("wittools:factorization/factorize@0.1.0#factor").</summary>
    public string Function { get; }

    /// <summary>Wasmtime's description of the trap (with its wasm backtrace).</summary>
    public string Trap { get; }

    /// <summary>The cause Wasmtime gives after its backtrace ("wasm `unreachable` instruction executed"), else the first line.</summary>
    private static string Cause(string trap)
    {
        int caused = trap.LastIndexOf("Caused by:", global::System.StringComparison.Ordinal);
        string text = caused >= 0 ? trap.Substring(caused + "Caused by:".Length) : trap;
        foreach (var line in text.Split('\n'))
            if (line.Trim().Length > 0) return line.Trim();
        return trap;
    }
}

/// <summary>WASI preview 2 for a store: what the component sees of standard streams, arguments, environment and files.</summary>
public sealed unsafe class WitWasiConfiguration
{
    /// <summary>The component's stdout, stderr and stdin are this process's (default: stdout and stderr).</summary>
    public bool InheritStdout { get; set; } = true;

    public bool InheritStderr { get; set; } = true;

    public bool InheritStdin { get; set; }

    public global::System.Collections.Generic.IList<string> Arguments { get; } = new global::System.Collections.Generic.List<string>();

    public global::System.Collections.Generic.IDictionary<string, string> Environment { get; } = new global::System.Collections.Generic.Dictionary<string, string>();

    /// <summary>Host directories the component may open, by the path it sees them at.</summary>
    public global::System.Collections.Generic.IList<(string HostPath, string GuestPath, bool Writable)> Directories { get; } =
        new global::System.Collections.Generic.List<(string, string, bool)>();

    internal global::System.IntPtr Build()
    {
        var config = WitNative.wasi_config_new();
        try
        {
            if (InheritStdout) WitNative.wasi_config_inherit_stdout(config);
            if (InheritStderr) WitNative.wasi_config_inherit_stderr(config);
            if (InheritStdin) WitNative.wasi_config_inherit_stdin(config);
            var pins = new global::System.Collections.Generic.List<global::System.Runtime.InteropServices.GCHandle>();
            try
            {
                byte* Pin(string text)
                {
                    var handle = global::System.Runtime.InteropServices.GCHandle.Alloc(WitHostStrings.NulTerminated(text), global::System.Runtime.InteropServices.GCHandleType.Pinned);
                    pins.Add(handle);
                    return (byte*)handle.AddrOfPinnedObject();
                }
                var args = new byte*[Arguments.Count];
                for (int i = 0; i < args.Length; i++) args[i] = Pin(Arguments[i]);
                fixed (byte** argv = args)
                    if (args.Length > 0 && WitNative.wasi_config_set_argv(config, (nuint)args.Length, argv) == 0) throw new WitHostException("WASI arguments could not be set");
                var names = new byte*[Environment.Count];
                var values = new byte*[Environment.Count];
                int n = 0;
                foreach (var pair in Environment)
                {
                    names[n] = Pin(pair.Key);
                    values[n++] = Pin(pair.Value);
                }
                fixed (byte** np = names)
                fixed (byte** vp = values)
                    if (n > 0 && WitNative.wasi_config_set_env(config, (nuint)n, np, vp) == 0) throw new WitHostException("WASI environment could not be set");
                foreach (var (host, guest, writable) in Directories)
                    if (WitNative.wasi_config_preopen_dir(config, Pin(host), Pin(guest), writable ? (byte)1 : (byte)0) == 0)
                        throw new WitHostException("WASI could not open directory `" + host + "`");
            }
            finally
            {
                foreach (var pin in pins) pin.Free();
            }
            return config;
        }
        catch
        {
            WitNative.wasi_config_delete(config);
            throw;
        }
    }
}
