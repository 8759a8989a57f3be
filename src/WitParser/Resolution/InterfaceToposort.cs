using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>A reference to a name in source (the target of a dependency edge) and where it is written.</summary>
internal readonly struct NameRef
{
    public NameRef(string name, Span span)
    {
        Name = name;
        Span = span;
    }

    public string Name { get; }
    public Span Span { get; }
}

/// <summary>
/// Dependency ordering of named items inside one package (interfaces/worlds induced by `use`/`include`,
/// and types inside one interface or world), with wit-parser's tie-break: whenever several items are
/// ready, the one declared first comes first. Reports missing names and cycles with wit-parser's texts,
/// and still orders every item: an edge to a missing name is dropped, and a cycle is broken at the item
/// whose edge was reported.
/// </summary>
internal static class InterfaceToposort
{
    /// <summary>
    /// Orders the keys of <paramref name="deps"/> so every item follows the items it depends on (except
    /// across reported cycles). The result may be <paramref name="deps"/>' own key list (valid until it changes). <paramref name="kind"/> names the items in messages ("type", "interface or
    /// world"); <paramref name="missingHint"/> may add a second line to the "does not exist" message.
    /// </summary>
    public static IReadOnlyList<string> Sort<TEdges>(string kind, OrderedMap<string, TEdges> deps, DiagnosticSink errors,
        System.Func<string, string?>? missingHint = null) where TEdges : IReadOnlyList<NameRef>
    {
        int count = deps.Count;
        // Most often every item depends only on items declared before it: then declaration order is the answer
        // (the smallest ready item is always the next one), and nothing else needs building.
        bool backwardsOnly = true;
        for (int i = 0; i < count && backwardsOnly; i++)
        {
            var edges = deps.ValueAt(i);
            for (int e = 0; e < edges.Count; e++)
            {
                int j = deps.IndexOf(edges[e].Name);
                if (j < 0 || j >= i)
                {
                    backwardsOnly = false;
                    break;
                }
            }
        }
        if (backwardsOnly) return deps.Keys;

        var remaining = new int[count];
        var dependents = new List<int>?[count];
        // Edges to known items, per item (edges to missing names are reported and dropped).
        var edgeTargets = new List<int>?[count];
        for (int i = 0; i < count; i++)
        {
            foreach (var edge in deps.ValueAt(i))
            {
                int j = deps.IndexOf(edge.Name);
                if (j < 0)
                {
                    // A misspelled name: the nearest other item stands in for it (the resolver binds it there, see
                    // WitStandIn), so it is ordered as that item's dependent.
                    var hint = missingHint?.Invoke(edge.Name);
                    var suggestion = hint == null ? NameSuggestion.Nearest(edge.Name, deps.Keys) : null;
                    if (suggestion == deps.KeyAt(i)) suggestion = null;
                    errors.Add(NotFound(kind, edge.Name, edge.Span, hint, suggestion));
                    if (suggestion == null) continue;
                    j = deps.IndexOf(suggestion);
                }
                (edgeTargets[i] ??= new List<int>()).Add(j);
                (dependents[j] ??= new List<int>()).Add(i);
                remaining[i]++;
            }
        }

        // Ready items, smallest declaration index first.
        var ready = new SortedSet<int>();
        for (int i = 0; i < count; i++)
        {
            if (remaining[i] == 0) ready.Add(i);
        }

        var order = new List<string>(count);
        var done = new bool[count];
        while (order.Count < count)
        {
            if (ready.Count == 0)
            {
                // A cycle: report the first edge (in declaration order) between two items that are not done,
                // then take that item as if it were ready.
                int forced = BreakCycle(kind, deps, edgeTargets, done, errors);
                remaining[forced] = 0;
                ready.Add(forced);
            }
            int next = ready.Min;
            ready.Remove(next);
            if (done[next]) continue;
            done[next] = true;
            order.Add(deps.KeyAt(next));
            var users = dependents[next];
            if (users == null) continue;
            dependents[next] = null;
            foreach (int user in users)
            {
                if (!done[user] && --remaining[user] == 0) ready.Add(user);
            }
        }
        return order;
    }

    private static int BreakCycle<TEdges>(string kind, OrderedMap<string, TEdges> deps, List<int>?[] edgeTargets, bool[] done,
        DiagnosticSink errors) where TEdges : IReadOnlyList<NameRef>
    {
        for (int i = 0; i < deps.Count; i++)
        {
            if (done[i] || edgeTargets[i] == null) continue;
            foreach (var edge in deps.ValueAt(i))
            {
                int j = deps.IndexOf(edge.Name);
                if (j < 0 || done[j]) continue;
                errors.Error($"{kind} `{edge.Name}` depends on itself", edge.Span);
                return i;
            }
        }
        // Not reachable: an item that is not ready has an edge to an item that is not done.
        for (int i = 0; i < deps.Count; i++)
        {
            if (!done[i]) return i;
        }
        throw new System.InvalidOperationException("toposort: no item left");
    }

    /// <summary>wit-parser's "item not found" error: "{kind} `{name}` does not exist", plus an optional hint line;
    /// with a <paramref name="suggestion"/>, the help "did you mean `…`?".</summary>
    public static WitDiagnostic NotFound(string kind, string name, Span span, string? hint = null, string? suggestion = null) =>
        new($"{kind} `{name}` does not exist" + (hint == null ? "" : "\n" + hint), span, DiagnosticSeverity.Error, DiagnosticCodes.Resolution)
        {
            Help = suggestion == null ? null : NameSuggestion.Help(suggestion),
            Suggestion = NameSuggestion.Replace(suggestion, span),
        };
}
