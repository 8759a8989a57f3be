using System;
using System.Collections.Generic;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Symbols;

/// <summary>
/// Every named definition and every name reference of the loaded WIT (the main package and its <c>deps/</c>), recorded
/// by the resolver as it resolves (so it agrees with it by construction). Built when
/// <see cref="Resolution.WitLoadOptions.BuildSymbols"/> is set; see docs/ARCHITECTURE.md ("Symbol index"). Immutable and
/// safe to read from several threads.
/// </summary>
/// <remarks>
/// All spans are global UTF-8 byte offsets of <see cref="Resolution.LoadResult.Sources"/>; convert them for an editor
/// with <see cref="SourceFile.PositionOf"/> and back with <see cref="SourceFile.OffsetOf(int, int)"/>. When loading
/// failed the index still holds everything that was parsed: a reference whose name did not resolve has a null
/// <see cref="WitReference.Symbol"/>, and model links (<see cref="WitSymbol.TypeId"/> …) are null for items that did
/// not make it into the Resolve.
/// </remarks>
public sealed class WitSymbolIndex
{
    private static readonly IReadOnlyList<WitReference> NoReferences = Array.Empty<WitReference>();
    private static readonly IReadOnlyList<WitSymbol> NoSymbols = Array.Empty<WitSymbol>();

    private readonly WitSymbol[] _symbols;
    private readonly WitReference[] _references;
    private readonly Dictionary<WitSymbol, List<WitReference>> _referencesTo = new();
    private readonly Dictionary<WitSymbol, List<WitSymbol>> _aliases = new();
    private readonly Dictionary<WitSymbol, List<WitSymbol>> _children = new();
    private readonly List<WitSymbol> _packages = new();
    private readonly Dictionary<PackageName, WitSymbol> _packagesByName = new();

    internal WitSymbolIndex(List<WitSymbol> symbols, List<WitReference> references)
    {
        _symbols = symbols.ToArray();
        Array.Sort(_symbols, (a, b) => a.NameSpan.Start.CompareTo(b.NameSpan.Start));
        _references = references.ToArray();
        Array.Sort(_references, (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        foreach (var symbol in _symbols)
        {
            if (symbol.Container is { } container) Add(_children, container, symbol);
            else _packages.Add(symbol);
            if (symbol.AliasOf is { } target) Add(_aliases, target, symbol);
            if (symbol.PackageName is { } name && !_packagesByName.ContainsKey(name)) _packagesByName.Add(name, symbol);
        }
        foreach (var reference in _references)
        {
            if (reference.Symbol is { } target) Add(_referencesTo, target, reference);
        }
    }

    /// <summary>Every definition, in source order (by the start of its name).</summary>
    public IReadOnlyList<WitSymbol> Symbols => _symbols;

    /// <summary>Every reference, in source order.</summary>
    public IReadOnlyList<WitReference> References => _references;

    /// <summary>The package symbols (the symbols without a container).</summary>
    public IReadOnlyList<WitSymbol> Packages => _packages;

    /// <summary>The definition whose name token touches <paramref name="offset"/> (start and end included), if any.</summary>
    public WitSymbol? SymbolAt(int offset)
    {
        int index = LastStartingAtOrBefore(_symbols, offset, s => s.NameSpan.Start);
        return index >= 0 && _symbols[index].NameSpan.Touches(offset) ? _symbols[index] : null;
    }

    /// <summary>The reference whose name token touches <paramref name="offset"/>, if any.</summary>
    public WitReference? ReferenceAt(int offset)
    {
        int index = LastStartingAtOrBefore(_references, offset, r => r.Span.Start);
        return index >= 0 && _references[index].Span.Touches(offset) ? _references[index] : null;
    }

    /// <summary>What the name at <paramref name="offset"/> stands for: the target of a reference there, else the
    /// definition named there (what "go to definition" and "hover" want; follow <see cref="WitSymbol.Definition"/>
    /// to see through <c>use</c> aliases).</summary>
    public WitSymbol? SymbolOrReferenceTargetAt(int offset) => ReferenceAt(offset)?.Symbol ?? SymbolAt(offset);

    /// <summary>The references that name <paramref name="symbol"/> directly (a name written through a <c>use</c> alias
    /// refers to the alias: see <see cref="AliasesOf"/>).</summary>
    public IReadOnlyList<WitReference> ReferencesTo(WitSymbol symbol) =>
        _referencesTo.TryGetValue(symbol, out var list) ? list : NoReferences;

    /// <summary>The <c>use</c> and include-rename symbols whose <see cref="WitSymbol.AliasOf"/> is <paramref name="symbol"/>.</summary>
    public IReadOnlyList<WitSymbol> AliasesOf(WitSymbol symbol) =>
        _aliases.TryGetValue(symbol, out var list) ? list : NoSymbols;

    /// <summary>The definitions directly inside <paramref name="container"/>, in source order.</summary>
    public IReadOnlyList<WitSymbol> ChildrenOf(WitSymbol container) =>
        _children.TryGetValue(container, out var list) ? list : NoSymbols;

    /// <summary>The definitions in a file, in source order.</summary>
    public IEnumerable<WitSymbol> SymbolsIn(SourceFile file)
    {
        int index = LastStartingAtOrBefore(_symbols, file.Offset - 1, s => s.NameSpan.Start) + 1;
        for (; index < _symbols.Length && _symbols[index].NameSpan.Start <= file.End; index++) yield return _symbols[index];
    }

    /// <summary>The references in a file, in source order.</summary>
    public IEnumerable<WitReference> ReferencesIn(SourceFile file)
    {
        int index = LastStartingAtOrBefore(_references, file.Offset - 1, r => r.Span.Start) + 1;
        for (; index < _references.Length && _references[index].Span.Start <= file.End; index++) yield return _references[index];
    }

    /// <summary>The symbol of a package, by name.</summary>
    public WitSymbol? FindPackage(PackageName name) => _packagesByName.TryGetValue(name, out var symbol) ? symbol : null;

    private static void Add<T>(Dictionary<WitSymbol, List<T>> map, WitSymbol key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map.Add(key, list = new List<T>());
        list.Add(value);
    }

    private static int LastStartingAtOrBefore<T>(T[] items, int offset, Func<T, int> start)
    {
        int lo = 0, hi = items.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (start(items[mid]) <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found;
    }
}
