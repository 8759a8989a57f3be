using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Runtime;

namespace WitTools.BindGen.Host;

/// <summary>
/// The support code emitted once next to host bindings (in the root namespace): the shared WIT value types
/// (Option/Result/WitException, as the guest's) and the host runtime of src/BindGen/Runtime/Host (the Wasmtime interop
/// layer, engine, components, stores, linker, value and resource conversions).
/// </summary>
internal static class HostRuntime
{
    private static readonly (string Path, System.Func<RuntimeFeatures, bool> Needed)[] Files =
    {
        ("Shared/WitException.cs", f => f.Exceptions || f.Result),
        ("Shared/Option.cs", f => f.Option),
        ("Shared/Result.cs", f => f.Result),
        ("Shared/WitEquality.cs", f => f.Equality || f.Option || f.Result),
        ("Host/WitNative.cs", _ => true),
        ("Host/WitEngine.cs", _ => true),
        ("Host/WitStore.cs", _ => true),
        ("Host/WitLinker.cs", _ => true),
        ("Host/WitHostValues.cs", _ => true),
        ("Host/WitHostResources.cs", _ => true),
    };

    /// <summary>The runtime files (paths below src/BindGen/Runtime) of host bindings using <paramref name="features"/>, in output order.</summary>
    public static IReadOnlyList<string> FilePaths(RuntimeFeatures features) => Files.Where(f => f.Needed(features)).Select(f => f.Path).ToList();

    /// <summary>The text of <c>WitRuntime.cs</c> for host bindings.</summary>
    public static string Text(string rootNamespace, RuntimeFeatures features) =>
        RuntimeFile.Print(rootNamespace, FilePaths(features).Select(RuntimeFile.Get));
}
