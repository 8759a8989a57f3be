using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>Pushing hand-built unresolved packages: feature gates, handles, elaboration and includes.</summary>
public class ResolveBuilderTests
{
    private static UnresolvedPackage NewPackage(string name = "t:t")
    {
        var parsed = FakeGroupParser.ParseName(name);
        return new UnresolvedPackage(parsed);
    }

    private static Resolve Push(UnresolvedPackage package, params string[] features)
    {
        var resolve = new Resolve();
        new FeatureSet(features).ApplyTo(resolve);
        var builder = new ResolveBuilder(resolve);
        builder.PushGroup(new UnresolvedPackageGroup(package, resolve.SourceMap));
        Assert.Empty(builder.Diagnostics);
        return resolve;
    }

    private static string PushError(UnresolvedPackage package, params string[] features)
    {
        var resolve = new Resolve();
        new FeatureSet(features).ApplyTo(resolve);
        var builder = new ResolveBuilder(resolve);
        builder.PushGroup(new UnresolvedPackageGroup(package, resolve.SourceMap));
        Assert.NotEmpty(builder.Diagnostics);
        return builder.Diagnostics[0].Message;
    }

    private static TypeId AddType(UnresolvedPackage package, InterfaceId owner, string name, TypeDefKind kind, Stability? stability = null)
    {
        var id = package.Types.Alloc(new TypeDef(name, kind, TypeOwner.OfInterface(owner)) { Stability = stability ?? Stability.Unknown });
        package.Interfaces[owner].Types.Add(name, id);
        return id;
    }

    private static Function Func(string name, WitType? result = null, Stability? stability = null) =>
        new(name, FunctionKind.Freestanding) { Result = result, Stability = stability ?? Stability.Unknown };

    [Fact]
    public void ItemsGatedByDisabledFeaturesAreDropped()
    {
        UnresolvedPackage Build()
        {
            var p = NewPackage();
            p.Interfaces.Alloc(new Interface("gated") { Stability = Stability.Unstable("x") });
            var plain = p.Interfaces.Alloc(new Interface("plain"));
            p.Interfaces[plain].Functions.Add("on", Func("on"));
            p.Interfaces[plain].Functions.Add("off", Func("off", stability: Stability.Unstable("x")));
            return p;
        }

        var without = Push(Build());
        Assert.Equal(new[] { "plain" }, without.Packages.Items[0].Interfaces.Keys);
        Assert.Equal(new[] { "on" }, without.Interfaces.Items.Single().Functions.Keys);

        var with = Push(Build(), "x");
        Assert.Equal(new[] { "gated", "plain" }, with.Packages.Items[0].Interfaces.Keys);
        Assert.Equal(new[] { "on", "off" }, with.Interfaces[with.Packages.Items[0].Interfaces["plain"]].Functions.Keys);

        var all = new Resolve { AllFeatures = true };
        new ResolveBuilder(all).PushGroup(new UnresolvedPackageGroup(Build(), all.SourceMap));
        Assert.Equal(2, all.Interfaces.Count);
    }

    [Fact]
    public void TypeOwnersMapPastGatedInterfacesAndWorlds()
    {
        // Owners are fixed in the same pass as the types' contents, from the ids the interfaces and worlds will get:
        // a gated item before them shifts those ids.
        UnresolvedPackage Build()
        {
            var p = NewPackage();
            p.Interfaces.Alloc(new Interface("gated") { Stability = Stability.Unstable("x") });
            var plain = p.Interfaces.Alloc(new Interface("plain"));
            AddType(p, plain, "r", new RecordKind());
            p.Worlds.Alloc(new World("gated-world") { Stability = Stability.Unstable("x") });
            var world = p.Worlds.Alloc(new World("w"));
            p.Types.Alloc(new TypeDef("e", new EnumKind(), TypeOwner.OfWorld(world)));
            return p;
        }

        foreach (var resolve in new[] { Push(Build()), Push(Build(), "x") })
        {
            var package = resolve.Packages.Items[0];
            Assert.Equal(package.Interfaces["plain"], resolve.Types.Items.Single(t => t.Name == "r").Owner.Interface);
            Assert.Equal(package.Worlds["w"], resolve.Types.Items.Single(t => t.Name == "e").Owner.World);
        }
    }

    [Fact]
    public void TypeOfAGatedInterfaceThatIsNotGatedItselfIsAnError()
    {
        var p = NewPackage();
        var gated = p.Interfaces.Alloc(new Interface("gated") { Stability = Stability.Unstable("x") });
        AddType(p, gated, "r", new RecordKind());
        Assert.Equal("found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is",
            PushError(p));
    }

    [Fact]
    public void ReferenceToExcludedTypeIsAnError()
    {
        var p = NewPackage();
        var i = p.Interfaces.Alloc(new Interface("i"));
        var gated = AddType(p, i, "gated", new RecordKind(), Stability.Unstable("x"));
        AddType(p, i, "user", new AliasKind(WitType.Of(gated)));
        Assert.Equal("found a reference to a type which is excluded due to its feature not being activated", PushError(p));
        var p2 = NewPackage();
        var i2 = p2.Interfaces.Alloc(new Interface("i"));
        var gated2 = AddType(p2, i2, "gated", new RecordKind(), Stability.Unstable("x"));
        AddType(p2, i2, "user", new AliasKind(WitType.Of(gated2)));
        Assert.Equal(2, Push(p2, "x").Types.Count);
    }

    [Fact]
    public void SinceNeedsAVersionedPackageAndAReleasedVersion()
    {
        var unversioned = NewPackage();
        unversioned.Interfaces.Alloc(new Interface("i") { Stability = Stability.Stable(SemVersion.Parse("1.0.0")) });
        Assert.Equal("package [t:t] contains a feature gate with a version specifier, so it must have a version", PushError(unversioned));

        var future = NewPackage("t:t@1.0.0");
        future.Interfaces.Alloc(new Interface("i") { Stability = Stability.Stable(SemVersion.Parse("2.0.0")) });
        Assert.Equal("feature gate cannot reference unreleased version 2.0.0 of package [t:t@1.0.0] (current version 1.0.0)", PushError(future));

        var released = NewPackage("t:t@1.0.0");
        released.Interfaces.Alloc(new Interface("i") { Stability = Stability.Stable(SemVersion.Parse("0.9.0")) });
        Assert.Single(Push(released).Interfaces.Items);
    }

    [Fact]
    public void ResourceUsesBecomeSharedOwnHandles()
    {
        var p = NewPackage();
        var i = p.Interfaces.Alloc(new Interface("i"));
        var r = AddType(p, i, "r", new ResourceKind());
        p.Interfaces[i].Functions.Add("a", Func("a", WitType.Of(r)));
        p.Interfaces[i].Functions.Add("b", Func("b", WitType.Of(r)));
        var resolve = Push(p);
        Assert.Equal(2, resolve.Types.Count);
        var handle = Assert.IsType<HandleKind>(resolve.Types.Items[1].Kind);
        Assert.True(handle.IsOwn);
        Assert.Equal(0, handle.Resource.Index);
        var funcs = resolve.Interfaces.Items[0].Functions;
        Assert.Equal(1, funcs["a"].Result!.Value.Id.Index);
        Assert.Equal(1, funcs["b"].Result!.Value.Id.Index);
    }

    [Fact]
    public void ReturningABorrowIsAnError()
    {
        var p = NewPackage();
        var i = p.Interfaces.Alloc(new Interface("i"));
        var r = AddType(p, i, "r", new ResourceKind());
        var borrow = p.Types.Alloc(new TypeDef(null, new HandleKind(HandleOwnership.Borrow, r), TypeOwner.None));
        var list = p.Types.Alloc(new TypeDef(null, new ListKind(WitType.Of(borrow)), TypeOwner.None));
        p.Interfaces[i].Functions.Add("get", Func("get", WitType.Of(list)));
        Assert.Equal("function `get` returns a type which contains a `borrow<T>` which is not supported", PushError(p));
    }

    [Fact]
    public void HandleOfANonResourceForeignTypeIsAnError()
    {
        var resolve = new Resolve();
        var builder = new ResolveBuilder(resolve);
        var dep = NewPackage("d:d");
        var di = dep.Interfaces.Alloc(new Interface("di"));
        AddType(dep, di, "rec", new RecordKind());
        builder.PushGroup(new UnresolvedPackageGroup(dep, resolve.SourceMap));

        var p = NewPackage();
        var foreign = p.Interfaces.Alloc(new Interface("di"));
        var entry = new ForeignDependency(AstItem.OfInterface(foreign));
        entry.Stabilities.Add(Stability.Unknown);
        p.ForeignDeps.Add(new PackageName("d", "d"), new OrderedMap<string, ForeignDependency> { ["di"] = entry });
        p.ForeignDepSpans.Add(Span.Unknown);
        var unknown = p.Types.Alloc(new TypeDef("rec", new UnknownKind(), TypeOwner.OfInterface(foreign)));
        p.UnknownTypeSpans.Add(Span.Unknown);
        p.RequiredResourceTypes.Add((unknown, Span.Unknown));
        builder.PushGroup(new UnresolvedPackageGroup(p, resolve.SourceMap));
        Assert.Equal("type used in a handle must be a resource", Assert.Single(builder.Diagnostics).Message);
    }

    /// <summary>a { t }, b { use a.{t} }, c { use a.{t}; use b.{t as u} } (the shape of component-model#208).</summary>
    private static (UnresolvedPackage Package, InterfaceId A, InterfaceId B, InterfaceId C) Diamond()
    {
        var p = NewPackage();
        var a = p.Interfaces.Alloc(new Interface("a"));
        var b = p.Interfaces.Alloc(new Interface("b"));
        var c = p.Interfaces.Alloc(new Interface("c"));
        var t = AddType(p, a, "t", new RecordKind());
        var bt = AddType(p, b, "t", new AliasKind(WitType.Of(t)));
        AddType(p, c, "t", new AliasKind(WitType.Of(t)));
        AddType(p, c, "u", new AliasKind(WitType.Of(bt)));
        return (p, a, b, c);
    }

    [Fact]
    public void ImportsAreElaboratedWithTheirDependenciesFirst()
    {
        var (p, _, _, c) = Diamond();
        var w = p.Worlds.Alloc(new World("w"));
        p.Worlds[w].Imports.Add(WorldKey.OfName("f"), new FunctionWorldItem(Func("f")));
        p.Worlds[w].Imports.Add(WorldKey.OfInterface(c), new InterfaceWorldItem(c));
        var resolve = Push(p);
        var imports = resolve.Worlds.Items[0].Imports;
        Assert.Equal(new[] { "interface-0", "interface-1", "interface-2", "f" }, imports.Keys.Select(k => k.ToString()));
        Assert.Equal(0, resolve.Worlds.Items[0].Package!.Value.Index);
    }

    [Fact]
    public void ExportDependingOnAnImportedCopyIsRejected()
    {
        var (p, a, _, c) = Diamond();
        var w = p.Worlds.Alloc(new World("w"));
        p.Worlds[w].Exports.Add(WorldKey.OfInterface(a), new InterfaceWorldItem(a));
        p.Worlds[w].Exports.Add(WorldKey.OfInterface(c), new InterfaceWorldItem(c));
        Assert.Equal("interface `t:t/c` transitively depends on an interface in incompatible ways", PushError(p));
    }

    [Fact]
    public void ExportDependenciesBecomeImports()
    {
        var (p, _, _, c) = Diamond();
        var w = p.Worlds.Alloc(new World("w"));
        p.Worlds[w].Exports.Add(WorldKey.OfInterface(c), new InterfaceWorldItem(c));
        var world = Push(p).Worlds.Items[0];
        Assert.Equal(new[] { "interface-0", "interface-1" }, world.Imports.Keys.Select(k => k.ToString()));
        Assert.Equal(new[] { "interface-2" }, world.Exports.Keys.Select(k => k.ToString()));
    }

    private static UnresolvedPackage IncludePackage(System.Action<World> top, params IncludeName[] renames)
    {
        var p = NewPackage();
        var baseWorld = p.Worlds.Alloc(new World("base"));
        p.Worlds[baseWorld].Imports.Add(WorldKey.OfName("f"), new FunctionWorldItem(Func("f")));
        p.Worlds[baseWorld].Exports.Add(WorldKey.OfName("run"), new FunctionWorldItem(Func("run")));
        var topId = p.Worlds.Alloc(new World("top"));
        var include = new WorldInclude(baseWorld) { Span = Span.Unknown };
        include.Names.AddRange(renames);
        p.Worlds[topId].Includes.Add(include);
        top(p.Worlds[topId]);
        return p;
    }

    [Fact]
    public void IncludeCopiesItemsWithRenames()
    {
        var resolve = Push(IncludePackage(_ => { }, new IncludeName("f", "g")));
        var top = resolve.Worlds.Items[1];
        Assert.Equal(new[] { "g" }, top.Imports.Keys.Select(k => k.ToString()));
        Assert.Equal("g", ((FunctionWorldItem)top.Imports.Values[0]).Function.Name);
        Assert.Equal(new[] { "run" }, top.Exports.Keys.Select(k => k.ToString()));
        // The included world keeps its own item.
        Assert.Equal("f", ((FunctionWorldItem)resolve.Worlds.Items[0].Imports.Values[0]).Function.Name);
    }

    [Fact]
    public void IncludeErrors()
    {
        Assert.Equal("import of `f` shadows previously imported items",
            PushError(IncludePackage(w => w.Imports.Add(WorldKey.OfName("f"), new FunctionWorldItem(Func("f"))))));
        Assert.Equal("no import or export kebab-name `zz`. Note that an ID does not support renaming",
            PushError(IncludePackage(_ => { }, new IncludeName("zz", "yy"))));
        Assert.Equal("import `f` in world `top` conflicts with import `F` (kebab-case identifiers are case-insensitive)",
            PushError(IncludePackage(w => w.Imports.Add(WorldKey.OfName("F"), new FunctionWorldItem(Func("F"))))));
    }

    [Fact]
    public void IncludeRenamesResourceFunctions()
    {
        var p = NewPackage();
        var baseWorld = p.Worlds.Alloc(new World("base"));
        var r = p.Types.Alloc(new TypeDef("a", new ResourceKind(), TypeOwner.OfWorld(baseWorld)));
        p.Worlds[baseWorld].Imports.Add(WorldKey.OfName("a"), new TypeWorldItem(r));
        p.Worlds[baseWorld].Imports.Add(WorldKey.OfName("[constructor]a"),
            new FunctionWorldItem(new Function("[constructor]a", FunctionKind.Constructor, r) { Result = WitType.Of(r) }));
        var topId = p.Worlds.Alloc(new World("top"));
        var include = new WorldInclude(baseWorld);
        include.Names.Add(new IncludeName("a", "b"));
        p.Worlds[topId].Includes.Add(include);

        var resolve = Push(p);
        var top = resolve.Worlds.Items[1];
        Assert.Equal(new[] { "b", "[constructor]b" }, top.Imports.Keys.Select(k => k.ToString()));
        var copied = ((TypeWorldItem)top.Imports.Values[0]).Id;
        Assert.NotEqual(r, copied);
        Assert.Equal("b", resolve.Types[copied].Name);
        Assert.Equal(TypeOwner.OfWorld(new WorldId(1)), resolve.Types[copied].Owner);
        var ctor = ((FunctionWorldItem)top.Imports.Values[1]).Function;
        Assert.Equal(copied, ctor.Resource);
    }
}
