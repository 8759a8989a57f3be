using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Text;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;
using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// One .wit file of an analysis: the loader's <see cref="ParsedWitFile"/> (its text as a <see cref="SourceFile"/>
/// of the load's source map, so syntax, model and symbol spans share one coordinate space; its syntax tree and
/// syntax errors), the URI the client knows it by, and position conversions.
/// </summary>
public sealed class WitDocument
{
    private readonly ParsedWitFile _file;
    private LineMap? _lines;

    internal WitDocument(ParsedWitFile file, string uri, string packageGroup)
    {
        _file = file;
        Uri = uri;
        PackageGroup = packageGroup;
    }

    public string Path => _file.Source.Path;
    public string Uri { get; }
    public SourceFile Source => _file.Source;
    public string Text => Source.Text;
    /// <summary>Line starts, made on first use (most files of an analysis, dependencies above all, are never shown).</summary>
    public LineMap Lines => _lines ??= new LineMap(Source.Text);

    /// <summary>A file of a package in <c>deps/</c> (never edited by rename).</summary>
    public bool IsDependency => _file.IsDependency;

    /// <summary>Files with the same value form one package folder: empty for the analysed folder's own files, the
    /// entry name under <c>deps/</c> for a dependency (a folder, or a single-file package).</summary>
    public string PackageGroup { get; }

    public SyntaxTree Syntax => _file.Syntax;

    /// <summary>Every lexical and syntax error of the file.</summary>
    public IReadOnlyList<WitDiagnostic> SyntaxDiagnostics => _file.SyntaxDiagnostics;

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
