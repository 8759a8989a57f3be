using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Runtime;

namespace WitTools.BindGen.Guest;

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
        ("Guest/WitTestHost.cs", (f, _) => f.TestHost),
        ("Guest/WitExportAttributes.cs", (f, _) => f.ExportAttributes),
        ("Guest/WasmImportLinkageAttribute.cs", (f, _) => f.WasmImports),
    };

    /// <summary>The runtime files (paths below src/BindGen/Runtime) of bindings using <paramref name="features"/>, in output order.</summary>
    /// <param name="exportRealloc">Whether this runtime exports <c>cabi_realloc</c>: a component exports it
    /// once, so with several root namespaces only one runtime does.</param>
    public static IReadOnlyList<string> FilePaths(RuntimeFeatures features, bool exportRealloc = true) =>
        Files.Where(f => f.Needed(features, exportRealloc)).Select(f => f.Path).ToList();

    /// <summary>The text of <c>WitRuntime.cs</c>: the files of <see cref="FilePaths"/> printed into <paramref name="rootNamespace"/>.</summary>
    /// <param name="exportRealloc">Whether this runtime exports <c>cabi_realloc</c>: a component exports it
    /// once, so with several root namespaces only one runtime does.</param>
    public static string Text(string rootNamespace, RuntimeFeatures features, bool exportRealloc = true) =>
        RuntimeFile.Print(rootNamespace, FilePaths(features, exportRealloc).Select(RuntimeFile.Get));
}

/// <summary>Which optional parts of the runtime the bindings use. <see cref="ToString"/> and
/// <see cref="Parse"/> round-trip it as text (the source generator carries it through its pipeline);
/// a new part needs a property and a row in <see cref="Parts"/>.</summary>
public sealed class RuntimeFeatures
{
    public bool Exceptions { get; set; }
    public bool Option { get; set; }
    public bool Result { get; set; }
    public bool Equality { get; set; }
    public bool Resources { get; set; }
    public bool TestHost { get; set; }

    /// <summary>Strings use the <c>utf16</c> encoding (also needed by <c>latin1+utf16</c>).</summary>
    public bool Utf16Strings { get; set; }

    /// <summary>Strings use the <c>latin1+utf16</c> encoding.</summary>
    public bool Latin1Utf16Strings { get; set; }

    /// <summary>The world exports something: the contracts carry [WitExport]/[WitFunction].</summary>
    public bool ExportAttributes { get; set; }

    /// <summary>The world imports functions (DllImport + WasmImportLinkage).</summary>
    public bool WasmImports { get; set; }

    private static readonly (string Name, System.Func<RuntimeFeatures, bool> Get, System.Action<RuntimeFeatures> Set)[] Parts =
    {
        ("exceptions", f => f.Exceptions, f => f.Exceptions = true),
        ("option", f => f.Option, f => f.Option = true),
        ("result", f => f.Result, f => f.Result = true),
        ("equality", f => f.Equality, f => f.Equality = true),
        ("resources", f => f.Resources, f => f.Resources = true),
        ("test-host", f => f.TestHost, f => f.TestHost = true),
        ("export-attributes", f => f.ExportAttributes, f => f.ExportAttributes = true),
        ("utf16-strings", f => f.Utf16Strings, f => f.Utf16Strings = true),
        ("latin1-utf16-strings", f => f.Latin1Utf16Strings, f => f.Latin1Utf16Strings = true),
        ("wasm-imports", f => f.WasmImports, f => f.WasmImports = true),
    };

    /// <summary>Adds the parts <paramref name="other"/> uses.</summary>
    public void UnionWith(RuntimeFeatures other)
    {
        foreach (var part in Parts) if (part.Get(other)) part.Set(this);
    }

    /// <summary>The used parts, comma-separated ("exceptions,result,wasm-imports").</summary>
    public override string ToString() => string.Join(",", System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(Parts, p => p.Get(this)), p => p.Name));

    /// <summary>The inverse of <see cref="ToString"/>; unknown names are ignored.</summary>
    public static RuntimeFeatures Parse(string text)
    {
        var features = new RuntimeFeatures();
        foreach (var name in text.Split(','))
            foreach (var part in Parts)
                if (part.Name == name.Trim()) part.Set(features);
        return features;
    }
}
