using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Where the resolution stages put the errors they recover from. Errors are kept in the order they are found
/// (the first is the one wit-parser reports, as the stages follow its order); at most one error is kept per
/// source position, because a second one there is a consequence of the first.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly List<WitDiagnostic> _items = new();
    private readonly HashSet<int> _errorStarts = new();
    private readonly List<string> _contexts = new();
    private List<WitStandIn>? _standIns;

    public IReadOnlyList<WitDiagnostic> Items => _items;

    /// <summary>Names bound to a suggested stand-in (see <see cref="WitStandIn"/>), in the order recorded.</summary>
    public IReadOnlyList<WitStandIn> StandIns => (IReadOnlyList<WitStandIn>?)_standIns ?? System.Array.Empty<WitStandIn>();

    public bool HasErrors { get; private set; }

    public void Error(string message, Span span, string code = DiagnosticCodes.Resolution) =>
        Add(new WitDiagnostic(message, span, DiagnosticSeverity.Error, code));

    public void Add(WitDiagnostic diagnostic)
    {
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            if (diagnostic.Span.IsKnown && !_errorStarts.Add(diagnostic.Span.Start)) return;
            HasErrors = true;
            // Errors carry the context chain of the steps they were found in (anyhow's `with_context`).
            for (int i = _contexts.Count - 1; i >= 0; i--) diagnostic = diagnostic.WithContext(_contexts[i]);
        }
        _items.Add(diagnostic);
    }

    /// <summary>Until the matching <see cref="PopContext"/>, errors get <paramref name="context"/> in their context
    /// chain (after the contexts pushed before it).</summary>
    public void PushContext(string context) => _contexts.Add(context);

    public void PopContext() => _contexts.RemoveAt(_contexts.Count - 1);

    public void AddRange(IEnumerable<WitDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics) Add(diagnostic);
    }

    /// <summary>Records that the name at <paramref name="span"/>, which did not resolve, is bound to
    /// <paramref name="usedInstead"/>. Only beside the error reported there (none is recorded otherwise, so a load
    /// without errors has no stand-in); false when none was recorded.</summary>
    public bool StandIn(Span span, string written, string usedInstead, string kind)
    {
        if (!HasErrorAt(span)) return false;
        _standIns ??= new List<WitStandIn>();
        // A path resolved twice (foreign types are looked for first) is recorded once.
        foreach (var known in _standIns)
        {
            if (known.Span.Start == span.Start) return true;
        }
        _standIns.Add(new WitStandIn(span, written, usedInstead, kind));
        return true;
    }

    /// <summary>Whether an error was reported at the start of <paramref name="span"/> (so another one there is
    /// not needed).</summary>
    public bool HasErrorAt(Span span) => span.IsKnown && _errorStarts.Contains(span.Start);
}
