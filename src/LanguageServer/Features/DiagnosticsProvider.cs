using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Symbols;
using Diagnostic = WitTools.LanguageServer.Protocol.Diagnostic;
using DiagnosticSeverity = WitTools.LanguageServer.Protocol.DiagnosticSeverity;
using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>
/// The diagnostics of an analysis, per document URI (every document of the folder has an entry, possibly
/// empty): every syntax error of every file (from each file's own parse, so one broken file does not hide
/// another's errors), the loader's resolution and package errors at their own tokens (in a dependency's file
/// when they are there), and a warning with the <c>deprecated</c> tag at each use of a <c>@deprecated</c> item.
/// </summary>
public static class DiagnosticsProvider
{
    public const string Source = "wit";

    public static Dictionary<string, List<Diagnostic>> Compute(RootAnalysis analysis)
    {
        var result = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, int, int, int, int, string)>();
        foreach (var document in analysis.Documents) result[document.Uri] = new List<Diagnostic>();

        void Add(string uri, Diagnostic diagnostic)
        {
            var r = diagnostic.Range;
            if (!seen.Add((uri, r.Start.Line, r.Start.Character, r.End.Line, r.End.Character, diagnostic.Message))) return;
            if (!result.TryGetValue(uri, out var list)) result[uri] = list = new List<Diagnostic>();
            list.Add(diagnostic);
        }

        foreach (var (document, diagnostic, message) in FrontEndDiagnostics(analysis))
        {
            if (document != null)
            {
                Add(document.Uri, Convert(document, diagnostic, message));
                continue;
            }
            // No location (a folder that cannot be read, a missing package header): show it at the top of
            // the package's own files, with its context.
            foreach (var main in analysis.Documents)
            {
                if (main.IsDependency) continue;
                Add(main.Uri, new Diagnostic(new Range(new Position(0, 0), new Position(0, 0)), SeverityOf(diagnostic),
                    diagnostic.Code, Source, diagnostic.ToString()));
            }
        }

        foreach (var reference in analysis.Symbols.References)
        {
            if (reference.Definition is not { IsDeprecated: true } target) continue;
            if (analysis.Symbols.DocumentOf(reference) is not { } document) continue;
            var diagnostic = new Diagnostic(document.ToRange(reference.Span), DiagnosticSeverity.Warning,
                DiagnosticCodes.Deprecated, Source,
                $"{KindName(target)} `{target.QualifiedName}` is deprecated since version {target.Stability.Deprecated}",
                new[] { DiagnosticTag.Deprecated });
            Add(document.Uri, diagnostic);
        }
        return result;
    }

    /// <summary>
    /// The diagnostics of one document that come with a fix (<see cref="WitDiagnostic.Suggestion"/>), each as
    /// published by <see cref="Compute"/> and with the edit that applies the fix: the suggestion written over
    /// exactly the misspelled token, in the document's LSP positions.
    /// </summary>
    public static List<(Diagnostic Diagnostic, TextEdit Fix)> Fixable(RootAnalysis analysis, WitDocument document)
    {
        var result = new List<(Diagnostic, TextEdit)>();
        foreach (var (inDocument, diagnostic, message) in FrontEndDiagnostics(analysis))
        {
            if (inDocument != document || diagnostic.Suggestion is not { } suggestion || !document.Contains(suggestion.Span)) continue;
            result.Add((Convert(document, diagnostic, message), new TextEdit(document.ToRange(suggestion.Span), suggestion.Replacement)));
        }
        return result;
    }

    /// <summary>The front end's diagnostics as <see cref="Compute"/> publishes them: each with the document it is shown
    /// in (null when it has no place in one) and its message. Syntax errors come from each file's own parse (so one
    /// broken file does not hide another's), the rest from the load.</summary>
    private static IEnumerable<(WitDocument? Document, WitDiagnostic Diagnostic, string Message)> FrontEndDiagnostics(RootAnalysis analysis)
    {
        foreach (var document in analysis.Documents)
        {
            foreach (var syntax in document.SyntaxDiagnostics) yield return (document, syntax, syntax.Message);
        }
        foreach (var diagnostic in analysis.Load.Diagnostics)
        {
            // Syntax errors were taken from each file's own parse above.
            if (diagnostic.Code == DiagnosticCodes.Syntax) continue;
            yield return (DocumentOf(analysis, diagnostic.Span), diagnostic, diagnostic.MessageWithHelp);
        }
    }

    /// <summary>The document a front-end diagnostic is shown in: the file of its span, if it is one of the analysis.</summary>
    private static WitDocument? DocumentOf(RootAnalysis analysis, WitParser.Text.Span span)
    {
        var file = span.IsKnown ? analysis.Load.Sources.FileAt(span.Start) : null;
        return file == null ? null : analysis.ByPath(file.Path);
    }

    private static Diagnostic Convert(WitDocument document, WitDiagnostic diagnostic, string message) =>
        new(document.ToRange(diagnostic.Span), SeverityOf(diagnostic), diagnostic.Code, Source, message,
            diagnostic.Code == DiagnosticCodes.Deprecated ? new[] { DiagnosticTag.Deprecated } : null);

    private static int SeverityOf(WitDiagnostic diagnostic) =>
        diagnostic.Severity == WitTools.WitParser.Diagnostics.DiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

    internal static string KindName(WitSymbol symbol) => symbol.Kind switch
    {
        WitSymbolKind.Package => "package",
        WitSymbolKind.Interface => "interface",
        WitSymbolKind.World => "world",
        WitSymbolKind.Resource => "resource",
        WitSymbolKind.Record => "record",
        WitSymbolKind.Variant => "variant",
        WitSymbolKind.Enum => "enum",
        WitSymbolKind.Flags => "flags",
        WitSymbolKind.TypeAlias => "type",
        WitSymbolKind.Use => "use",
        WitSymbolKind.Function => "function",
        WitSymbolKind.Method => "method",
        WitSymbolKind.StaticFunction => "static function",
        WitSymbolKind.Constructor => "constructor",
        WitSymbolKind.Field => "field",
        WitSymbolKind.VariantCase => "case",
        WitSymbolKind.EnumCase => "case",
        WitSymbolKind.Flag => "flag",
        WitSymbolKind.Parameter => "parameter",
        WitSymbolKind.Import => "import",
        WitSymbolKind.Export => "export",
        WitSymbolKind.IncludeAlias => "include alias",
        _ => "item",
    };
}
