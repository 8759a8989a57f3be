// Emitted when the world imports functions. WasmImportLinkageAttribute is public only from .NET 9 on; the wasm
// toolchain recognizes it by its full name, so an internal declaration makes imports work on net8.0 too. It is
// partial and carries no attributes so that the runtimes of several worlds in one project merge instead of colliding.
namespace System.Runtime.InteropServices;

#if !NET9_0_OR_GREATER
/// <summary>Marks a P/Invoke as a WebAssembly import (public in .NET 9 and later).</summary>
internal sealed partial class WasmImportLinkageAttribute : global::System.Attribute
{
}
#endif
