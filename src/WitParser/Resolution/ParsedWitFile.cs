using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Parsing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>One file a load read: its source, its syntax tree and its syntax errors (see <see cref="LoadResult.Files"/>).</summary>
public sealed class ParsedWitFile
{
    private readonly Lazy<SyntaxTree> _syntax;

    internal ParsedWitFile(SourceFile source, SyntaxTree? syntax, IReadOnlyList<WitDiagnostic> syntaxDiagnostics, bool isDependency)
    {
        Source = source;
        SyntaxDiagnostics = syntaxDiagnostics;
        IsDependency = isDependency;
        // Without WitLoadOptions.BuildSymbols the tree is not kept; parsing again gives the same tree (same spans).
        _syntax = syntax != null ? new Lazy<SyntaxTree>(() => syntax) : new Lazy<SyntaxTree>(() => Parser.Parse(source, new DiagnosticBag()));
    }

    public SourceFile Source { get; }

    /// <summary>The file's syntax tree (kept from the load when <see cref="WitLoadOptions.BuildSymbols"/> was set,
    /// otherwise parsed again on first use). After syntax errors it is the parser's recovered tree.</summary>
    public SyntaxTree Syntax => _syntax.Value;

    /// <summary>The lexical and syntax errors of this file, in source order (they are also in
    /// <see cref="LoadResult.Diagnostics"/>).</summary>
    public IReadOnlyList<WitDiagnostic> SyntaxDiagnostics { get; }

    /// <summary>Whether the file was read from the <c>deps/</c> folder (a dependency, not the loaded package).</summary>
    public bool IsDependency { get; }

    public override string ToString() => Source.Path;
}
