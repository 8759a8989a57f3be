using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Resolution;

public class InterfaceToposortTests
{
    private static OrderedMap<string, List<NameRef>> Graph(params (string Name, string[] Deps)[] nodes)
    {
        var graph = new OrderedMap<string, List<NameRef>>();
        int offset = 0;
        foreach (var (name, deps) in nodes)
        {
            var edges = new List<NameRef>();
            foreach (var dep in deps)
            {
                edges.Add(new NameRef(dep, new Span(offset, offset + dep.Length)));
                offset += 10;
            }
            graph.Add(name, edges);
        }
        return graph;
    }

    private static List<string> Sort(string kind, OrderedMap<string, List<NameRef>> graph, System.Func<string, string?>? hint = null)
    {
        var errors = new DiagnosticSink();
        var order = InterfaceToposort.Sort(kind, graph, errors, hint);
        Assert.Empty(errors.Items);
        return new List<string>(order);
    }

    [Fact]
    public void EmptyGraph() => Assert.Empty(Sort("type", Graph()));

    [Fact]
    public void IndependentItemsKeepDeclarationOrder() =>
        Assert.Equal(new[] { "zeta", "alpha", "mid" },
            Sort("type", Graph(("zeta", new string[0]), ("alpha", new string[0]), ("mid", new string[0]))));

    [Fact]
    public void DependenciesComeFirst() =>
        Assert.Equal(new[] { "c", "b", "a", "d" },
            Sort("type", Graph(("a", new[] { "b" }), ("b", new[] { "c" }), ("c", new string[0]), ("d", new[] { "a" }))));

    [Fact]
    public void ItemsBecomingReadyTogetherGoInDeclarationOrder() =>
        // Both b and a wait for c only; once c is done, a (declared first) goes before b.
        Assert.Equal(new[] { "c", "a", "b" },
            Sort("type", Graph(("a", new[] { "c" }), ("b", new[] { "c" }), ("c", new string[0]))));

    [Fact]
    public void RepeatedEdgesCountOnce() =>
        Assert.Equal(new[] { "a", "b" },
            Sort("type", Graph(("b", new[] { "a", "a" }), ("a", new string[0]))));

    [Fact]
    public void MissingNamesAreReportedWithHintAndTheirEdgesDropped()
    {
        var errors = new DiagnosticSink();
        var order = InterfaceToposort.Sort("type", Graph(("a", new[] { "ghost", "b" }), ("b", new[] { "spook" })), errors,
            name => "hint for " + name);
        Assert.Equal(new[] { "type `ghost` does not exist\nhint for ghost", "type `spook` does not exist\nhint for spook" },
            errors.Items.Select(d => d.Message));
        Assert.Equal(new[] { 0, 20 }, errors.Items.Select(d => d.Span.Start));
        Assert.Equal(new[] { "b", "a" }, order);
    }

    [Fact]
    public void CycleReportsTheFirstBlockedEdgeAndIsBrokenThere()
    {
        var errors = new DiagnosticSink();
        var order = InterfaceToposort.Sort("interface or world",
            Graph(("free", new string[0]), ("x", new[] { "free", "y" }), ("y", new[] { "x" })), errors);
        var error = Assert.Single(errors.Items);
        Assert.Equal("interface or world `y` depends on itself", error.Message);
        // The edge x -> y is the second edge written (x -> free is the first).
        Assert.Equal(10, error.Span.Start);
        // x, whose edge was reported, is taken first; y follows it.
        Assert.Equal(new[] { "free", "x", "y" }, order);
    }

    [Fact]
    public void EveryIndependentCycleIsReported()
    {
        var errors = new DiagnosticSink();
        var order = InterfaceToposort.Sort("type",
            Graph(("a", new[] { "b" }), ("b", new[] { "a" }), ("c", new[] { "d" }), ("d", new[] { "c" })), errors);
        Assert.Equal(new[] { "type `b` depends on itself", "type `d` depends on itself" }, errors.Items.Select(d => d.Message));
        Assert.Equal(new[] { "a", "b", "c", "d" }, order);
    }
}
