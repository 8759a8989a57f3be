using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Resolution;

public class PackageToposortTests
{
    private static List<int> Sort(string[] names, Dictionary<string, string[]> deps, out PackageToposort.Cycle<string>? cycle)
    {
        PackageToposort.Cycle<string>? found = null;
        var order = PackageToposort.Sort(
            names,
            i => (deps.TryGetValue(names[i], out var d) ? d : new string[0])
                .Select((t, k) => new PackageToposort.Edge<string>(t, new Span(i * 100 + k, i * 100 + k + 1)))
                .ToList(),
            EqualityComparer<string>.Default,
            c => found ??= c);
        cycle = found;
        return order;
    }

    [Fact]
    public void DependenciesComeFirstInDeclarationOrder()
    {
        var order = Sort(new[] { "a", "b", "c", "d" },
            new Dictionary<string, string[]> { ["a"] = new[] { "d", "c" }, ["c"] = new[] { "b" } }, out var cycle);
        Assert.Null(cycle);
        Assert.Equal(new[] { 3, 1, 2, 0 }, order);
    }

    [Fact]
    public void UnknownDependenciesAreSkipped()
    {
        var order = Sort(new[] { "a" }, new Dictionary<string, string[]> { ["a"] = new[] { "zz" } }, out var cycle);
        Assert.Null(cycle);
        Assert.Equal(new[] { 0 }, order);
    }

    [Fact]
    public void CycleNamesTheRepeatedPackageAndItsUseAndEveryPackageStillComesOut()
    {
        var order = Sort(new[] { "a", "b" },
            new Dictionary<string, string[]> { ["a"] = new[] { "b" }, ["b"] = new[] { "a" } }, out var cycle);
        Assert.Equal(new[] { 0, 1 }, order.OrderBy(i => i));
        Assert.Equal("b", cycle!.Package);
        Assert.Equal(new Span(0, 1), cycle.Span);
    }

    [Fact]
    public void LongChainsDoNotOverflowTheStack()
    {
        const int n = 200_000;
        var names = Enumerable.Range(0, n).Select(i => "p" + i).ToArray();
        var deps = new Dictionary<string, string[]>();
        for (int i = 0; i + 1 < n; i++) deps[names[i]] = new[] { names[i + 1] };
        var order = Sort(names, deps, out var cycle);
        Assert.Null(cycle);
        Assert.Equal(n - 1, order![0]);
        Assert.Equal(0, order[n - 1]);
    }
}
