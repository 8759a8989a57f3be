using System.Collections.Generic;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;

namespace WitTools.WitParser.Tests.Printing;

public class WitPrinterTests
{
    // Small builder so tests read like the WIT they describe.
    private sealed class Builder
    {
        public readonly Resolve Resolve = new();

        public PackageId Package(string ns, string name, string? version = null)
        {
            var pn = new PackageName(ns, name, version is null ? null : SemVersion.Parse(version));
            var id = Resolve.Packages.Alloc(new Package(pn));
            Resolve.PackageNames.Add(pn, id);
            return id;
        }

        public InterfaceId Interface(PackageId pkg, string? name)
        {
            var id = Resolve.Interfaces.Alloc(new Interface(name) { Package = pkg });
            if (name is not null) Resolve.Packages[pkg].Interfaces.Add(name, id);
            return id;
        }

        public WorldId World(PackageId pkg, string name)
        {
            var id = Resolve.Worlds.Alloc(new World(name) { Package = pkg });
            Resolve.Packages[pkg].Worlds.Add(name, id);
            return id;
        }

        public TypeId Named(InterfaceId iface, string name, TypeDefKind kind)
        {
            var id = Resolve.Types.Alloc(new TypeDef(name, kind, TypeOwner.OfInterface(iface)));
            Resolve.Interfaces[iface].Types.Add(name, id);
            return id;
        }

        public TypeId Anon(TypeDefKind kind) => Resolve.Types.Alloc(new TypeDef(null, kind, TypeOwner.None));

        public Function Func(InterfaceId iface, string name, FunctionKind kind = FunctionKind.Freestanding, TypeId? resource = null,
            WitType? result = null, params (string, WitType)[] ps)
        {
            var f = new Function(name, kind, resource) { Result = result };
            foreach (var (n, t) in ps) f.Params.Add(new Param(n, t));
            Resolve.Interfaces[iface].Functions.Add(name, f);
            return f;
        }
    }

    [Fact]
    public void PrintsTypesAndFunctionsOfAnInterface()
    {
        var b = new Builder();
        var pkg = b.Package("my", "types", "0.1.0");
        var i = b.Interface(pkg, "shapes");
        b.Resolve.Interfaces[i].Docs = new Docs("Shapes.\n\nSecond paragraph.");
        var point = b.Named(i, "point", new RecordKind(new List<Field>
        {
            new("x", WitType.S32) { Docs = new Docs("horizontal") },
            new("y", WitType.S32),
        }));
        b.Named(i, "perms", new FlagsKind(new List<Flag> { new("read"), new("write") }));
        b.Named(i, "shape", new VariantKind(new List<Case> { new("dot", point), new("nothing") }));
        b.Named(i, "color", new EnumKind(new List<EnumCase> { new("red"), new("green") }));
        var points = b.Anon(new ListKind(point));
        b.Named(i, "points", new AliasKind(points));
        b.Named(i, "pair", new TupleKind(new List<WitType> { WitType.U8, WitType.String }));
        b.Named(i, "maybe", new OptionKind(WitType.F64));
        b.Named(i, "outcome", new ResultKind(null, WitType.String));
        b.Named(i, "bytes", new ListKind(WitType.U8));
        b.Named(i, "vec3", new FixedSizeListKind(WitType.F32, 3));
        b.Named(i, "table", new MapKind(WitType.String, WitType.U64));
        b.Named(i, "signal", new FutureKind(null));
        b.Named(i, "chunks", new StreamKind(WitType.U8));
        b.Named(i, "size", new AliasKind(WitType.U32));
        var nested = b.Anon(new OptionKind(b.Anon(new ResultKind(WitType.Of(points), null))));
        b.Func(i, "area", result: WitType.F64, ps: new[] { ("p", (WitType)point), ("extra", nested) }).Docs = new Docs("Computes the area.");
        b.Func(i, "reset", FunctionKind.AsyncFreestanding);
        b.Func(i, "tick", result: b.Anon(new ResultKind(null, null)));

        Assert.Equal(
            """
            package my:types@0.1.0;

            /// Shapes.
            ///
            /// Second paragraph.
            interface shapes {
              record point {
                /// horizontal
                x: s32,
                y: s32,
              }

              flags perms {
                read,
                write,
              }

              variant shape {
                dot(point),
                nothing,
              }

              enum color {
                red,
                green,
              }

              type points = list<point>;

              type pair = tuple<u8, string>;

              type maybe = option<f64>;

              type outcome = result<_, string>;

              type bytes = list<u8>;

              type vec3 = list<f32, 3>;

              type table = map<string, u64>;

              type signal = future;

              type chunks = stream<u8>;

              type size = u32;

              /// Computes the area.
              area: func(p: point, extra: option<result<list<point>>>) -> f64;

              reset: async func();

              tick: func() -> result;
            }

            """.Replace("\r\n", "\n"),
            WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void PrintsResourcesWithTheirFunctions()
    {
        var b = new Builder();
        var pkg = b.Package("my", "res");
        var i = b.Interface(pkg, "files");
        var err = b.Named(i, "error", new EnumKind(new List<EnumCase> { new("denied") }));
        var file = b.Named(i, "file", new ResourceKind());
        b.Named(i, "empty", new ResourceKind());
        var own = b.Anon(new HandleKind(HandleOwnership.Own, file));
        var borrow = b.Anon(new HandleKind(HandleOwnership.Borrow, file));
        b.Named(i, "file-ref", new HandleKind(HandleOwnership.Borrow, file));
        b.Named(i, "owned", new HandleKind(HandleOwnership.Own, file));
        b.Func(i, "[constructor]file", FunctionKind.Constructor, file, own, ("path", WitType.String));
        b.Func(i, "[method]file.read", FunctionKind.Method, file, b.Anon(new ListKind(WitType.U8)),
            ("self", borrow), ("len", WitType.U32)).Docs = new Docs("Reads bytes.");
        b.Func(i, "[method]file.close", FunctionKind.AsyncMethod, file, null, ("self", borrow));
        b.Func(i, "[static]file.open", FunctionKind.Static, file, b.Anon(new ResultKind(own, err)), ("path", WitType.String));
        b.Func(i, "[static]file.sync-all", FunctionKind.AsyncStatic, file);
        b.Func(i, "copy", result: null, ps: new[] { ("from", (WitType)borrow), ("to", (WitType)own) });

        Assert.Equal(
            """
            package my:res;

            interface files {
              enum error {
                denied,
              }

              resource file {
                constructor(path: string);
                /// Reads bytes.
                read: func(len: u32) -> list<u8>;
                close: async func();
                open: static func(path: string) -> result<file, error>;
                sync-all: static async func();
              }

              resource empty;

              type file-ref = borrow<file>;

              type owned = own<file>;

              copy: func(%from: borrow<file>, to: file);
            }

            """.Replace("\r\n", "\n"),
            WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void FunctionsKeepTheirOrderAroundResources()
    {
        // The resolver allocates every type before any function and lists functions in source order,
        // so a freestanding function listed before a resource's functions is printed before the resource.
        var b = new Builder();
        var pkg = b.Package("a", "b");
        var i = b.Interface(pkg, "i");
        b.Named(i, "t", new AliasKind(WitType.U8));
        var r = b.Named(i, "r", new ResourceKind());
        b.Named(i, "u", new AliasKind(WitType.U16));
        b.Func(i, "first");
        b.Func(i, "[constructor]r", FunctionKind.Constructor, r, b.Anon(new HandleKind(HandleOwnership.Own, r)));
        b.Func(i, "middle");

        Assert.Equal(
            """
            package a:b;

            interface i {
              type t = u8;

              first: func();

              resource r {
                constructor();
              }

              type u = u16;

              middle: func();
            }

            """.Replace("\r\n", "\n"),
            WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void ConstructorWithAnExplicitResultPrintsIt()
    {
        var b = new Builder();
        var pkg = b.Package("a", "b");
        var i = b.Interface(pkg, "i");
        var r = b.Named(i, "r", new ResourceKind());
        var own = b.Anon(new HandleKind(HandleOwnership.Own, r));
        b.Func(i, "[constructor]r", FunctionKind.Constructor, r, b.Anon(new ResultKind(own, WitType.String)));
        Assert.Contains("  constructor() -> result<r, string>;\n", WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void EscapesKeywordsUsedAsNames()
    {
        var b = new Builder();
        var pkg = b.Package("my", "package");
        var i = b.Interface(pkg, "interface");
        var rec = b.Named(i, "record", new RecordKind(new List<Field> { new("type", WitType.Bool), new("stream", WitType.U8) }));
        b.Named(i, "enum", new EnumKind(new List<EnumCase> { new("async"), new("own") }));
        b.Func(i, "func", result: null, ps: new[] { ("list", (WitType)rec) });
        var w = b.World(pkg, "world");
        b.Resolve.Worlds[w].Exports.Add(WorldKey.OfInterface(i), new InterfaceWorldItem(i));

        Assert.Equal(
            """
            package my:%package;

            interface %interface {
              record %record {
                %type: bool,
                %stream: u8,
              }

              enum %enum {
                %async,
                %own,
              }

              %func: func(%list: %record);
            }

            world %world {
              export %interface;
            }

            """.Replace("\r\n", "\n"),
            WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void PrintsUsesWorldsAndForeignPaths()
    {
        var b = new Builder();
        var dep = b.Package("wasi", "io", "0.2.0");
        var streams = b.Interface(dep, "streams");
        var inStream = b.Named(streams, "input-stream", new ResourceKind());
        var err = b.Named(streams, "error", new RecordKind());

        var pkg = b.Package("my", "app");
        var api = b.Interface(pkg, "api");
        var localStream = b.Named(api, "input-stream", new AliasKind(inStream));
        b.Named(api, "io-error", new AliasKind(err));
        var token = b.Named(api, "token", new AliasKind(WitType.U64));
        b.Func(api, "consume", result: null, ps: new[] { ("s", (WitType)b.Anon(new HandleKind(HandleOwnership.Borrow, inStream))) });

        var other = b.Interface(pkg, "other");
        b.Named(other, "token", new AliasKind(token));
        b.Named(other, "tk", new AliasKind(token));

        var w = b.World(pkg, "app");
        var world = b.Resolve.Worlds[w];
        world.Docs = new Docs("The app world.");
        world.Imports.Add(WorldKey.OfInterface(streams), new InterfaceWorldItem(streams));
        world.Imports.Add(WorldKey.OfName("logger"), new InterfaceWorldItem(streams) { Docs = new Docs("labelled import") });
        var inline = b.Resolve.Interfaces.Alloc(new Interface(null) { Package = pkg, Docs = new Docs("inline docs") });
        b.Resolve.Interfaces[inline].Functions.Add("log", new Function("log", FunctionKind.Freestanding));
        world.Imports.Add(WorldKey.OfName("host"), new InterfaceWorldItem(inline));
        world.Imports.Add(WorldKey.OfInterface(api), new InterfaceWorldItem(api));
        var worldToken = b.Resolve.Types.Alloc(new TypeDef("token", new AliasKind(token), TypeOwner.OfWorld(w)));
        world.Imports.Add(WorldKey.OfName("token"), new TypeWorldItem(worldToken));
        var worldRec = b.Resolve.Types.Alloc(new TypeDef("config", new RecordKind(new List<Field> { new("t", worldToken) }), TypeOwner.OfWorld(w)));
        world.Imports.Add(WorldKey.OfName("config"), new TypeWorldItem(worldRec));
        var getConfig = new Function("get-config", FunctionKind.Freestanding) { Result = worldRec };
        world.Imports.Add(WorldKey.OfName("get-config"), new FunctionWorldItem(getConfig));
        world.Exports.Add(WorldKey.OfName("run"), new FunctionWorldItem(new Function("run", FunctionKind.Freestanding) { Docs = new Docs("Entry.") }));
        world.Exports.Add(WorldKey.OfInterface(other), new InterfaceWorldItem(other));
        _ = localStream;

        Assert.Equal(
            """
            package my:app;

            interface api {
              use wasi:io/streams@0.2.0.{input-stream, error as io-error};

              type token = u64;

              consume: func(s: borrow<input-stream>);
            }

            interface other {
              use api.{token, token as tk};
            }

            /// The app world.
            world app {
              import wasi:io/streams@0.2.0;
              /// labelled import
              import logger: wasi:io/streams@0.2.0;
              /// inline docs
              import host: interface {
                log: func();
              }
              import api;
              use api.{token};

              record config {
                t: token,
              }
              import get-config: func() -> config;

              /// Entry.
              export run: func();
              export other;
            }

            """.Replace("\r\n", "\n"),
            WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void PrintsFeatureGatesAndExternalIds()
    {
        var b = new Builder();
        var pkg = b.Package("my", "gated", "1.0.0");
        var i = b.Interface(pkg, "i");
        b.Resolve.Interfaces[i].Stability = Stability.Stable(SemVersion.Parse("1.0.0"));
        var t = b.Named(i, "t", new AliasKind(WitType.U8));
        b.Resolve.Types[t].Stability = Stability.Unstable("fancy", SemVersion.Parse("1.0.0"));
        var f = b.Func(i, "f");
        f.Stability = Stability.Stable(SemVersion.Parse("0.9.0"), SemVersion.Parse("1.0.0"));
        f.ExternalId = "x:y/z \"q\"\n\u00e9";
        var w = b.World(pkg, "w");
        var world = b.Resolve.Worlds[w];
        world.Stability = Stability.Unstable("async");
        world.Imports.Add(WorldKey.OfInterface(i), new InterfaceWorldItem(i) { Stability = Stability.Unstable("fancy") });

        Assert.Equal(
            """
            package my:gated@1.0.0;

            @since(version = 1.0.0)
            interface i {
              @unstable(feature = fancy)
              @deprecated(version = 1.0.0)
              type t = u8;

              @since(version = 0.9.0)
              @deprecated(version = 1.0.0)
              @external-id("x:y/z \"q\"\nu{e9}")
              f: func();
            }

            @unstable(feature = %async)
            world w {
              @unstable(feature = fancy)
              import i;
            }

            """.Replace("\r\n", "\n").Replace("nu{e9}", "n\\u{e9}"),
            WitPrinter.PrintPackage(b.Resolve, pkg));
    }

    [Fact]
    public void PrintAllNestsDependenciesBeforeTheRootPackage()
    {
        var b = new Builder();
        var root = b.Package("foo", "root");
        var dep = b.Package("foo", "dep", "2.0.0-rc.1");
        var types = b.Interface(dep, "types");
        var t = b.Named(types, "t", new AliasKind(WitType.U32));
        var api = b.Interface(root, "api");
        b.Named(api, "t", new AliasKind(t));
        b.Resolve.Packages[dep].Docs = new Docs("dep docs");

        Assert.Equal(
            """
            package foo:root;

            interface api {
              use foo:dep/types@2.0.0-rc.1.{t};
            }

            /// dep docs
            package foo:dep@2.0.0-rc.1 {
              interface types {
                type t = u32;
              }
            }

            """.Replace("\r\n", "\n"),
            WitPrinter.PrintAll(b.Resolve));
    }

    [Fact]
    public void DeeplyNestedAnonymousTypesDoNotOverflowTheStack()
    {
        var b = new Builder();
        var pkg = b.Package("a", "deep");
        var i = b.Interface(pkg, "i");
        WitType inner = WitType.U8;
        const int depth = 100_000;
        for (int n = 0; n < depth; n++) inner = b.Anon(new ListKind(inner));
        b.Named(i, "deep", new AliasKind(inner));

        var text = WitPrinter.PrintPackage(b.Resolve, pkg);
        Assert.Contains("type deep = " + string.Concat(System.Linq.Enumerable.Repeat("list<", depth)) + "u8", text);
    }

    [Fact]
    public void DocsWithoutEmitDocsAreSkipped()
    {
        var b = new Builder();
        var pkg = b.Package("a", "b");
        var i = b.Interface(pkg, "i");
        b.Resolve.Interfaces[i].Docs = new Docs("hidden");
        var printer = new WitPrinter(b.Resolve) { EmitDocs = false };
        printer.WritePackages(pkg, new PackageId[0]);
        Assert.Equal("package a:b;\n\ninterface i {\n}\n", printer.ToString());
    }
}
