using WitTools.BindGen.Binding;

namespace WitTools.Analyzers.Models;

// The values that flow through the incremental pipeline. All are records of strings, ints and
// ValueArrays (BindGen.Binding): comparing two of them is cheap and exact, and none holds a Roslyn symbol, a syntax
// node or a parsed WIT model (those would keep compilations alive and defeat caching).

/// <summary>How one WIT root (a <c>&lt;Wit&gt;</c> item: a directory or a single file) is turned into C#.
/// Read from the AdditionalFiles metadata the MSBuild targets attach to every file of the root.</summary>
/// <param name="Root">Full path of the directory or file the item names (no trailing separator).</param>
/// <param name="Worlds">Comma-separated world names; empty selects the only world.</param>
/// <param name="Namespace">Root namespace of the generated code.</param>
/// <param name="ResultMapping">"exceptions" (default) or "result".</param>
/// <param name="StringEncoding">"utf8" (default), "utf16" or "latin1+utf16" (also "compact-utf16"); see <c>StringEncodings.TryParse</c>.</param>
/// <param name="Features">The <c>@unstable</c> features to enable, comma-separated; "*" enables all.</param>
/// <param name="Bindings">"guest" (default) or "host" (<c>Bindings</c> metadata of the item).</param>
public sealed record WitRootOptions(
    string Root,
    string Worlds,
    string Namespace,
    string ResultMapping,
    string StringEncoding,
    string Features,
    string Bindings = "");

/// <summary>One <c>.wit</c> file with its text and the options of the root it belongs to.</summary>
public sealed record WitSourceFile(string Path, string Text, WitRootOptions Options);

/// <summary>All files of one root, sorted by path: the unit of resolution and generation.</summary>
public sealed record WitRootInput(WitRootOptions Options, ValueArray<WitSourceFile> Files);

/// <summary>One generated C# file.</summary>
public sealed record GeneratedSource(string HintName, string Text);

/// <summary>A diagnostic as plain data, turned into a Roslyn <c>Diagnostic</c> only when reported.</summary>
/// <param name="Id">The diagnostic id (<c>WIT0001</c>...).</param>
/// <param name="Message">The message, already rendered.</param>
/// <param name="IsError">Error, else warning.</param>
/// <param name="FilePath">The file the diagnostic is in (the AdditionalFiles path), or null for none.</param>
/// <param name="Start">0-based UTF-16 offset in the file.</param>
/// <param name="StartLine">0-based line of <paramref name="Start"/>.</param>
/// <param name="StartCharacter">0-based UTF-16 column of <paramref name="Start"/>.</param>
/// <param name="Length">UTF-16 length of the span.</param>
/// <param name="EndLine">0-based line of the span's end.</param>
/// <param name="EndCharacter">0-based UTF-16 column of the span's end.</param>
/// <param name="Properties">What a code fix needs (<c>Diagnostic.Properties</c>).</param>
public sealed record DiagnosticInfo(
    string Id,
    string Message,
    bool IsError,
    string? FilePath,
    int Start,
    int Length,
    int StartLine,
    int StartCharacter,
    int EndLine,
    int EndCharacter,
    ValueArray<DiagnosticProperty> Properties = default);

/// <summary>A key/value a code fix reads from the diagnostic (<c>Diagnostic.Properties</c>).</summary>
public sealed record DiagnosticProperty(string Key, string Value);

/// <summary>One generated file of a world: its name below the root namespace (e.g.
/// <c>Wasi.Io.Streams.cs</c>), text and <c>GuestFileKind</c> (as an int).</summary>
public sealed record WorldFile(string Name, string Text, int Kind);

/// <summary>The bindings of one world before the worlds of all roots are merged: what
/// <c>GuestGenerator.Merge</c> needs, as plain data.</summary>
/// <param name="World">The world's name (<c>demo:calc/calculator</c>).</param>
/// <param name="Namespace">The root namespace of the bindings.</param>
/// <param name="OptionsKey">The options that change the text (worlds in one namespace must agree).</param>
/// <param name="Runtime">The runtime parts the bindings use (<c>RuntimeFeatures.ToString()</c>).</param>
/// <param name="EntryPoints">The core functions the bindings export.</param>
/// <param name="Files">The generated C# files.</param>
/// <param name="Exports">What the user implements (WIT0201).</param>
/// <param name="Location">Where the world is declared, as a diagnostic with an empty id and message: merge
/// problems are reported there.</param>
public sealed record WorldOutput(
    string World,
    string Namespace,
    string OptionsKey,
    string Runtime,
    ValueArray<string> EntryPoints,
    ValueArray<WorldFile> Files,
    DiagnosticInfo Location,
    ValueArray<ExportInfo> Exports);

/// <summary>What one root produced: the bindings of its worlds (merged with the other roots' at the end)
/// and its diagnostics.</summary>
public sealed record WitRootOutput(
    string Root,
    ValueArray<WorldOutput> Worlds,
    ValueArray<DiagnosticInfo> Diagnostics);

/// <summary>A place in a file (a <c>.wit</c> AdditionalFile or a C# file) as plain data; lines and
/// characters are 0-based, characters in UTF-16 code units.</summary>
public sealed record FileSpan(string Path, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter);

/// <summary>One export the user implements: the world class's partial factory method returning the contract.</summary>
/// <param name="Name">The component-model name of the export, or the world's qualified name for its functions.</param>
/// <param name="World">The world's plain name ("factorizer").</param>
/// <param name="WorldNamespace">Namespace of the world class.</param>
/// <param name="WorldClass">The world class ("FactorizerWorld").</param>
/// <param name="Factory">The factory method ("CreateFactorize").</param>
/// <param name="Contract">The contract's full name, with "global::".</param>
/// <param name="Declaration">The factory's declaration line in the generated text (replaced when it has no implementation).</param>
/// <param name="Functions">For the world's own exports: the WIT function names; empty for an interface.</param>
/// <param name="Location">The export in the WIT, or null when unknown.</param>
public sealed record ExportInfo(
    string Name,
    string World,
    string WorldNamespace,
    string WorldClass,
    string Factory,
    string Contract,
    string Declaration,
    ValueArray<string> Functions,
    FileSpan? Location);

/// <summary>The merged sources with the factories nobody implements replaced by placeholders, and those exports.</summary>
public sealed record CompletedRoot(ValueArray<GeneratedSource> Sources, ValueArray<ExportInfo> Missing);

/// <summary>A type the user declares with a base list (a candidate implementation of a contract), found
/// syntactically: its namespace, its name (with containing types, "Outer.Inner"), the last identifier of
/// each base type, and where its name is.</summary>
public sealed record UserType(string Namespace, string Name, bool IsAbstract, ValueArray<string> BaseNames, FileSpan Location);

/// <summary>The worlds of all roots merged: each source once (hint names are unique), the problems of
/// worlds that cannot coexist, and the exports of the worlds kept.</summary>
public sealed record MergedOutput(ValueArray<GeneratedSource> Sources, ValueArray<DiagnosticInfo> Diagnostics, ValueArray<ExportInfo> Exports);
