using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Symbols;

/// <summary>
/// The front end's <see cref="WitSymbolIndex"/> (recorded by the resolver, so it binds names exactly as the model
/// does) seen through the documents of an analysis: which document a symbol or reference is in, what is named at
/// a cursor, the interface or world around it, and the one rule the editor adds — a <c>use</c> without <c>as</c>
/// brings a name in under the same name, so finding or renaming that name goes through it. Empty when the load
/// built no index (an internal error).
/// </summary>
public sealed class SymbolLookup
{
    private const int MaxAliasDepth = 64;

    private readonly RootAnalysis _analysis;
    private readonly WitSymbolIndex? _index;

    internal SymbolLookup(RootAnalysis analysis, WitSymbolIndex? index)
    {
        _analysis = analysis;
        _index = index;
    }

    /// <summary>Every definition, in source order.</summary>
    public IReadOnlyList<WitSymbol> All => _index?.Symbols ?? Array.Empty<WitSymbol>();

    /// <summary>Every reference, in source order.</summary>
    public IReadOnlyList<WitReference> References => _index?.References ?? Array.Empty<WitReference>();

    /// <summary>The package symbols (nested <c>package … { }</c> blocks included).</summary>
    public IEnumerable<WitSymbol> Packages
    {
        get
        {
            if (_index == null) yield break;
            foreach (var symbol in _index.Packages) if (symbol.Kind == WitSymbolKind.Package) yield return symbol;
        }
    }

    public WitDocument? DocumentOf(WitSymbol symbol) => symbol.File is { } file ? _analysis.ByPath(file.Path) : null;

    public WitDocument? DocumentOf(WitReference reference) => _analysis.DocumentAt(reference.Span.Start);

    /// <summary>The definitions of a document, in source order.</summary>
    public IEnumerable<WitSymbol> SymbolsIn(WitDocument document) => _index?.SymbolsIn(document.Source) ?? Array.Empty<WitSymbol>();

    /// <summary>The references of a document, in source order.</summary>
    public IEnumerable<WitReference> ReferencesIn(WitDocument document) => _index?.ReferencesIn(document.Source) ?? Array.Empty<WitReference>();

    public IReadOnlyList<WitSymbol> ChildrenOf(WitSymbol symbol) => _index?.ChildrenOf(symbol) ?? Array.Empty<WitSymbol>();

    /// <summary>The name token at <paramref name="globalOffset"/>: a reference there (a name can be both, as in
    /// <c>use p.{a}</c>: then it is the reference), else a definition. A name touches the offset at both ends.</summary>
    public (WitSymbol? Definition, WitReference? Reference) At(WitDocument document, int globalOffset)
    {
        if (_index == null || !document.Source.Contains(globalOffset)) return (null, null);
        if (_index.ReferenceAt(globalOffset) is { } reference && (reference.Symbol != null || _index.SymbolAt(globalOffset) == null))
        {
            return (null, reference);
        }
        return (_index.SymbolAt(globalOffset), null);
    }

    /// <summary>The span of the name token at a position, if there is one.</summary>
    public Span? NameSpanAt(WitDocument document, int globalOffset)
    {
        var (definition, reference) = At(document, globalOffset);
        return definition?.NameSpan ?? reference?.Span;
    }

    /// <summary>The symbol named at a position: a reference's target (null when it did not resolve), or the definition
    /// there.</summary>
    public WitSymbol? SymbolAt(WitDocument document, int globalOffset)
    {
        var (definition, reference) = At(document, globalOffset);
        return definition ?? reference?.Symbol;
    }

    /// <summary>Whether <paramref name="symbol"/> is a <c>use</c> without <c>as</c> (<c>use p.{a}</c>, or <c>use
    /// ns:pkg/iface;</c> at package level): its name token is also the reference to what it brings in.</summary>
    public bool IsPlainUse(WitSymbol symbol) =>
        symbol.Kind == WitSymbolKind.Use && _index?.ReferenceAt(symbol.NameSpan.Start) is { } reference && reference.Span == symbol.NameSpan;

    /// <summary>The item a name stands for when it is found or renamed: plain <c>use</c>s followed to the item they
    /// bring in (an alias written with <c>as</c> is a name of its own).</summary>
    public WitSymbol Named(WitSymbol symbol)
    {
        for (int i = 0; i < MaxAliasDepth && IsPlainUse(symbol) && symbol.AliasOf is { } target; i++) symbol = target;
        return symbol;
    }

    /// <summary>The plain <c>use</c>s that bring <paramref name="symbol"/> in under its own name, and those that bring
    /// those in, and so on (renaming the symbol renames all of them).</summary>
    public List<WitSymbol> PlainUsesOf(WitSymbol symbol)
    {
        var result = new List<WitSymbol>();
        if (_index == null) return result;
        var pending = new Stack<(WitSymbol Symbol, int Depth)>();
        pending.Push((symbol, 0));
        while (pending.Count > 0)
        {
            var (current, depth) = pending.Pop();
            if (depth >= MaxAliasDepth) continue;
            foreach (var alias in _index.AliasesOf(current))
            {
                if (!IsPlainUse(alias) || result.Contains(alias)) continue;
                result.Add(alias);
                pending.Push((alias, depth + 1));
            }
        }
        return result;
    }

    /// <summary>Every name token that stands for <paramref name="symbol"/> (as <see cref="Named"/> sees it), its own
    /// definition excluded: the references to it and to the plain <c>use</c>s of it.</summary>
    public List<WitReference> Occurrences(WitSymbol symbol)
    {
        var result = new List<WitReference>();
        if (_index == null) return result;
        var seen = new HashSet<Span>();
        void AddAll(WitSymbol target)
        {
            foreach (var reference in _index.ReferencesTo(target)) if (seen.Add(reference.Span)) result.Add(reference);
        }
        AddAll(symbol);
        foreach (var alias in PlainUsesOf(symbol)) AddAll(alias);
        return result;
    }

    /// <summary>The innermost interface, world or inline interface (an import or export) whose text holds the offset.</summary>
    public WitSymbol? ScopeAt(WitDocument document, int globalOffset)
    {
        WitSymbol? best = null;
        foreach (var symbol in SymbolsIn(document))
        {
            if (symbol.Kind is not (WitSymbolKind.Interface or WitSymbolKind.World or WitSymbolKind.Import or WitSymbolKind.Export)) continue;
            if (!Inside(symbol.Span, globalOffset)) continue;
            if (best == null || symbol.Span.Length <= best.Span.Length) best = symbol;
        }
        return best;
    }

    /// <summary>The package a cursor is in: a nested <c>package … { }</c> block around it, else the package of the
    /// document's folder (declared by a <c>package</c> header in any of its files).</summary>
    public WitSymbol? PackageAt(WitDocument document, int globalOffset)
    {
        WitSymbol? main = null;
        foreach (var package in Packages)
        {
            var packageDocument = DocumentOf(package);
            if (packageDocument == null || packageDocument.PackageGroup != document.PackageGroup) continue;
            bool nestedBlock = package.Span != package.NameSpan;
            if (nestedBlock && packageDocument == document && Inside(package.Span, globalOffset)) return package;
            if (!nestedBlock) main ??= package;
        }
        return main;
    }

    /// <summary>Strictly inside a definition (after its first character, up to its end).</summary>
    private static bool Inside(Span span, int offset) => span.IsKnown && offset > span.Start && offset <= span.End;
}
