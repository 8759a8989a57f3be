using System.Linq;
using WitTools.WitParser.Model;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>The shape of the <see cref="UnresolvedPackage"/>s built from valid input.</summary>
public class PackageGroupParserTests
{
    private static UnresolvedPackageGroup ParseOk(params (string Path, string Text)[] files)
    {
        var (group, diagnostics, sources) = PackageGroupParserErrorTests.Parse(files);
        Assert.True(group != null,
            string.Join("\n", diagnostics.Items.Select(d => Diagnostics.DiagnosticRenderer.Render(d, sources))));
        Assert.Empty(diagnostics.Items);
        return group!;
    }

    private static UnresolvedPackage ParseOne(string wit) => ParseOk(("t.wit", wit)).Main;

    private static Interface InterfaceNamed(UnresolvedPackage package, string name) =>
        package.Interfaces.Items.Single(i => i.Name == name);

    private static World WorldNamed(UnresolvedPackage package, string name) =>
        package.Worlds.Items.Single(w => w.Name == name);

    [Fact]
    public void PackageNameVersionAndDocs()
    {
        var package = ParseOne("/// The shop.\npackage acme:shop@1.2.3-rc.1;\ninterface cart {}\n");
        Assert.Equal("acme:shop@1.2.3-rc.1", package.Name.ToString());
        // The common leading space of doc lines is removed.
        Assert.Equal("The shop.", package.Docs.Contents);
        Assert.True(package.PackageNameSpan.IsKnown);
    }

    [Fact]
    public void FilesOfOnePackageAreMergedInPathOrder()
    {
        var group = ParseOk(
            ("z.wit", "interface last {}\n"),
            ("a.wit", "package acme:multi;\ninterface first {}\n"),
            ("m.wit", "world middle {}\n"));
        Assert.Equal(new[] { "first", "last" }, group.Main.Interfaces.Items.Select(i => i.Name));
        Assert.Equal(new[] { "middle" }, group.Main.Worlds.Items.Select(w => w.Name));
    }

    [Fact]
    public void NestedPackagesBecomeSeparatePackages()
    {
        var group = ParseOk(("t.wit",
            "package acme:outer;\npackage acme:inner@0.1.0 {\n  interface deep { type t = u8; }\n}\ninterface top {}\n"));
        Assert.Equal("acme:outer", group.Main.Name.ToString());
        var inner = Assert.Single(group.Nested);
        Assert.Equal("acme:inner@0.1.0", inner.Name.ToString());
        Assert.Equal("deep", Assert.Single(inner.Interfaces.Items).Name);
        Assert.Equal("top", Assert.Single(group.Main.Interfaces.Items).Name);
    }

    [Fact]
    public void InterfacesAreAllocatedInDependencyOrder()
    {
        var package = ParseOne(
            "package acme:order;\ninterface user {\n  use base.{id};\n  f: func(x: id);\n}\ninterface base {\n  type id = u64;\n}\n");
        Assert.Equal(new[] { "base", "user" }, package.Interfaces.Items.Select(i => i.Name));
        var user = InterfaceNamed(package, "user");
        var alias = package.Types[user.Types["id"]];
        var target = Assert.IsType<AliasKind>(alias.Kind).Target;
        Assert.Equal("id", package.Types[target.Id].Name);
        Assert.Equal(TypeOwner.OfInterface(package.Interfaces.Ids.First()), package.Types[target.Id].Owner);
    }

    [Fact]
    public void TypesAreDefinedInDependencyOrder()
    {
        var package = ParseOne("package acme:ty;\ninterface i {\n  type a = list<option<b>>;\n  type b = u32;\n}\n");
        var iface = Assert.Single(package.Interfaces.Items);
        Assert.Equal(new[] { "b", "a" }, iface.Types.Keys);
        // `b` first, then the anonymous option inside `a`, then `a` itself (a named list).
        Assert.Equal("b", package.Types.Items[0].Name);
        Assert.IsType<OptionKind>(package.Types.Items[1].Kind);
        Assert.Null(package.Types.Items[1].Name);
        Assert.Equal("a", package.Types.Items[2].Name);
        Assert.IsType<ListKind>(package.Types.Items[2].Kind);
    }

    [Fact]
    public void AnonymousTypesAreInterned()
    {
        var package = ParseOne(
            "package acme:ty;\ninterface i {\n  f: func(a: list<string>, b: option<list<string>>) -> list<string>;\n}\n");
        var f = Assert.Single(package.Interfaces.Items).Functions["f"];
        Assert.Equal(f.Params[0].Type, f.Result!.Value);
        var option = Assert.IsType<OptionKind>(package.Types[f.Params[1].Type.Id].Kind);
        Assert.Equal(f.Params[0].Type, option.Type);
        Assert.Equal(2, package.Types.Count);
    }

    [Fact]
    public void AnonymousTypesShareAnIdOnlyForTheSameStructure()
    {
        var package = ParseOne(
            "package acme:ty;\ninterface i {\n  type e = u8;\n" +
            "  f: func(a: result<_, e>, b: result<e>, c: result<_, e>, d: result<e, e>, g: result,\n" +
            "    h: tuple<u32, string>, k: tuple<u32, string>, l: tuple<string, u32>, m: tuple<u32, string, u8>,\n" +
            "    n: list<u8, 4>, o: list<u8, 4>, p: list<u8, 5>, q: list<u8>, r: future, s: future<u8>, t: stream<u8>);\n}\n");
        var p = Assert.Single(package.Interfaces.Items).Functions["f"].Params.ToDictionary(x => x.Name, x => x.Type);
        Assert.Equal(p["a"], p["c"]);
        Assert.Equal(p["h"], p["k"]);
        Assert.Equal(p["n"], p["o"]);
        var distinct = new[] { "a", "b", "d", "g", "h", "l", "m", "n", "p", "q", "r", "s", "t" }.Select(n => p[n]).ToList();
        Assert.Equal(distinct.Count, distinct.Distinct().Count());
        var err = Assert.IsType<ResultKind>(package.Types[p["a"].Id].Kind);
        Assert.Null(err.Ok);
        var ok = Assert.IsType<ResultKind>(package.Types[p["b"].Id].Kind);
        Assert.Null(ok.Err);
        Assert.Equal(5u, Assert.IsType<FixedSizeListKind>(package.Types[p["p"].Id].Kind).Size);
    }

    [Fact]
    public void OwnHandleIsThePlainResourceAndBorrowIsAnonymous()
    {
        var package = ParseOne(
            "package acme:res;\ninterface i {\n  resource r;\n  f: func(a: own<r>, b: borrow<r>, c: r);\n}\n");
        var iface = Assert.Single(package.Interfaces.Items);
        var r = iface.Types["r"];
        var f = iface.Functions["f"];
        Assert.Equal(WitType.Of(r), f.Params[0].Type);
        Assert.Equal(WitType.Of(r), f.Params[2].Type);
        var borrow = Assert.IsType<HandleKind>(package.Types[f.Params[1].Type.Id].Kind);
        Assert.Equal(HandleOwnership.Borrow, borrow.Ownership);
        Assert.Equal(r, borrow.Resource);
    }

    [Fact]
    public void ResourceFunctionsGetComponentModelNamesAndKinds()
    {
        var package = ParseOne(
            "package acme:res;\ninterface i {\n  resource file {\n    constructor(path: string);\n    read: func(n: u32) -> list<u8>;\n    open: static func(path: string) -> file;\n    poll: async func();\n  }\n  helper: func();\n}\n");
        var iface = Assert.Single(package.Interfaces.Items);
        var file = iface.Types["file"];
        Assert.Equal(new[] { "[constructor]file", "[method]file.read", "[static]file.open", "[method]file.poll", "helper" },
            iface.Functions.Keys);

        var ctor = iface.Functions["[constructor]file"];
        Assert.Equal(FunctionKind.Constructor, ctor.Kind);
        Assert.Equal(file, ctor.Resource);
        Assert.Equal(WitType.Of(file), ctor.Result);
        Assert.Equal(new[] { "path" }, ctor.Params.Select(p => p.Name));

        var read = iface.Functions["[method]file.read"];
        Assert.Equal(FunctionKind.Method, read.Kind);
        Assert.Equal(new[] { "self", "n" }, read.Params.Select(p => p.Name));
        var self = Assert.IsType<HandleKind>(package.Types[read.Params[0].Type.Id].Kind);
        Assert.Equal(HandleOwnership.Borrow, self.Ownership);
        Assert.Equal(file, self.Resource);

        Assert.Equal(FunctionKind.Static, iface.Functions["[static]file.open"].Kind);
        Assert.Equal(FunctionKind.AsyncMethod, iface.Functions["[method]file.poll"].Kind);
        Assert.Equal(FunctionKind.Freestanding, iface.Functions["helper"].Kind);
        Assert.Null(iface.Functions["helper"].Resource);
    }

    [Fact]
    public void ConstructorMayReturnAResultOfItsResource()
    {
        var package = ParseOne(
            "package acme:res;\ninterface i {\n  resource conn {\n    constructor(url: string) -> result<conn, string>;\n  }\n}\n");
        var iface = Assert.Single(package.Interfaces.Items);
        var ctor = iface.Functions["[constructor]conn"];
        var result = Assert.IsType<ResultKind>(package.Types[ctor.Result!.Value.Id].Kind);
        Assert.Equal(WitType.Of(iface.Types["conn"]), result.Ok);
        Assert.Equal(WitType.String, result.Err);
    }

    [Fact]
    public void RecordsVariantsEnumsAndFlagsKeepDocsAndSpans()
    {
        var package = ParseOne(
            "package acme:ty;\ninterface i {\n  /// A point.\n  record point {\n    /// Horizontal.\n    x: s32,\n    y: s32,\n  }\n  variant shape { none, dot(point) }\n  enum color { red, green }\n  flags perms { read, write }\n}\n");
        var iface = Assert.Single(package.Interfaces.Items);
        var point = package.Types[iface.Types["point"]];
        Assert.Equal("A point.", point.Docs.Contents);
        var record = Assert.IsType<RecordKind>(point.Kind);
        Assert.Equal(new[] { "x", "y" }, record.Fields.Select(f => f.Name));
        Assert.Equal("Horizontal.", record.Fields[0].Docs.Contents);
        Assert.True(record.Fields[0].Span.IsKnown);

        var shape = Assert.IsType<VariantKind>(package.Types[iface.Types["shape"]].Kind);
        Assert.Null(shape.Cases[0].Type);
        Assert.Equal(WitType.Of(iface.Types["point"]), shape.Cases[1].Type);
        Assert.Equal(new[] { "red", "green" }, Assert.IsType<EnumKind>(package.Types[iface.Types["color"]].Kind).Cases.Select(c => c.Name));
        Assert.Equal(new[] { "read", "write" }, Assert.IsType<FlagsKind>(package.Types[iface.Types["perms"]].Kind).Flags.Select(f => f.Name));
    }

    [Fact]
    public void StabilityAttributes()
    {
        var package = ParseOne(
            "package acme:gate@2.0.0;\n@since(version = 1.0.0)\ninterface i {\n  @unstable(feature = fancy)\n  @deprecated(version = 1.5.0)\n  f: func();\n  @since(version = 1.1.0)\n  type t = u8;\n  g: func(x: option<t>);\n}\n");
        var iface = Assert.Single(package.Interfaces.Items);
        Assert.Equal(StabilityKind.Stable, iface.Stability.Kind);
        Assert.Equal("1.0.0", iface.Stability.Since!.ToString());
        var f = iface.Functions["f"];
        Assert.Equal("fancy", f.Stability.Feature);
        Assert.Equal("1.5.0", f.Stability.Deprecated!.ToString());
        // An anonymous type inherits the stability of the type it wraps.
        var g = iface.Functions["g"];
        Assert.Equal("1.1.0", package.Types[g.Params[0].Type.Id].Stability.Since!.ToString());
    }

    [Fact]
    public void ForeignReferencesBecomePlaceholders()
    {
        var package = ParseOne(
            "package acme:app;\ninterface api {\n  use wasi:io/streams@0.2.0.{input-stream, output-stream as out};\n  read: func(s: borrow<input-stream>);\n}\nworld w {\n  import wasi:clocks/wall-clock@0.2.0;\n  include wasi:cli/imports@0.2.0;\n}\n");
        // A world's includes are visited before its imports.
        Assert.Equal(new[] { "wasi:io@0.2.0", "wasi:cli@0.2.0", "wasi:clocks@0.2.0" }, package.ForeignDeps.Keys.Select(k => k.ToString()));
        Assert.Equal(3, package.ForeignDepSpans.Count);

        var streams = package.ForeignDeps.Values[0]["streams"];
        Assert.Equal(AstItemKind.Interface, streams.Item.Kind);
        Assert.Single(streams.Stabilities);
        var streamsIface = package.Interfaces[streams.Item.Interface];
        Assert.Null(streamsIface.Name);
        Assert.Equal(new[] { "input-stream", "output-stream" }, streamsIface.Types.Keys);
        // Unknown types come first in the arena, one span each.
        Assert.IsType<UnknownKind>(package.Types.Items[0].Kind);
        Assert.IsType<UnknownKind>(package.Types.Items[1].Kind);
        Assert.Equal(2, package.UnknownTypeSpans.Count);
        // `borrow<input-stream>` requires the foreign type to be a resource.
        var (required, _) = Assert.Single(package.RequiredResourceTypes);
        Assert.Equal(streamsIface.Types["input-stream"], required);

        Assert.Equal(AstItemKind.World, package.ForeignDeps.Values[1]["imports"].Item.Kind);
        var w = WorldNamed(package, "w");
        var include = Assert.Single(w.Includes);
        Assert.Equal(package.ForeignDeps.Values[1]["imports"].Item.World, include.Id);
        Assert.True(w.Imports.ContainsKey(WorldKey.OfInterface(package.ForeignDeps.Values[2]["wall-clock"].Item.Interface)));
    }

    [Fact]
    public void TopLevelUseRenamesWithinItsFile()
    {
        var group = ParseOk(
            ("a.wit", "package acme:top;\nuse wasi:io/streams@0.2.0 as io;\ninterface i {\n  use io.{pollable};\n}\n"),
            ("b.wit", "interface streams {}\n"));
        var package = group.Main;
        var io = package.ForeignDeps.Values.Single()["streams"];
        var placeholder = package.Interfaces[io.Item.Interface];
        Assert.Equal(new[] { "pollable" }, placeholder.Types.Keys);
        // The local interface named like the foreign one is a different interface.
        Assert.Contains(package.Interfaces.Items, i => i.Name == "streams");
    }

    [Fact]
    public void WorldItems()
    {
        var package = ParseOne(
            "package acme:w;\ninterface api { type id = u32; }\nworld w {\n  use api.{id};\n  resource handle { get: func() -> id; }\n  import api;\n  import log: func(msg: string);\n  import inline: interface { ping: func(); }\n  export primary: api;\n  export run: async func() -> id;\n}\n");
        var w = WorldNamed(package, "w");
        var api = package.Interfaces.Ids.First();
        Assert.Equal(new[] { "id", "handle", "[method]handle.get", "interface-" + api.Index, "log", "inline" },
            w.Imports.Keys.Select(k => k.ToString()));
        Assert.IsType<TypeWorldItem>(w.Imports[WorldKey.OfName("id")]);
        var inline = Assert.IsType<InterfaceWorldItem>(w.Imports[WorldKey.OfName("inline")]);
        Assert.Null(package.Interfaces[inline.Id].Name);
        Assert.True(package.Interfaces[inline.Id].Functions.ContainsKey("ping"));

        Assert.Equal(new[] { "primary", "run" }, w.Exports.Keys.Select(k => k.ToString()));
        Assert.Equal(api, Assert.IsType<InterfaceWorldItem>(w.Exports[WorldKey.OfName("primary")]).Id);
        var run = Assert.IsType<FunctionWorldItem>(w.Exports[WorldKey.OfName("run")]);
        Assert.Equal(FunctionKind.AsyncFreestanding, run.Function.Kind);
    }

    [Fact]
    public void IncludeWithRenames()
    {
        var package = ParseOne(
            "package acme:w;\nworld base { import f: func(); }\nworld top {\n  include base with { f as g }\n}\n");
        var top = WorldNamed(package, "top");
        var include = Assert.Single(top.Includes);
        Assert.Equal("base", package.Worlds[include.Id].Name);
        var rename = Assert.Single(include.Names);
        Assert.Equal(("f", "g"), (rename.Name, rename.As));
        // `base` is allocated before `top` because `top` includes it.
        Assert.Equal(new[] { "base", "top" }, package.Worlds.Items.Select(w => w.Name));
    }

    [Fact]
    public void CommentsAreDocs()
    {
        var package = ParseOne("package acme:d;\n// plain comment\n/* block */\ninterface i {}\n");
        Assert.Equal(" plain comment\n* block */", Assert.Single(package.Interfaces.Items).Docs.Contents);
    }

    [Fact]
    public void ExternalIds()
    {
        var package = ParseOne("package acme:x;\ninterface i {\n  @external-id(\"ext:fn\")\n  f: func();\n}\n");
        Assert.Equal("ext:fn", Assert.Single(package.Interfaces.Items).Functions["f"].ExternalId);
    }
}
