using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.BindGen.Abi;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Symbols;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>
/// Hover: the item's kind and full name, its WIT signature (as written), its doc comment, its feature gates,
/// and for types the canonical-ABI size, alignment, flat core types and field offsets (from the resolved
/// model through <see cref="ResolveAbi"/>).
/// </summary>
public static class HoverProvider
{
    private const int MaxSignatureLines = 24;

    public static Hover? Hover(RootAnalysis analysis, WitDocument document, Position position)
    {
        int offset = document.ToGlobal(position);
        var symbol = analysis.Symbols.SymbolAt(document, offset);
        if (symbol == null || analysis.Symbols.NameSpanAt(document, offset) is not { } span) return null;
        return new Hover(MarkupContent.Markdown(Describe(analysis, symbol)), document.ToRange(span));
    }

    public static string Describe(RootAnalysis analysis, WitSymbol symbol)
    {
        var text = new StringBuilder();
        var shown = symbol.Definition;
        text.Append("```wit\n").Append(Signature(analysis, shown)).Append("\n```\n\n");
        text.Append('*').Append(DiagnosticsProvider.KindName(shown)).Append("* `").Append(shown.QualifiedName).Append('`');
        if (!ReferenceEquals(shown, symbol) && symbol.Name != shown.Name) text.Append(" (as `").Append(symbol.Name).Append("`)");
        text.Append('\n');
        if (!string.IsNullOrEmpty(shown.Docs)) text.Append('\n').Append(shown.Docs).Append('\n');

        var gates = new List<string>();
        var stability = shown.Stability;
        if (stability.Since != null) gates.Add("since " + stability.Since);
        if (stability.Feature != null) gates.Add("unstable: feature `" + stability.Feature + "`");
        if (stability.Deprecated != null) gates.Add("**deprecated** since " + stability.Deprecated);
        if (gates.Count > 0) text.Append('\n').Append(string.Join(" · ", gates)).Append('\n');

        if (analysis.Resolve is { } resolve && shown.TypeId is { } typeId)
        {
            var abi = new ResolveAbi(resolve).Type(typeId);
            text.Append('\n').Append(AbiSummary(abi)).Append('\n');
        }
        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>Canonical ABI facts of a type, one short paragraph.</summary>
    public static string AbiSummary(AbiType abi)
    {
        if (!abi.IsValid) return "canonical ABI: " + abi.Error;
        var text = new StringBuilder();
        text.Append("canonical ABI: size ").Append(abi.Layout.Size).Append(", align ").Append(abi.Layout.Align);
        var flat = abi.Flat.Types.Take(16).Select(t => t.Name()).ToList();
        text.Append(", flat `(").Append(string.Join(" ", flat));
        if (abi.Flat.Count > flat.Count) text.Append(" … ").Append(abi.Flat.Count).Append(" values");
        text.Append(")`");
        if (abi.Flat.Count > FlatLimits.MaxFlatParams) text.Append(" (passed in memory as a parameter)");
        if (abi.Fields.Count > 0 && abi.Layout.FieldOffsets.Count == abi.Fields.Count)
        {
            text.Append("; fields ").Append(string.Join(", ", abi.Fields.Select((f, i) => f.Name + "@" + abi.Layout.FieldOffsets[i])));
        }
        else if (abi.Layout.HasDiscriminant)
        {
            text.Append("; discriminant ").Append(abi.Layout.DiscriminantSize).Append(" byte(s), payload @").Append(abi.Layout.PayloadOffset);
        }
        return text.ToString();
    }

    /// <summary>The item as written in its file: the definition's text without attributes, trimmed.</summary>
    public static string Signature(RootAnalysis analysis, WitSymbol symbol)
    {
        switch (symbol.Kind)
        {
            case WitSymbolKind.Package:
                return "package " + symbol.QualifiedName;
            case WitSymbolKind.Interface:
                return "interface " + symbol.Name;
            case WitSymbolKind.World:
                return "world " + symbol.Name;
        }
        if (analysis.Symbols.DocumentOf(symbol) is not { } document || !symbol.Span.IsKnown || !document.Contains(symbol.Span)) return symbol.Name;
        string source = document.TextOf(symbol.Span);
        var lines = source.Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 1 && IsAttributeLine(lines[0])) lines.RemoveAt(0);
        if (symbol.Kind is WitSymbolKind.Import or WitSymbolKind.Export && lines.Count > 1) lines = new List<string> { lines[0].TrimEnd().TrimEnd('{').TrimEnd() };
        if (lines.Count > MaxSignatureLines)
        {
            lines = lines.Take(MaxSignatureLines).ToList();
            lines.Add("  …");
        }
        // Later lines keep their indentation relative to the first line's column.
        int indent = FirstColumn(document, symbol);
        for (int i = 1; i < lines.Count; i++)
        {
            int strip = 0;
            while (strip < indent && strip < lines[i].Length && (lines[i][strip] == ' ' || lines[i][strip] == '\t')) strip++;
            lines[i] = lines[i].Substring(strip);
        }
        return string.Join("\n", lines.Select(l => l.TrimEnd())).Trim();
    }

    private static bool IsAttributeLine(string line)
    {
        string trimmed = line.Trim();
        return trimmed.StartsWith('@') && (trimmed.EndsWith(')') || !trimmed.Contains(' '));
    }

    private static int FirstColumn(WitDocument document, WitSymbol symbol)
    {
        var lines = document.Lines;
        int lineNumber = document.ToRange(symbol.NameSpan).Start.Line;
        string line = document.Text.Substring(lines.LineStart(lineNumber), lines.LineContentEnd(lineNumber) - lines.LineStart(lineNumber));
        int column = 0;
        while (column < line.Length && (line[column] == ' ' || line[column] == '\t')) column++;
        return column;
    }
}

internal static class FlatLimits
{
    /// <summary>The canonical ABI's MAX_FLAT_PARAMS.</summary>
    public const int MaxFlatParams = 16;
}
