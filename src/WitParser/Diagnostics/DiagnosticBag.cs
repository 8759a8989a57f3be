using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Diagnostics;

/// <summary>Collects diagnostics in the order they are found (the first one is the one wit-parser reports).</summary>
public sealed class DiagnosticBag
{
    private readonly List<WitDiagnostic> _items = new();

    public IReadOnlyList<WitDiagnostic> Items => _items;
    public bool HasErrors { get; private set; }

    public void Add(WitDiagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.Severity == DiagnosticSeverity.Error) HasErrors = true;
    }

    public void Error(string message, Span span, string code = DiagnosticCodes.Syntax) =>
        Add(new WitDiagnostic(message, span, DiagnosticSeverity.Error, code));

    public void AddRange(IEnumerable<WitDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d);
    }
}
