using System;
using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Orders packages so that every package comes after the packages it depends on, visiting roots in the
/// given order and each package's dependencies in declaration order (wit-parser's depth-first order, so
/// arena ids come out the same). Iterative, so long dependency chains cannot overflow the stack.
/// </summary>
internal static class PackageToposort
{
    /// <summary>A dependency edge: the name of the package depended on and where that was written.</summary>
    public readonly struct Edge<TName>
    {
        public Edge(TName target, Span span)
        {
            Target = target;
            Span = span;
        }

        public TName Target { get; }
        public Span Span { get; }
    }

    /// <summary>The cycle found: the package named twice on the current path and where it was used.</summary>
    public sealed class Cycle<TName>
    {
        public Cycle(TName package, Span span)
        {
            Package = package;
            Span = span;
        }

        public TName Package { get; }
        public Span Span { get; }
    }

    /// <param name="names">Package names, in the order roots are visited.</param>
    /// <param name="edges">Dependencies of the package at an index (targets may be unknown packages,
    /// which are skipped: they are reported later as missing).</param>
    /// <param name="onCycle">Called for every edge that closes a dependency cycle; the edge is then ignored, so
    /// every package still comes out (those of a cycle in an order that breaks it).</param>
    /// <returns>Indices into <paramref name="names"/> in dependency order.</returns>
    public static List<int> Sort<TName>(
        IReadOnlyList<TName> names,
        Func<int, IReadOnlyList<Edge<TName>>> edges,
        IEqualityComparer<TName> comparer,
        Action<Cycle<TName>> onCycle)
        where TName : notnull
    {
        var index = new Dictionary<TName, int>(comparer);
        for (int i = 0; i < names.Count; i++) index[names[i]] = i;

        var order = new List<int>(names.Count);
        var done = new bool[names.Count];
        // Names of the dependency edges on the current path (a package reached again through an edge
        // already on the path is a cycle).
        var visiting = new HashSet<TName>(comparer);
        var stack = new Stack<Frame<TName>>();

        for (int root = 0; root < names.Count; root++)
        {
            if (done[root]) continue;
            stack.Push(new Frame<TName>(root, edges(root), default, hasVia: false));
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                if (frame.Next < frame.Edges.Count)
                {
                    var edge = frame.Edges[frame.Next++];
                    if (!visiting.Add(edge.Target))
                    {
                        onCycle(new Cycle<TName>(edge.Target, edge.Span));
                        continue;
                    }
                    if (index.TryGetValue(edge.Target, out int dep) && !done[dep])
                    {
                        stack.Push(new Frame<TName>(dep, edges(dep), edge.Target, hasVia: true));
                    }
                    else
                    {
                        visiting.Remove(edge.Target);
                    }
                    continue;
                }

                stack.Pop();
                if (!done[frame.Package])
                {
                    done[frame.Package] = true;
                    order.Add(frame.Package);
                }
                if (frame.HasVia) visiting.Remove(frame.Via!);
            }
        }
        return order;
    }

    private sealed class Frame<TName>
    {
        public Frame(int package, IReadOnlyList<Edge<TName>> edges, TName? via, bool hasVia)
        {
            Package = package;
            Edges = edges;
            Via = via;
            HasVia = hasVia;
        }

        public int Package { get; }
        public IReadOnlyList<Edge<TName>> Edges { get; }
        public TName? Via { get; }
        public bool HasVia { get; }
        public int Next { get; set; }
    }
}
