using System.Collections.Generic;
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

    [Fact]
    public void EmptyGraph() => Assert.Empty(InterfaceToposort.Sort("type", Graph()));

    [Fact]
    public void IndependentItemsKeepDeclarationOrder() =>
        Assert.Equal(new[] { "zeta", "alpha", "mid" },
            InterfaceToposort.Sort("type", Graph(("zeta", new string[0]), ("alpha", new string[0]), ("mid", new string[0]))));

    [Fact]
    public void DependenciesComeFirst() =>
        Assert.Equal(new[] { "c", "b", "a", "d" },
            InterfaceToposort.Sort("type", Graph(("a", new[] { "b" }), ("b", new[] { "c" }), ("c", new string[0]), ("d", new[] { "a" }))));

    [Fact]
    public void ItemsBecomingReadyTogetherGoInDeclarationOrder() =>
        // Both b and a wait for c only; once c is done, a (declared first) goes before b.
        Assert.Equal(new[] { "c", "a", "b" },
            InterfaceToposort.Sort("type", Graph(("a", new[] { "c" }), ("b", new[] { "c" }), ("c", new string[0]))));

    [Fact]
    public void RepeatedEdgesCountOnce() =>
        Assert.Equal(new[] { "a", "b" },
            InterfaceToposort.Sort("type", Graph(("b", new[] { "a", "a" }), ("a", new string[0]))));

    [Fact]
    public void MissingNameIsReportedWithHint()
    {
        var error = Assert.Throws<WitException>(() =>
            InterfaceToposort.Sort("type", Graph(("a", new[] { "ghost" })), name => "hint for " + name));
        Assert.Equal("type `ghost` does not exist\nhint for ghost", error.Diagnostic.Message);
        Assert.Equal(0, error.Diagnostic.Span.Start);
    }

    [Fact]
    public void CycleReportsTheFirstBlockedEdge()
    {
        var error = Assert.Throws<WitException>(() => InterfaceToposort.Sort("interface or world",
            Graph(("free", new string[0]), ("x", new[] { "free", "y" }), ("y", new[] { "x" }))));
        Assert.Equal("interface or world `y` depends on itself", error.Diagnostic.Message);
        // The edge x -> y is the second edge written (x -> free is the first).
        Assert.Equal(10, error.Diagnostic.Span.Start);
    }
}
