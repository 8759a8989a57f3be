using WitTools.WitParser.Model;

namespace WitTools.WitParser.Tests.Model;

public class ResolveTests
{
    [Fact]
    public void NamesInterfacesAndWorldKeys()
    {
        var resolve = new Resolve();
        var pkg = resolve.Packages.Alloc(new Package(new PackageName("a", "b", SemVersion.Parse("0.1.0"))));
        var named = resolve.Interfaces.Alloc(new Interface("i") { Package = pkg });
        var inline = resolve.Interfaces.Alloc(new Interface(null) { Package = pkg });
        Assert.Equal("a:b/i@0.1.0", resolve.IdOf(named));
        Assert.Null(resolve.IdOf(inline));
        Assert.Equal("a:b/i@0.1.0", resolve.NameWorldKey(WorldKey.OfInterface(named)));
        Assert.Equal("n", resolve.NameWorldKey(WorldKey.OfName("n")));
    }

    [Fact]
    public void OrdersPackagesAfterTheirDependencies()
    {
        // Package 0 uses a type from package 1's interface, so 1 must come first.
        var resolve = new Resolve();
        var p0 = resolve.Packages.Alloc(new Package(new PackageName("x", "user")));
        var p1 = resolve.Packages.Alloc(new Package(new PackageName("x", "dep")));
        var depIface = resolve.Interfaces.Alloc(new Interface("types") { Package = p1 });
        var userIface = resolve.Interfaces.Alloc(new Interface("api") { Package = p0 });
        resolve.Packages[p1].Interfaces.Add("types", depIface);
        resolve.Packages[p0].Interfaces.Add("api", userIface);
        var t = resolve.Types.Alloc(new TypeDef("t", new RecordKind(), TypeOwner.OfInterface(depIface)));
        resolve.Interfaces[depIface].Types.Add("t", t);
        var alias = resolve.Types.Alloc(new TypeDef("t", new AliasKind(WitType.Of(t)), TypeOwner.OfInterface(userIface)));
        resolve.Interfaces[userIface].Types.Add("t", alias);

        Assert.Equal(depIface, resolve.TypeInterfaceDep(alias));
        Assert.Null(resolve.TypeInterfaceDep(t));
        Assert.Equal(new[] { p1, p0 }, resolve.TopologicalPackages());
    }
}
