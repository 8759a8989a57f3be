namespace WitTools.Analyzers.Generation;

/// <summary>
/// The AdditionalFiles metadata the MSBuild targets (build/WitTools.Bindings.targets) attach to every
/// <c>.wit</c> file of a <c>&lt;Wit&gt;</c> item, as the generator reads them from the analyzer config.
/// </summary>
public static class MetadataNames
{
    private const string Prefix = "build_metadata.AdditionalFiles.";

    /// <summary>Marks the file as part of a WIT root and names that root (its full path).</summary>
    public const string Root = Prefix + "WitRoot";
    public const string World = Prefix + "WitWorld";
    public const string Namespace = Prefix + "WitNamespace";
    public const string ResultMapping = Prefix + "WitResultMapping";
    public const string StringEncoding = Prefix + "WitStringEncoding";
    public const string Features = Prefix + "WitFeatures";

    /// <summary>Which bindings the item generates: <c>guest</c> (default: the project is the component) or <c>host</c>
    /// (the project runs components of the world with Wasmtime; docs/host-bindings.md).</summary>
    public const string Bindings = Prefix + "WitBindings";

    /// <summary>Project-wide fallbacks (CompilerVisibleProperty), used when a file lacks the metadata.</summary>
    public const string NamespaceProperty = "build_property.WitNamespace";
    public const string RootNamespaceProperty = "build_property.RootNamespace";
}
