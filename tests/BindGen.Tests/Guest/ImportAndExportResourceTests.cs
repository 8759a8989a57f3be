using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// A world that imports and exports one interface holding a resource (the proxy/middleware pattern): the imported
/// resource and the exported one are different component types, so each side gets its own C# class, and so does
/// every type holding the resource; types without it are shared. Run over emulated memory: the imported class uses
/// the interface's built-ins, the exported one those of <c>[export]</c>.
/// </summary>
public sealed class ImportAndExportResourceTests
{
    private const string Wit = """
package a:b;
interface x {
    resource r {
        constructor(n: u32);
        get: func() -> u32;
    }
    record holder { item: r, label: string }
    record plain { a: u32, b: list<string> }
    make: func() -> r;
    wrap: func(h: holder) -> list<holder>;
    same: func(p: plain) -> plain;
}
world w { import x; export x; }
""";

    private const string Harness = """
using System.Collections.Generic;
using System.Linq;
using Wit;
using Wit.A.B;

namespace Wit.A.B
{
    public static partial class WWorld
    {
        private static partial X.IX CreateX() => new Proxy();
    }

    /// <summary>Exports x by forwarding to the imported x (a middleware).</summary>
    internal sealed class Proxy : X.IX
    {
        public X.Exports.R CreateR(uint n) => new Wrapped(new X.R(n));
        public X.Exports.R Make() => new Wrapped(X.Make());
        public X.Exports.Holder[] Wrap(X.Exports.Holder h) => new[] { h, h with { Label = h.Label + "!" } };
        public X.Plain Same(X.Plain p) => X.Same(p);
    }

    internal sealed class Wrapped : X.Exports.R
    {
        private readonly X.R _inner;
        public Wrapped(X.R inner) => _inner = inner;
        public override uint Get() => _inner.Get() + 1000;
        protected override void OnDestroy() => _inner.Dispose();
    }

    public static class Harness
    {
        private static void Check(bool ok, string what)
        {
            if (!ok) throw new System.Exception("check failed: " + what);
        }

        public static string Run()
        {
            var log = new List<string>();
            WitTestHost.Handler = (module, name, args) =>
            {
                log.Add(module + " " + name);
                switch (name)
                {
                    case "[constructor]r": return 40 + (int)args[0];            // an imported handle
                    case "make": return 77;
                    case "[method]r.get": return (int)args[0] * 2;
                    case "[resource-drop]r": return null;
                    case "[resource-new]r": return 500 + (int)args[0];           // an exported handle for rep
                    case "[resource-rep]r": return (int)args[0] - 500;
                    case "same":
                        // echo the plain record: flat (a, b.ptr, b.len) in, a result area out
                        int area = (int)args[3];
                        WitMemory.StoreI32(area, (int)args[0] + 1);
                        int ptr = WitMemory.Alloc(0, 4);
                        WitMemory.StoreI32(area + 4, ptr);
                        WitMemory.StoreI32(area + 8, 0);
                        return null;
                }
                throw new System.Exception("unexpected import " + module + " " + name);
            };

            // the imported side: a handle class using the interface's built-ins
            using (var imported = new X.R(2))
            {
                Check(imported.Get() == 84, "imported get");
            }
            Check(log.SequenceEqual(new[] { "a:b/x [constructor]r", "a:b/x [method]r.get", "a:b/x [resource-drop]r" }), "imported calls: " + string.Join(", ", log));
            log.Clear();

            // the exported side: the shim creates the user's object and hands out a handle made by [export]a:b/x
            int handle = WWorld.__Export_X_CreateR(5);
            Check(handle == 501, "exported handle " + handle);
            Check(log.SequenceEqual(new[] { "a:b/x [constructor]r", "[export]a:b/x [resource-new]r" }), "exported calls: " + string.Join(", ", log));
            Check(WWorld.__Export_X_R_Get(1) == 1000 + 45 * 2, "exported get forwards to the import");
            log.Clear();
            WWorld.__Dtor_X_R(1);
            Check(log.SequenceEqual(new[] { "a:b/x [resource-drop]r" }), "destroying the export drops the import: " + string.Join(", ", log));

            // a shared record type crosses both ways unchanged
            var same = new X.Plain(1, new string[0]);
            Check(X.Same(same).A == 2, "shared record through the import");
            Check(WitMemory.Live.Count == 0, "leak");
            return "ok";
        }
    }
}
""";

    private static (LoadResult Load, WorldId World) Load()
    {
        var load = WitLoader.LoadText("x.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        return (load, GuestCompiler.Worlds(load).Single().Id);
    }

    [Fact]
    public void Each_side_gets_its_own_class_for_the_resource_and_the_types_holding_it()
    {
        var (load, world) = Load();
        var result = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions { Stubs = true });
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        string code = GuestGeneratorTests.Bindings(result);
        Assert.Contains("public sealed class R : global::System.IDisposable", code);
        Assert.Contains("public static partial class Exports", code);
        Assert.Contains("public abstract class R : global::System.IDisposable", code);
        Assert.Contains("public sealed record Holder(global::Wit.A.B.X.R Item, string Label);", code);
        Assert.Contains("public sealed record Holder(global::Wit.A.B.X.Exports.R Item, string Label);", code);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(code, "public sealed record Plain"));
        Assert.Contains("global::Wit.A.B.X.Exports.Holder[] Wrap(global::Wit.A.B.X.Exports.Holder h);", code);
        Assert.Contains("global::Wit.A.B.X.Plain Same(global::Wit.A.B.X.Plain p);", code);
        foreach (var target in new[] { Target.Net10, Target.Net8 })
        {
            var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text), target: target);
            Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        }
    }

    public static TheoryData<string, string, string[]> Patterns => new()
    {
        {
            "a resource used through `use` (also renamed) by a second interface both imported and exported, and by the world",
            "interface store {\n  resource bucket { constructor(name: string); keys: func() -> list<string>; }\n  record entry { b: bucket }\n  open: func(e: entry) -> list<bucket>;\n}\n" +
            "interface cache {\n  use store.{bucket, entry as stored};\n  record slot { b: bucket }\n  put: func(s: slot, e: stored) -> list<bucket>;\n}\n" +
            "world w {\n  use cache.{bucket};\n  export evict: func(all: list<bucket>) -> list<bucket>;\n  import store;\n  import cache;\n  export store;\n  export cache;\n}",
            new[] { "global::Wit.A.B.Store.Exports.Bucket[] Put(global::Wit.A.B.Cache.Exports.Slot s, global::Wit.A.B.Store.Exports.Entry e);",
                    "public static global::Wit.A.B.Store.Bucket[] Put(global::Wit.A.B.Cache.Slot s, global::Wit.A.B.Store.Entry e)",
                    "global::Wit.A.B.Store.Exports.Bucket[] Evict(global::Wit.A.B.Store.Exports.Bucket[] all);" }
        },
        {
            "a local alias of a resource",
            "interface pool {\n  resource conn;\n  type link = conn;\n  take: func(c: conn);\n  lend: func(l: borrow<link>);\n}\nworld w { import pool; export pool; }",
            new[] { "public static void Take(global::Wit.A.B.Pool.Conn c)", "void Take(global::Wit.A.B.Pool.Exports.Conn c);", "void Lend(global::Wit.A.B.Pool.Exports.Conn l);" }
        },
        {
            "a fallible constructor on both sides",
            "interface parser {\n  resource doc { constructor(text: string) -> result<doc, string>; }\n}\nworld w { import parser; export parser; }",
            new[] { "public Doc(string text) : this(", "global::Wit.A.B.Parser.Exports.Doc CreateDoc(string text);" }
        },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Import_and_export_patterns_compile_with_a_class_per_side(string what, string wit, string[] expected)
    {
        var load = WitLoader.LoadText("p.wit", "package a:b;\n" + wit + "\n", FeatureSet.None);
        Assert.True(load.Success, what + ": " + string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var world = GuestCompiler.Worlds(load).Single().Id;
        var result = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions { Stubs = true });
        Assert.True(result.Success, what + ": " + string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        string code = GuestGeneratorTests.Bindings(result);
        foreach (var text in expected) Assert.True(code.Contains(text), what + ": expected `" + text + "`");
        foreach (bool emulated in new[] { false, true })
        {
            var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text), emulated);
            Assert.True(problems.Count == 0, what + ": " + GuestCompiler.Describe(problems));
        }
    }

    [Fact]
    public void A_middleware_forwards_from_the_exported_resource_to_the_imported_one()
    {
        var (load, world) = Load();
        var sources = GuestCompiler.Generate(load, world, stubs: false).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness);
        var (problems, compilation) = GuestCompiler.Compile(sources, emulated: true, assemblyName: "ImportAndExport");
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        var context = new AssemblyLoadContext("import-and-export", isCollectible: true);
        try
        {
            stream.Position = 0;
            var run = context.LoadFromStream(stream).GetType("Wit.A.B.Harness")!.GetMethod("Run")!;
            try
            {
                Assert.Equal("ok", run.Invoke(null, null));
            }
            catch (TargetInvocationException e)
            {
                throw new Xunit.Sdk.XunitException(e.InnerException!.ToString());
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
