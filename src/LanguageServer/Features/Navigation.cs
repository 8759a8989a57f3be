using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Symbols;

namespace WitTools.LanguageServer.Features;

/// <summary>Go to definition, find references, and (safe) rename, over the front end's symbol index.</summary>
public static class Navigation
{
    /// <summary>The definition of the name at the position; through <c>use … as</c> and <c>include</c> renames
    /// to the item finally named.</summary>
    public static Location? Definition(RootAnalysis analysis, WitDocument document, Position position)
    {
        var symbol = analysis.Symbols.SymbolAt(document, document.ToGlobal(position));
        if (symbol == null) return null;
        return LocationOf(analysis, symbol.Definition) ?? LocationOf(analysis, symbol);
    }

    /// <summary>Every name standing for the item at the position (a plain <c>use</c> of it included), and its
    /// definition when asked for.</summary>
    public static List<Location> References(RootAnalysis analysis, WitDocument document, Position position, bool includeDeclaration)
    {
        var result = new List<Location>();
        var at = analysis.Symbols.SymbolAt(document, document.ToGlobal(position));
        if (at == null) return result;
        var symbol = analysis.Symbols.Named(at);
        if (includeDeclaration && LocationOf(analysis, symbol) is { } declaration) result.Add(declaration);
        foreach (var reference in analysis.Symbols.Occurrences(symbol))
        {
            if (analysis.Symbols.DocumentOf(reference) is { } file) result.Add(new Location(file.Uri, file.ToRange(reference.Span)));
        }
        return result;
    }

    /// <summary>Where a rename would start, or an error message saying why the name cannot be renamed.</summary>
    public static (PrepareRenameResult? Result, string? Error) PrepareRename(RootAnalysis analysis, WitDocument document, Position position)
    {
        var (symbol, error) = RenameTarget(analysis, document, position);
        if (symbol == null) return (null, error);
        var span = analysis.Symbols.NameSpanAt(document, document.ToGlobal(position))!.Value;
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

        // The new name must be free where the item is defined, and in every scope a plain `use` brings it into.
        if (symbol.Container is { } container && HasChild(analysis, container, newName))
        {
            return (null, $"cannot rename `{symbol.Name}` to `{newName}`: `{newName}` is already defined in {Describe(container)}");
        }
        foreach (var use in analysis.Symbols.PlainUsesOf(symbol))
        {
            if (use.Container is { } scope && HasChild(analysis, scope, newName))
            {
                return (null, $"cannot rename `{symbol.Name}` to `{newName}`: {Describe(scope)} uses it and already has a `{newName}`");
            }
        }

        string text = WitPrinter.IsKeyword(newName) ? "%" + newName : newName;
        var changes = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
        void Edit(WitDocument? file, WitTools.WitParser.Text.Span span)
        {
            if (file == null || file.IsDependency) return;
            if (!changes.TryGetValue(file.Uri, out var list)) changes[file.Uri] = list = new List<TextEdit>();
            list.Add(new TextEdit(file.ToRange(span), text));
        }
        Edit(analysis.Symbols.DocumentOf(symbol), symbol.NameSpan);
        foreach (var reference in analysis.Symbols.Occurrences(symbol)) Edit(analysis.Symbols.DocumentOf(reference), reference.Span);
        return (new WorkspaceEdit(changes), null);
    }

    private static (WitSymbol? Symbol, string? Error) RenameTarget(RootAnalysis analysis, WitDocument document, Position position)
    {
        var at = analysis.Symbols.SymbolAt(document, document.ToGlobal(position));
        if (at == null) return (null, "there is no name to rename here");
        var symbol = analysis.Symbols.Named(at);
        if (symbol.Kind == WitSymbolKind.Package) return (null, "packages cannot be renamed here: rename the package folder and its `package` header");
        if (symbol.Kind == WitSymbolKind.Constructor) return (null, "a constructor has no name to rename");
        if (analysis.Symbols.DocumentOf(symbol) is not { } home) return (null, $"`{symbol.Name}` has no definition in the workspace to rename");
        if (home.IsDependency) return (null, $"`{symbol.Name}` is defined in a dependency ({home.Path}); only the workspace's own packages are renamed");
        return (symbol, null);
    }

    private static bool HasChild(RootAnalysis analysis, WitSymbol container, string name)
    {
        foreach (var child in analysis.Symbols.ChildrenOf(container)) if (child.Name == name) return true;
        return false;
    }

    private static Location? LocationOf(RootAnalysis analysis, WitSymbol symbol) =>
        symbol.NameSpan.IsKnown && analysis.Symbols.DocumentOf(symbol) is { } file ? new Location(file.Uri, file.ToRange(symbol.NameSpan)) : null;

    private static string Describe(WitSymbol symbol) => DiagnosticsProvider.KindName(symbol) + " `" + symbol.QualifiedName + "`";
}
