namespace WitTools.Analyzers.Generation;

/// <summary>
/// Codes of the problems the generator itself finds. Problems in WIT text keep the parser's codes
/// (WIT0001 syntax, WIT0002 resolution, WIT0003 packages, WIT0004 loading, WIT0005 deprecated).
/// Documented in docs/source-generator.md.
/// </summary>
public static class GeneratorDiagnosticIds
{
    /// <summary>The requested world does not exist, or no world was named and there is not exactly one.</summary>
    public const string WorldSelection = BindGen.Binding.WorldSelection.DiagnosticCode;

    /// <summary>The C# emitter rejected the world (e.g. two stream payload types that map to one C# type).</summary>
    public const string Generation = "WIT0101";

    /// <summary>An option (namespace, result mapping, string encoding) has an invalid value.</summary>
    public const string InvalidOption = BindGen.Binding.OptionValidation.DiagnosticCode;

    /// <summary>Worlds that cannot be in one project or namespace: the same core export, different options in
    /// one namespace, or different code for one C# type (e.g. two versions of a package).</summary>
    public const string DuplicateOutput = "WIT0103";

    /// <summary>An unexpected failure inside the generator (a bug: please report it).</summary>
    public const string Internal = "WIT0104";

    /// <summary>An export of the world has no implementation (the world class's <c>CreateX</c> factory is not written).</summary>
    public const string MissingImplementation = FixProperties.MissingImplementationId;

    /// <summary>A class implementing an export contract (or deriving an exported resource) lacks a member or
    /// has it with another signature (reported by <see cref="Diagnostics.ExportContractAnalyzer"/>).</summary>
    public const string ImplementationMismatch = FixProperties.ImplementationMismatchId;
}
