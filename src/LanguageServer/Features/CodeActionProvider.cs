using System.Collections.Generic;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Workspace;
using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>
/// Quick fixes: for each diagnostic in the requested range whose error the front end can fix (a "did you mean"
/// suggestion for a misspelled name or item keyword), one preferred action that writes the suggestion over the
/// misspelled token. A diagnostic the client did not send back with the same range and message (its view of the
/// document is not the one analysed) gets no action, so a stale request never gets a wrong edit.
/// </summary>
public static class CodeActionProvider
{
    public static List<CodeAction> QuickFixes(RootAnalysis analysis, WitDocument document, Range range, CodeActionContext? context)
    {
        var actions = new List<CodeAction>();
        if (!WantsQuickFixes(context?.Only) || context?.Diagnostics is not { Count: > 0 } sent) return actions;
        foreach (var (diagnostic, fix) in DiagnosticsProvider.Fixable(analysis, document))
        {
            if (!Overlaps(diagnostic.Range, range) || !WasSent(diagnostic, sent)) continue;
            var edit = new WorkspaceEdit(new Dictionary<string, List<TextEdit>> { [document.Uri] = new() { fix } });
            actions.Add(new CodeAction($"Change to `{fix.NewText}`", CodeActionKinds.QuickFix, new[] { diagnostic }, true, edit));
        }
        return actions;
    }

    /// <summary>No filter, or one naming quick fixes (a kind is asked for by itself or by a prefix of its dotted name).</summary>
    private static bool WantsQuickFixes(IReadOnlyList<string>? only)
    {
        if (only == null) return true;
        foreach (var kind in only)
        {
            if (kind == CodeActionKinds.QuickFix || kind == "") return true;
        }
        return false;
    }

    private static bool WasSent(Diagnostic diagnostic, IReadOnlyList<ClientDiagnostic?> sent)
    {
        foreach (var candidate in sent)
        {
            if (candidate?.Message == diagnostic.Message && candidate.Range == diagnostic.Range) return true;
        }
        return false;
    }

    private static bool Overlaps(Range a, Range b) => !Before(a.End, b.Start) && !Before(b.End, a.Start);

    private static bool Before(Position x, Position y) => x.Line < y.Line || x.Line == y.Line && x.Character < y.Character;
}
