using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Symbols;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Printing;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>Go to definition, find references, and (safe) rename, over the analysis's symbol index.</summary>
public static class Navigation
{
    /// <summary>The definition of the name at the position; through <c>use … as</c> and include renames
    /// to the item finally named.</summary>
    public static Location? Definition(RootAnalysis analysis, WitDocument document, Position position)
    {
        var symbol = analysis.Index.SymbolAt(document, document.ToGlobal(position));
        if (symbol == null) return null;
        var target = symbol.Original;
        if (!target.NameSpan.IsKnown) target = symbol;
        return target.NameSpan.IsKnown ? new Location(target.Document.Uri, target.Document.ToRange(target.NameSpan)) : null;
    }

    public static List<Location> References(RootAnalysis analysis, WitDocument document, Position position, bool includeDeclaration)
    {
        var result = new List<Location>();
        var symbol = analysis.Index.SymbolAt(document, document.ToGlobal(position));
        if (symbol == null) return result;
        if (includeDeclaration && symbol.NameSpan.IsKnown) result.Add(new Location(symbol.Document.Uri, symbol.Document.ToRange(symbol.NameSpan)));
        foreach (var reference in analysis.Index.ReferencesTo(symbol))
        {
            result.Add(new Location(reference.Document.Uri, reference.Document.ToRange(reference.NameSpan)));
        }
        return result;
    }

    /// <summary>Where a rename would start, or an error message saying why the name cannot be renamed.</summary>
    public static (PrepareRenameResult? Result, string? Error) PrepareRename(RootAnalysis analysis, WitDocument document, Position position)
    {
        var (symbol, error) = RenameTarget(analysis, document, position);
        if (symbol == null) return (null, error);
        var (definition, reference) = analysis.Index.At(document, document.ToGlobal(position));
        var span = definition?.NameSpan ?? reference!.NameSpan;
        return (new PrepareRenameResult(document.ToRange(span), symbol.Name), null);
    }

    /// <summary>The edits renaming the item at the position in every file of the folder, or an error when the
    /// rename is not safe (a dependency's item, an invalid name, a name already used where it must be free).</summary>
    public static (WorkspaceEdit? Edit, string? Error) Rename(RootAnalysis analysis, WitDocument document, Position position, string newName)
    {
        var (symbol, error) = RenameTarget(analysis, document, position);
        if (symbol == null) return (null, error);
        newName = (newName ?? string.Empty).Trim();
        if (newName.StartsWith('%')) newName = newName.Substring(1);
        if (IdentifierRules.Validate(newName) is { } invalid) return (null, $"`{newName}` is not a valid WIT name: {invalid}");
        if (newName == symbol.Name) return (new WorkspaceEdit(new Dictionary<string, List<TextEdit>>()), null);

        if (symbol.Container is { } container && container.HasName(newName))
        {
            return (null, $"cannot rename `{symbol.Name}` to `{newName}`: `{newName}` is already defined in {Describe(container)}");
        }
        var references = analysis.Index.ReferencesTo(symbol);
        foreach (var reference in references)
        {
            if (reference.BringsIntoScope && reference.Scope is { } scope && scope.HasName(newName))
            {
                return (null, $"cannot rename `{symbol.Name}` to `{newName}`: {Describe(scope)} uses it and already has a `{newName}`");
            }
        }

        string text = WitPrinter.IsKeyword(newName) ? "%" + newName : newName;
        var changes = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
        void Edit(WitDocument file, WitTools.WitParser.Text.Span span)
        {
            if (file.IsDependency) return;
            if (!changes.TryGetValue(file.Uri, out var list)) changes[file.Uri] = list = new List<TextEdit>();
            list.Add(new TextEdit(file.ToRange(span), text));
        }
        Edit(symbol.Document, symbol.NameSpan);
        foreach (var reference in references) Edit(reference.Document, reference.NameSpan);
        return (new WorkspaceEdit(changes), null);
    }

    private static (WitSymbol? Symbol, string? Error) RenameTarget(RootAnalysis analysis, WitDocument document, Position position)
    {
        var symbol = analysis.Index.SymbolAt(document, document.ToGlobal(position));
        if (symbol == null) return (null, "there is no name to rename here");
        if (symbol.Kind == WitSymbolKind.Package) return (null, "packages cannot be renamed here: rename the package folder and its `package` header");
        if (symbol.Kind == WitSymbolKind.Constructor) return (null, "a constructor has no name to rename");
        if (symbol.Document.IsDependency) return (null, $"`{symbol.Name}` is defined in a dependency ({symbol.Document.Path}); only the workspace's own packages are renamed");
        return (symbol, null);
    }

    private static string Describe(WitSymbol symbol) => DiagnosticsProvider.KindName(symbol) + " `" + symbol.QualifiedName + "`";
}
