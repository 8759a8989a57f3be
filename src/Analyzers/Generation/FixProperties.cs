namespace WitTools.Analyzers.Generation;

/// <summary>
/// What the code fixes read from a diagnostic: its id and the names of its <c>Diagnostic.Properties</c>.
/// This file is compiled into WitTools.Analyzers and, linked, into WitTools.Analyzers.CodeFixes (which does
/// not load the analyzer assembly), so both sides use one definition.
/// </summary>
internal static class FixProperties
{
    public const string MissingImplementationId = "WIT0201";
    public const string ImplementationMismatchId = "WIT0202";

    // WIT0201
    public const string WorldNamespace = "WorldNamespace";
    public const string WorldClass = "WorldClass";
    public const string Factory = "Factory";
    /// <summary>The contract's full name with "global::".</summary>
    public const string Contract = "Contract";
    /// <summary>The user's class implementing the contract ("global::Ns.Name"), or empty.</summary>
    public const string Implementation = "Implementation";

    // WIT0202
    /// <summary>The member to add, as the message shows it (types without namespaces).</summary>
    public const string Expected = "Expected";
    /// <summary>The member to add with fully qualified types (what the code fix inserts, then simplifies).</summary>
    public const string ExpectedQualified = "ExpectedQualified";
}
