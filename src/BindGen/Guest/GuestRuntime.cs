using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Runtime;

namespace WitTools.BindGen.Guest;

using WitTools.BindGen.Binding;

/// <summary>
/// The support code emitted once next to the bindings (in the root namespace): memory facade, traps,
/// Option/Result, cleanup lists, the rep table of exported resources and <c>cabi_realloc</c>. Its code is
/// the C# files in src/BindGen/Runtime (<see cref="RuntimeFile"/>); this class picks the ones the bindings
/// use (see <see cref="RuntimeFeatures"/>).
/// </summary>
internal static class GuestRuntime
{
    // In output order: the parts a host shares first, then the guest-only ones. A file whose code needs another
    // file's types selects it too (Result needs WitException and WitEquality, Option needs WitEquality).
    private static readonly (string Path, System.Func<RuntimeFeatures, bool, bool> Needed)[] Files =
    {
        ("Shared/WitException.cs", (f, _) => f.Exceptions || f.Result),
        ("Shared/Option.cs", (f, _) => f.Option),
        ("Shared/Result.cs", (f, _) => f.Result),
        ("Shared/WitEquality.cs", (f, _) => f.Equality || f.Option || f.Result),
        ("Guest/WitTrapException.cs", (_, _) => true),
        ("Guest/WitCleanup.cs", (_, _) => true),
        ("Guest/WitMemory.cs", (_, _) => true),
        ("Guest/CabiRealloc.cs", (_, exportRealloc) => exportRealloc),
        ("Guest/WitMemory.Utf16.cs", (f, _) => f.Utf16Strings || f.Latin1Utf16Strings),
        ("Guest/WitMemory.Latin1Utf16.cs", (f, _) => f.Latin1Utf16Strings),
        ("Guest/WitResources.cs", (f, _) => f.Resources),
        ("Guest/WitImports.cs", (f, _) => f.WasmImports || f.Resources),
        ("Guest/WitTestHost.cs", (f, _) => f.TestHost || UsesAsync(f) || f.ErrorContext),
        ("Guest/WitExportAttributes.cs", (f, _) => f.ExportAttributes),
        ("Guest/Async/WitAsyncAbi.cs", (f, _) => UsesAsync(f)),
        ("Guest/Async/WitTask.cs", (f, _) => UsesAsync(f)),
        ("Guest/Async/WitSubtask.cs", (f, _) => UsesAsync(f)),
        ("Guest/Async/WitCopyEnd.cs", (f, _) => f.Streams || f.ByteStreams || f.Futures),
        ("Guest/Async/WitStream.cs", (f, _) => f.Streams || f.ByteStreams),
        ("Guest/Async/WitByteStreams.cs", (f, _) => f.ByteStreams),
        ("Guest/Async/WitFuture.cs", (f, _) => f.Futures),
        ("Guest/Async/WitErrorContext.cs", (f, _) => f.ErrorContext),
        ("Guest/WasmImportLinkageAttribute.cs", (f, _) => f.WasmImports || UsesAsync(f) || f.ErrorContext),
    };

    /// <summary>Streams and futures run on the async runtime (tasks, events).</summary>
    private static bool UsesAsync(RuntimeFeatures f) => f.Async || f.Streams || f.ByteStreams || f.Futures;

    /// <summary>The runtime files (paths below src/BindGen/Runtime) of bindings using <paramref name="features"/>, in output order.</summary>
    /// <param name="exportRealloc">Whether this runtime exports <c>cabi_realloc</c>: a component exports it
    /// once, so with several root namespaces only one runtime does.</param>
    public static IReadOnlyList<string> FilePaths(RuntimeFeatures features, bool exportRealloc = true) =>
        features.Host ? Host.HostRuntime.FilePaths(features) : Files.Where(f => f.Needed(features, exportRealloc)).Select(f => f.Path).ToList();

    /// <summary>The text of <c>WitRuntime.cs</c>: the files of <see cref="FilePaths"/> printed into <paramref name="rootNamespace"/>.</summary>
    /// <param name="exportRealloc">Whether this runtime exports <c>cabi_realloc</c>: a component exports it
    /// once, so with several root namespaces only one runtime does.</param>
    public static string Text(string rootNamespace, RuntimeFeatures features, bool exportRealloc = true) =>
        RuntimeFile.Print(rootNamespace, FilePaths(features, exportRealloc).Select(RuntimeFile.Get));
}
