using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Symbols;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>Folding ranges: bodies of interfaces, worlds, types and inline interfaces spanning several lines
/// (the closing brace stays visible), and runs of two or more comment lines.</summary>
public static class FoldingProvider
{
    public static List<FoldingRange> FoldingRanges(RootAnalysis analysis, WitDocument document)
    {
        var result = new List<FoldingRange>();
        foreach (var symbol in analysis.Symbols.SymbolsIn(document))
        {
            if (!symbol.Span.IsKnown || !document.Contains(symbol.Span)) continue;
            if (symbol.Kind is not (WitSymbolKind.Interface or WitSymbolKind.World or WitSymbolKind.Record or WitSymbolKind.Variant
                or WitSymbolKind.Enum or WitSymbolKind.Flags or WitSymbolKind.TypeAlias or WitSymbolKind.Resource
                or WitSymbolKind.Import or WitSymbolKind.Export or WitSymbolKind.Package)) continue;
            var range = document.ToRange(symbol.Span);
            int end = range.End.Line - 1;
            if (end > range.Start.Line) result.Add(new FoldingRange(range.Start.Line, end, null));
        }

        // Comment runs: consecutive lines whose first token is a comment.
        var lexer = new Lexer(document.Source, new DiagnosticBag());
        int runStart = -1, runEnd = -1;
        for (int guard = 0; guard <= document.Text.Length + 1; guard++)
        {
            var token = lexer.NextRaw();
            if (token.Kind == TokenKind.EndOfFile) break;
            if (token.Kind == TokenKind.Whitespace) continue;
            int startLine = document.ToRange(token.Span).Start.Line;
            int endLine = document.ToRange(new WitTools.WitParser.Text.Span(token.Start, token.End - 1)).End.Line;
            if (token.Kind == TokenKind.Comment && (runStart < 0 || startLine == runEnd + 1))
            {
                if (runStart < 0) runStart = startLine;
                runEnd = endLine;
                continue;
            }
            Flush();
            if (token.Kind == TokenKind.Comment)
            {
                runStart = startLine;
                runEnd = endLine;
            }
        }
        Flush();
        return result;

        void Flush()
        {
            if (runStart >= 0 && runEnd > runStart) result.Add(new FoldingRange(runStart, runEnd, "comment"));
            runStart = runEnd = -1;
        }
    }
}
