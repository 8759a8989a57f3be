using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Text;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Parsing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;
using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// One .wit file of an analysis: its text as a <see cref="SourceFile"/> of the analysis's source map (so
/// syntax spans and model spans share one coordinate space), its syntax tree and syntax errors (parsed on
/// first use), and position conversions.
/// </summary>
public sealed class WitDocument
{
    private readonly Lazy<(SyntaxTree Tree, IReadOnlyList<WitDiagnostic> Diagnostics)> _parse;

    internal WitDocument(string path, string uri, SourceFile source, bool isDependency, int packageGroup)
    {
        Path = path;
        Uri = uri;
        Source = source;
        IsDependency = isDependency;
        PackageGroup = packageGroup;
        Lines = new LineMap(source.Text);
        _parse = new Lazy<(SyntaxTree, IReadOnlyList<WitDiagnostic>)>(() =>
        {
            var bag = new DiagnosticBag();
            var tree = Parser.Parse(source, bag);
            return (tree, bag.Items);
        });
    }

    public string Path { get; }
    public string Uri { get; }
    public SourceFile Source { get; }
    public string Text => Source.Text;
    public LineMap Lines { get; }

    /// <summary>A file of a package in <c>deps/</c> (never edited by rename).</summary>
    public bool IsDependency { get; }

    /// <summary>Files with the same number form one package (one folder, or one single-file dependency).</summary>
    public int PackageGroup { get; }

    public SyntaxTree Syntax => _parse.Value.Tree;

    /// <summary>Every lexical and syntax error of the file.</summary>
    public IReadOnlyList<WitDiagnostic> SyntaxDiagnostics => _parse.Value.Diagnostics;

    public bool Contains(Span span) => span.IsKnown && Source.Contains(span.Start);

    public Range ToRange(Span span)
    {
        if (!span.IsKnown) return new Range(new Position(0, 0), new Position(0, 0));
        var (start, end) = SourcePositions.ToIndexes(Source, span);
        return Lines.ToRange(start, end);
    }

    public int ToGlobal(Position position) => SourcePositions.ToGlobal(Source, Lines.ToIndex(position));

    public int ToIndex(int globalOffset) => SourcePositions.ToIndex(Source, globalOffset);

    public int ToGlobalFromIndex(int index) => SourcePositions.ToGlobal(Source, index);

    /// <summary>The source text of a span of this file.</summary>
    public string TextOf(Span span)
    {
        var (start, end) = SourcePositions.ToIndexes(Source, span);
        return Text.Substring(start, end - start);
    }

    public override string ToString() => Path;
}
