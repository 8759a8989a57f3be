// Emitted into one guest runtime per component (the first root namespace, ordinal order): the core export
// `cabi_realloc` the host allocates arguments and results with. Not in emulated memory (no wasm exports there).
namespace WitTools.Runtime;

internal static partial class WitMemory
{
#if !WIT_EMULATED_MEMORY
    [global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = "cabi_realloc")]
    private static int CabiRealloc(int old, int oldSize, int align, int newSize) => Realloc(old, oldSize, align, newSize);
#endif
}
