// Emitted when the bindings use error-context: a handle to an error value with a debug message, created here or
// received from the other side. Its built-ins carry the string encoding in their names, so the bindings generate
// them (and register them with a module initializer).
namespace WitTools.Runtime;

/// <summary>The <c>error-context</c> built-ins of the bindings' string encoding (generated).</summary>
public abstract class WitErrorContextVTable
{
    private static WitErrorContextVTable? s_default;

    internal static WitErrorContextVTable Default => s_default ?? throw new global::System.InvalidOperationException("no error-context in the bindings");

    public static void Register(WitErrorContextVTable vtable) => s_default ??= vtable;

    /// <summary>error-context.new with <paramref name="message"/> (lowered and freed by the implementation).</summary>
    internal abstract int New(string message);

    /// <summary>error-context.debug-message: the message the host keeps for the handle.</summary>
    internal abstract string DebugMessage(int handle);

    internal abstract void Drop(int handle);
}

/// <summary>
/// A WIT <c>error-context</c>: an error value the host may annotate, with a debug message for people (the host may
/// change or drop the message: do not parse it). Dispose it when done. Passing it to the other side does not give it
/// away: this object stays usable, and is disposed independently.
/// </summary>
public sealed class WitErrorContext : global::System.IDisposable
{
    private int _handle;

    /// <summary>Adopts a handle (received from the other side).</summary>
    public WitErrorContext(int handle) => _handle = handle;

    /// <summary>A new error context carrying <paramref name="message"/> (error-context.new).</summary>
    public static WitErrorContext Create(string message) => new(WitErrorContextVTable.Default.New(message ?? throw WitMemory.NullString()));

    /// <summary>The debug message the host holds for this error (error-context.debug-message).</summary>
    public string DebugMessage => WitErrorContextVTable.Default.DebugMessage(Handle);

    /// <summary>The handle, for lowering (the handle stays owned by this object).</summary>
    public int Handle => _handle != 0 ? _handle : throw new global::System.ObjectDisposedException(nameof(WitErrorContext));

    /// <summary>error-context.drop; later calls do nothing.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        int handle = _handle;
        _handle = 0;
        WitErrorContextVTable.Default.Drop(handle);
    }

    public override string ToString() => _handle == 0 ? "error-context (disposed)" : "error-context " + _handle;
}
