using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Symbols;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Syntax;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>Document symbols (the outline, nested as the file nests) and workspace symbols (a name filter).</summary>
public static class SymbolsProvider
{
    public const int MaxWorkspaceSymbols = 1000;

    public static List<DocumentSymbol> DocumentSymbols(RootAnalysis analysis, WitDocument document)
    {
        var roots = new List<DocumentSymbol>();
        foreach (var symbol in analysis.Index.Definitions)
        {
            if (symbol.Document != document || symbol.Kind == WitSymbolKind.Parameter) continue;
            bool topLevel = symbol.Container is null
                || (symbol.Container.Kind == WitSymbolKind.Package && (symbol.Container.Document != document || !symbol.Container.NameSpan.IsKnown));
            if (topLevel) roots.Add(ToDocumentSymbol(symbol, document, 0));
        }
        return SortedBySource(roots);
    }

    private static DocumentSymbol ToDocumentSymbol(WitSymbol symbol, WitDocument document, int depth)
    {
        List<DocumentSymbol>? children = null;
        if (depth < 16)
        {
            foreach (var child in symbol.Children)
            {
                if (child.Document != document || child.Kind == WitSymbolKind.Parameter) continue;
                (children ??= new List<DocumentSymbol>()).Add(ToDocumentSymbol(child, document, depth + 1));
            }
        }
        if (children != null) children = SortedBySource(children);
        var selection = document.ToRange(symbol.NameSpan);
        var full = symbol.FullSpan.IsKnown && symbol.FullSpan.Start <= symbol.NameSpan.Start && symbol.FullSpan.End >= symbol.NameSpan.End
            ? document.ToRange(symbol.FullSpan)
            : selection;
        return new DocumentSymbol(symbol.Name, Detail(symbol), KindNumber(symbol), symbol.IsDeprecated ? new[] { 1 } : null, full, selection, children);
    }

    private static List<DocumentSymbol> SortedBySource(List<DocumentSymbol> symbols)
    {
        symbols.Sort((a, b) => a.SelectionRange.Start.Line != b.SelectionRange.Start.Line
            ? a.SelectionRange.Start.Line.CompareTo(b.SelectionRange.Start.Line)
            : a.SelectionRange.Start.Character.CompareTo(b.SelectionRange.Start.Character));
        return symbols;
    }

    public static List<SymbolInformation> WorkspaceSymbols(IEnumerable<RootAnalysis> analyses, string query)
    {
        var result = new List<SymbolInformation>();
        var seen = new HashSet<(string, int, int)>();
        query ??= string.Empty;
        foreach (var analysis in analyses)
        {
            foreach (var symbol in analysis.Index.Definitions)
            {
                if (symbol.Kind is WitSymbolKind.Parameter || !symbol.NameSpan.IsKnown) continue;
                if (!Matches(symbol.Name, query) && !Matches(symbol.QualifiedName, query)) continue;
                var range = symbol.Document.ToRange(symbol.NameSpan);
                if (!seen.Add((symbol.Document.Uri, range.Start.Line, range.Start.Character))) continue;
                result.Add(new SymbolInformation(symbol.Name, KindNumber(symbol), symbol.IsDeprecated ? new[] { 1 } : null,
                    new Location(symbol.Document.Uri, range), symbol.Container?.QualifiedName));
                if (result.Count >= MaxWorkspaceSymbols) return result;
            }
        }
        return result;
    }

    /// <summary>Case-insensitive subsequence match (what editors' symbol pickers expect).</summary>
    public static bool Matches(string name, string query)
    {
        int j = 0;
        for (int i = 0; i < name.Length && j < query.Length; i++)
        {
            if (char.ToLowerInvariant(name[i]) == char.ToLowerInvariant(query[j])) j++;
        }
        return j == query.Length;
    }

    public static string? Detail(WitSymbol symbol) => symbol.Syntax switch
    {
        TypeDefSyntax { Type: RecordTypeSyntax } => "record",
        TypeDefSyntax { Type: VariantTypeSyntax } => "variant",
        TypeDefSyntax { Type: EnumTypeSyntax } => "enum",
        TypeDefSyntax { Type: FlagsTypeSyntax } => "flags",
        TypeDefSyntax { Type: ResourceTypeSyntax } => "resource",
        TypeDefSyntax => "type",
        _ => symbol.Kind switch
        {
            WitSymbolKind.Package => symbol.PackageVersion,
            WitSymbolKind.UseAlias or WitSymbolKind.IncludeAlias => symbol.AliasOf is { } target ? "= " + target.QualifiedName : null,
            _ => null,
        },
    };

    public static int KindNumber(WitSymbol symbol) => symbol.Kind switch
    {
        WitSymbolKind.Package => SymbolKindNumbers.Package,
        WitSymbolKind.Interface => SymbolKindNumbers.Interface,
        WitSymbolKind.World => SymbolKindNumbers.Module,
        WitSymbolKind.Resource => SymbolKindNumbers.Class,
        WitSymbolKind.Type => symbol.Syntax switch
        {
            TypeDefSyntax { Type: RecordTypeSyntax } => SymbolKindNumbers.Struct,
            TypeDefSyntax { Type: VariantTypeSyntax or EnumTypeSyntax or FlagsTypeSyntax } => SymbolKindNumbers.Enum,
            _ => SymbolKindNumbers.TypeParameter,
        },
        WitSymbolKind.Function => SymbolKindNumbers.Function,
        WitSymbolKind.Method => SymbolKindNumbers.Method,
        WitSymbolKind.StaticFunction => SymbolKindNumbers.Function,
        WitSymbolKind.Constructor => SymbolKindNumbers.Constructor,
        WitSymbolKind.Field => SymbolKindNumbers.Field,
        WitSymbolKind.Case or WitSymbolKind.Flag => SymbolKindNumbers.EnumMember,
        WitSymbolKind.Parameter => SymbolKindNumbers.Variable,
        WitSymbolKind.Import or WitSymbolKind.Export => SymbolKindNumbers.Namespace,
        _ => SymbolKindNumbers.Variable,
    };
}
