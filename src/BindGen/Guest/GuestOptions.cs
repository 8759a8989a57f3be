using System.Collections.Generic;

namespace WitTools.BindGen.Guest;

/// <summary>How functions whose WIT result is <c>result&lt;T, E&gt;</c> look in C#.</summary>
public enum ResultMapping
{
    /// <summary>Return <c>T</c>; the error travels as <c>WitException&lt;E&gt;</c>.</summary>
    Exceptions,

    /// <summary>Return <c>Result&lt;T, E&gt;</c>.</summary>
    Result,
}

public sealed class GuestOptions
{
    /// <summary>Root namespace of everything generated (default "Wit").</summary>
    public string RootNamespace { get; set; } = "Wit";

    /// <summary>Also write a skeleton implementation of the exports.</summary>
    public bool Stubs { get; set; }

    public ResultMapping ResultMapping { get; set; } = ResultMapping.Exceptions;
}

/// <summary>One generated file: a relative file name and its text.</summary>
public sealed class GuestFile
{
    public GuestFile(string name, string text)
    {
        Name = name;
        Text = text;
    }

    public string Name { get; }
    public string Text { get; }
}

/// <summary>The generated files, or the errors that stopped generation (then there are no files).</summary>
public sealed class GuestResult
{
    public GuestResult(IReadOnlyList<GuestFile> files, IReadOnlyList<string> errors, IReadOnlyList<GuestExport>? exports = null)
    {
        Files = files;
        Errors = errors;
        Exports = exports ?? System.Array.Empty<GuestExport>();
    }

    public IReadOnlyList<GuestFile> Files { get; }
    public IReadOnlyList<string> Errors { get; }

    /// <summary>What the user must implement: one entry per exported interface, and one for the world's
    /// exported functions (if any). The source generator uses it to check that each factory is written.</summary>
    public IReadOnlyList<GuestExport> Exports { get; }
    public bool Success => Errors.Count == 0;
}

/// <summary>One export the user implements: a contract (C# interface) and the partial factory method of the
/// world class that returns its implementation.</summary>
public sealed class GuestExport
{
    public GuestExport(string name, string worldNamespace, string worldClass, string factory, string contract, string declaration,
        WitParser.Text.Span span, IReadOnlyList<string> functions)
    {
        Name = name;
        WorldNamespace = worldNamespace;
        WorldClass = worldClass;
        Factory = factory;
        Contract = contract;
        Declaration = declaration;
        Span = span;
        Functions = functions;
    }

    /// <summary>The component-model name of the export ("wittools:factorization/factorize@0.1.0"), or the
    /// world's qualified name for the world's own exported functions.</summary>
    public string Name { get; }
    public string WorldNamespace { get; }
    public string WorldClass { get; }
    /// <summary>The factory method, e.g. "CreateFactorize".</summary>
    public string Factory { get; }
    /// <summary>The contract's full name with "global::".</summary>
    public string Contract { get; }
    /// <summary>The generated declaration of the factory, one line as it appears in the bindings:
    /// <c>private static partial Contract CreateX();</c>.</summary>
    public string Declaration { get; }
    /// <summary>Where the WIT exports it (the `export` item, or the first exported function).</summary>
    public WitParser.Text.Span Span { get; }
    /// <summary>The WIT names of the exported functions (world exports only; empty for interfaces).</summary>
    public IReadOnlyList<string> Functions { get; }
}
