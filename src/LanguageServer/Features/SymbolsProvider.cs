using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Symbols;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>Document symbols (the outline, nested as the file nests) and workspace symbols (a name filter).</summary>
public static class SymbolsProvider
{
    public const int MaxWorkspaceSymbols = 1000;

    public static List<DocumentSymbol> DocumentSymbols(RootAnalysis analysis, WitDocument document)
    {
        var roots = new List<DocumentSymbol>();
        foreach (var symbol in analysis.Symbols.SymbolsIn(document))
        {
            if (!Listed(analysis, symbol)) continue;
            // Top level: packages, and items whose package is declared in another file (or not at all).
            bool topLevel = symbol.Container is null
                || (symbol.Container.Kind == WitSymbolKind.Package && analysis.Symbols.DocumentOf(symbol.Container) != document);
            if (topLevel) roots.Add(ToDocumentSymbol(analysis, symbol, document, 0));
        }
        return SortedBySource(roots);
    }

    /// <summary>What an outline shows: every definition but parameters and plain <c>use</c>s (those define no new name).</summary>
    private static bool Listed(RootAnalysis analysis, WitSymbol symbol) =>
        symbol.Kind != WitSymbolKind.Parameter && symbol.NameSpan.IsKnown && !analysis.Symbols.IsPlainUse(symbol);

    private static DocumentSymbol ToDocumentSymbol(RootAnalysis analysis, WitSymbol symbol, WitDocument document, int depth)
    {
        List<DocumentSymbol>? children = null;
        if (depth < 16)
        {
            foreach (var child in analysis.Symbols.ChildrenOf(symbol))
            {
                if (!document.Contains(child.NameSpan) || !Listed(analysis, child)) continue;
                (children ??= new List<DocumentSymbol>()).Add(ToDocumentSymbol(analysis, child, document, depth + 1));
            }
        }
        if (children != null) children = SortedBySource(children);
        var selection = document.ToRange(symbol.NameSpan);
        var full = symbol.Span.IsKnown && symbol.Span.Start <= symbol.NameSpan.Start && symbol.Span.End >= symbol.NameSpan.End
            ? document.ToRange(symbol.Span)
            : selection;
        return new DocumentSymbol(DisplayName(symbol), Detail(symbol), KindNumber(symbol), symbol.IsDeprecated ? new[] { 1 } : null, full, selection, children);
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
            foreach (var symbol in analysis.Symbols.All)
            {
                if (!Listed(analysis, symbol) || analysis.Symbols.DocumentOf(symbol) is not { } document) continue;
                if (!Matches(symbol.Name, query) && !Matches(symbol.QualifiedName, query)) continue;
                var range = document.ToRange(symbol.NameSpan);
                if (!seen.Add((document.Uri, range.Start.Line, range.Start.Character))) continue;
                result.Add(new SymbolInformation(DisplayName(symbol), KindNumber(symbol), symbol.IsDeprecated ? new[] { 1 } : null,
                    new Location(document.Uri, range), symbol.Container?.QualifiedName));
                if (result.Count >= MaxWorkspaceSymbols) return result;
            }
        }
        return result;
    }

    /// <summary>A package shows as <c>ns:name</c> (its version is the detail); everything else by its name.</summary>
    private static string DisplayName(WitSymbol symbol) =>
        symbol.PackageName is { } package ? package.Namespace + ":" + package.Name : symbol.Name;

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

    public static string? Detail(WitSymbol symbol) => symbol.Kind switch
    {
        WitSymbolKind.Record => "record",
        WitSymbolKind.Variant => "variant",
        WitSymbolKind.Enum => "enum",
        WitSymbolKind.Flags => "flags",
        WitSymbolKind.Resource => "resource",
        WitSymbolKind.TypeAlias => "type",
        WitSymbolKind.Package => symbol.PackageName?.Version?.ToString(),
        WitSymbolKind.Use or WitSymbolKind.IncludeAlias => symbol.AliasOf is { } target ? "= " + target.Definition.QualifiedName : null,
        _ => null,
    };

    public static int KindNumber(WitSymbol symbol) => symbol.Kind switch
    {
        WitSymbolKind.Package => SymbolKindNumbers.Package,
        WitSymbolKind.Interface => SymbolKindNumbers.Interface,
        WitSymbolKind.World => SymbolKindNumbers.Module,
        WitSymbolKind.Resource => SymbolKindNumbers.Class,
        WitSymbolKind.Record => SymbolKindNumbers.Struct,
        WitSymbolKind.Variant or WitSymbolKind.Enum or WitSymbolKind.Flags => SymbolKindNumbers.Enum,
        WitSymbolKind.TypeAlias => SymbolKindNumbers.TypeParameter,
        WitSymbolKind.Use or WitSymbolKind.IncludeAlias => symbol.Definition is { Kind: not (WitSymbolKind.Use or WitSymbolKind.IncludeAlias) } target
            ? KindNumber(target) : SymbolKindNumbers.TypeParameter,
        WitSymbolKind.Function => SymbolKindNumbers.Function,
        WitSymbolKind.Method => SymbolKindNumbers.Method,
        WitSymbolKind.StaticFunction => SymbolKindNumbers.Function,
        WitSymbolKind.Constructor => SymbolKindNumbers.Constructor,
        WitSymbolKind.Field => SymbolKindNumbers.Field,
        WitSymbolKind.VariantCase or WitSymbolKind.EnumCase or WitSymbolKind.Flag => SymbolKindNumbers.EnumMember,
        WitSymbolKind.Parameter => SymbolKindNumbers.Variable,
        WitSymbolKind.Import or WitSymbolKind.Export => symbol.Function != null ? SymbolKindNumbers.Function : SymbolKindNumbers.Namespace,
        _ => SymbolKindNumbers.Variable,
    };
}
