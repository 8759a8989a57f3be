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
/// ready, the one declared first comes first. Reports missing names and cycles with wit-parser's texts.
/// </summary>
internal static class InterfaceToposort
{
    /// <summary>
    /// Orders the keys of <paramref name="deps"/> so every item follows the items it depends on.
    /// <paramref name="kind"/> names the items in messages ("type", "interface or world").
    /// </summary>
    /// <paramref name="missingHint"/> may add a second line to the "does not exist" message.
    /// <exception cref="WitException">"{kind} `x` does not exist" or "{kind} `x` depends on itself".</exception>
    public static List<string> Sort(string kind, OrderedMap<string, List<NameRef>> deps,
        System.Func<string, string?>? missingHint = null)
    {
        int count = deps.Count;
        var remaining = new int[count];
        var dependents = new List<int>?[count];
        for (int i = 0; i < count; i++)
        {
            var edges = deps.ValueAt(i);
            remaining[i] = edges.Count;
            foreach (var edge in edges)
            {
                int j = deps.IndexOf(edge.Name);
                if (j < 0) throw NotFound(kind, edge.Name, edge.Span, missingHint?.Invoke(edge.Name));
                (dependents[j] ??= new List<int>()).Add(i);
            }
        }

        // Ready items, smallest declaration index first.
        var ready = new SortedSet<int>();
        for (int i = 0; i < count; i++)
        {
            if (remaining[i] == 0) ready.Add(i);
        }

        var order = new List<string>(count);
        while (ready.Count > 0)
        {
            int next = ready.Min;
            ready.Remove(next);
            order.Add(deps.KeyAt(next));
            var users = dependents[next];
            if (users == null) continue;
            dependents[next] = null;
            foreach (int user in users)
            {
                if (--remaining[user] == 0) ready.Add(user);
            }
        }
        if (order.Count == count) return order;

        // A cycle: report the first edge (in declaration order) between two items that never became ready.
        for (int i = 0; i < count; i++)
        {
            if (remaining[i] == 0) continue;
            foreach (var edge in deps.ValueAt(i))
            {
                if (remaining[deps.IndexOf(edge.Name)] == 0) continue;
                throw new WitException($"{kind} `{edge.Name}` depends on itself", edge.Span);
            }
        }
        throw new System.InvalidOperationException("toposort: unordered items without a cycle");
    }

    /// <summary>wit-parser's "item not found" error: "{kind} `{name}` does not exist", plus an optional hint line.</summary>
    public static WitException NotFound(string kind, string name, Span span, string? hint = null) =>
        new($"{kind} `{name}` does not exist" + (hint == null ? "" : "\n" + hint), span);
}
