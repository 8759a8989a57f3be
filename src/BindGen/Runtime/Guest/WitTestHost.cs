// Emitted when the world imports functions: with WIT_EMULATED_MEMORY, imports call a test host instead of
// the wasm host.
namespace WitTools.Runtime;

#if WIT_EMULATED_MEMORY
/// <summary>With WIT_EMULATED_MEMORY, imports call <see cref="Handler"/> (module, function, core arguments)
/// instead of the host; it returns the core result (int, long, float or double) or null.</summary>
public static class WitTestHost
{
    public static global::System.Func<string, string, object[], object?>? Handler { get; set; }

    public static object? Call(string module, string name, object[] args) =>
        (Handler ?? throw new global::System.InvalidOperationException("no WitTestHost.Handler for " + module + " " + name))(module, name, args);
}
#endif
