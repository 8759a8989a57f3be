using System.Collections.Generic;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Diagnostics;

namespace WitTools.BindGen.Guest;

public sealed class GuestOptions
{
    /// <summary>Root namespace of everything generated (default "Wit").</summary>
    public string RootNamespace { get; set; } = "Wit";

    /// <summary>Also write a skeleton implementation of the exports.</summary>
    public bool Stubs { get; set; }

    public ResultMapping ResultMapping { get; set; } = ResultMapping.Exceptions;

    /// <summary>The canonical option <c>string-encoding</c> of every lifted and lowered function (default UTF-8).
    /// The component must be embedded with the same encoding (<c>wasm-tools component embed --encoding</c>).</summary>
    public StringEncoding StringEncoding { get; set; } = StringEncoding.Utf8;

    /// <summary>The options of the binding model (all but <see cref="Stubs"/>, which only adds a file).</summary>
    public BindingOptions ToBindingOptions() => new(RootNamespace, ResultMapping, StringEncoding);

    /// <summary>The options that change the text of the bindings (<see cref="BindingOptions.TextKey"/>).</summary>
    public string TextKey() => ToBindingOptions().TextKey();
}

/// <summary>What a generated file is: the merge (<see cref="GuestGenerator.Merge"/>) dedupes bindings and
/// stubs by name, regenerates the runtime once per root namespace and passes WIT through.</summary>
public enum GuestFileKind
{
    /// <summary>C# bindings: one file per WIT interface and direction, and one per world class.</summary>
    Bindings,

    /// <summary>The skeleton implementation of a world's exports (<see cref="GuestOptions.Stubs"/>).</summary>
    Stubs,

    /// <summary>The support types of a root namespace (<c>WitRuntime.cs</c>).</summary>
    Runtime,

    /// <summary>The resolved WIT of the world (not C#).</summary>
    Wit,
}

/// <summary>One generated file: a relative file name and its text. The generators return files not yet printed: the
/// text is printed when first asked for (<see cref="Text"/>, then kept), or streamed to a writer without being kept
/// (<see cref="WriteTo"/>), so a tool writing thousands of files holds one at a time.</summary>
public sealed class GuestFile
{
    private readonly System.Action<System.IO.TextWriter>? _print;
    private string? _text;

    public GuestFile(string name, string text)
        : this(name, text, GuestFileKind.Bindings, "")
    {
    }

    public GuestFile(string name, string text, GuestFileKind kind, string rootNamespace)
    {
        Name = name;
        _text = text;
        Kind = kind;
        RootNamespace = rootNamespace;
    }

    /// <summary>A file whose text <paramref name="print"/> writes when it is needed (every time: it must print the same
    /// text each time).</summary>
    public GuestFile(string name, System.Action<System.IO.TextWriter> print, GuestFileKind kind, string rootNamespace)
    {
        Name = name;
        _print = print;
        Kind = kind;
        RootNamespace = rootNamespace;
    }

    /// <summary>The file name, unique within its root namespace: <c>Wasi.Io.Streams.cs</c> (the C# type's
    /// name below the root namespace), <c>Wasi.Io.Streams.Imports.cs</c>, <c>WitRuntime.cs</c>, <c>command.wit</c>.</summary>
    public string Name { get; }

    /// <summary>The text (printed on first use, then kept).</summary>
    public string Text
    {
        get
        {
            if (_text is { } text) return text;
            var writer = new System.IO.StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            _print!(writer);
            return _text = writer.ToString();
        }
    }

    public GuestFileKind Kind { get; }

    /// <summary>The root namespace the file was generated for (<see cref="GuestOptions.RootNamespace"/>).</summary>
    public string RootNamespace { get; }

    /// <summary>Writes the text to <paramref name="writer"/>; a file not printed yet is printed straight into it and
    /// not kept.</summary>
    public void WriteTo(System.IO.TextWriter writer)
    {
        if (_text is { } text) writer.Write(text);
        else _print!(writer);
    }

    /// <summary>A file printed by <paramref name="body"/> into a <see cref="SourceWriter"/>.</summary>
    internal static GuestFile Printed(string name, GuestFileKind kind, string rootNamespace, System.Action<SourceWriter> body) =>
        new(name, writer =>
        {
            var w = new SourceWriter(writer);
            body(w);
            w.Flush();
        }, kind, rootNamespace);
}

/// <summary>The generated files of one world, or the errors that stopped generation (then there are no
/// files), plus what <see cref="GuestGenerator.Merge"/> needs to combine several worlds.</summary>
public sealed class GuestResult
{
    public GuestResult(IReadOnlyList<GuestFile> files, IReadOnlyList<WitDiagnostic> diagnostics, IReadOnlyList<GuestExport>? exports, string world,
        string rootNamespace, RuntimeFeatures runtime, IReadOnlyList<string> entryPoints, string optionsKey)
    {
        Files = files;
        Diagnostics = diagnostics;
        Exports = exports ?? System.Array.Empty<GuestExport>();
        World = world;
        RootNamespace = rootNamespace;
        Runtime = runtime;
        EntryPoints = entryPoints;
        OptionsKey = optionsKey;
    }

    /// <summary>A result with no files: generation stopped at these errors.</summary>
    public static GuestResult Failed(IReadOnlyList<WitDiagnostic> diagnostics) =>
        new(System.Array.Empty<GuestFile>(), diagnostics, null, "", "", new RuntimeFeatures(), System.Array.Empty<string>(), "");

    /// <summary>Files already generated (e.g. carried through the source generator's pipeline), to be merged.</summary>
    public static GuestResult Generated(IReadOnlyList<GuestFile> files, string world, string rootNamespace, RuntimeFeatures runtime,
        IReadOnlyList<string> entryPoints, string optionsKey) =>
        new(files, System.Array.Empty<WitDiagnostic>(), null, world, rootNamespace, runtime, entryPoints, optionsKey);

    public IReadOnlyList<GuestFile> Files { get; }

    /// <summary>The errors that stopped generation, located at the WIT they are about (rendered by the caller).</summary>
    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }

    /// <summary>What the user must implement: one entry per exported interface, and one for the world's
    /// exported functions (if any). The source generator uses it to check that each factory is written.</summary>
    public IReadOnlyList<GuestExport> Exports { get; }
    public bool Success => Diagnostics.Count == 0;

    /// <summary>The world's name as WIT writes it (<c>wasi:cli/command@0.2.12</c>), for messages.</summary>
    public string World { get; }

    public string RootNamespace { get; }

    /// <summary>The runtime parts the world's bindings use (the merge emits the union per namespace).</summary>
    public RuntimeFeatures Runtime { get; }

    /// <summary>The core functions the world's bindings export (<c>demo:calc/math#add</c>, <c>cabi_post_…</c>,
    /// <c>…#[dtor]r</c>); a component exports each name once. <c>cabi_realloc</c> is not listed.</summary>
    public IReadOnlyList<string> EntryPoints { get; }

    /// <summary>The options that change the generated text, as a short description (equal keys = same text).</summary>
    public string OptionsKey { get; }
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
