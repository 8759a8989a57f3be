using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>
/// The resolver recovers: every error of every file is reported once, at its own token, the first one being
/// wit-parser's and the others in source order; what resolved is still in the (best-effort) Resolve.
/// </summary>
public class ResolutionRecoveryTests
{
    private static LoadResult Load(string text) => WitLoader.LoadText("r.wit", text, FeatureSet.None);

    private static LoadResult LoadDir(InMemoryWitFileSystem fs, string path = "p") =>
        WitLoader.Load(path, FeatureSet.None, fs, new WitLoadOptions { BuildSymbols = true });

    /// <summary>`line:col message` (first message line) of every error, in the reported order.</summary>
    private static string[] Errors(LoadResult result) =>
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d =>
        {
            string message = d.Message.Split('\n')[0];
            return result.Sources.Locate(d.Span) is { } loc ? $"{loc.File.Path}:{loc.Line}:{loc.Column} {message}" : message;
        }).ToArray();

    [Fact]
    public void Five_different_errors_of_one_file_are_five_located_errors()
    {
        var result = Load(
            "package a:b;\n" +
            "interface i {\n" +
            "  record r { a: missing-one }\n" +
            "  type t = u32;\n" +
            "  type t = u64;\n" +
            "  f: func(x: missing-two) -> u32;\n" +
            "  g: func(x: u32, x: u32);\n" +
            "  use nowhere.{z};\n" +
            "}\n");
        Assert.False(result.Success);
        Assert.Equal(new[]
        {
            // wit-parser checks `use` paths before anything else: its error comes first.
            "r.wit:8:7 interface or world `nowhere` does not exist",
            "r.wit:3:17 type `missing-one` does not exist",
            "r.wit:5:8 name `t` is defined more than once",
            "r.wit:6:14 name `missing-two` does not exist",
            "r.wit:7:19 param `x` is defined more than once",
        }, Errors(result));
    }

    [Fact]
    public void Names_from_a_failed_use_are_not_errors_again()
    {
        var result = Load(
            "package a:b;\n" +
            "interface j { type present = u32; }\n" +
            "interface i {\n" +
            "  use nowhere.{a, b};\n" +
            "  use j.{present, absent};\n" +
            "  record r { x: a, y: b, z: present, w: absent }\n" +
            "  f: func(p: absent) -> a;\n" +
            "}\n");
        Assert.Equal(new[]
        {
            "r.wit:4:7 interface or world `nowhere` does not exist",
            "r.wit:5:19 name `absent` does not exist",
        }, Errors(result));
    }

    [Fact]
    public void A_type_cycle_is_one_error_and_breaks_nothing_else()
    {
        var result = Load(
            "package a:b;\n" +
            "interface i {\n" +
            "  type a = list<b>;\n" +
            "  type b = option<a>;\n" +
            "  type c = tuple<a, b, nope>;\n" +
            "}\n");
        // wit-parser looks for missing names before cycles.
        Assert.Equal(new[]
        {
            "r.wit:5:24 type `nope` does not exist",
            "r.wit:3:17 type `b` depends on itself",
        }, Errors(result));
    }

    [Fact]
    public void An_interface_cycle_is_one_error()
    {
        var result = Load(
            "package a:b;\n" +
            "interface x { use y.{t}; type s = u32; }\n" +
            "interface y { use x.{s}; type t = u32; }\n" +
            "interface z { use x.{s, q}; }\n");
        Assert.Equal(new[]
        {
            // At y's declaration, as wit-parser reports it.
            "r.wit:3:11 interface or world `y` depends on itself",
            "r.wit:4:25 name `q` does not exist",
        }, Errors(result));
    }

    [Fact]
    public void Duplicates_of_every_kind_are_reported_and_their_contents_still_checked()
    {
        var result = Load(
            "package a:b;\n" +
            "interface i { f: func(); }\n" +
            "interface i { g: func() -> nope; }\n" +
            "world w { import i; import i; export e: func(); export e: func(); }\n" +
            "interface r {\n" +
            "  resource res { constructor(); constructor(); m: func(); m: func(); }\n" +
            "  enum e { }\n" +
            "}\n");
        Assert.Equal(new[]
        {
            "r.wit:3:11 duplicate item named `i`",
            "r.wit:3:28 name `nope` does not exist",
            "r.wit:4:28 interface cannot be imported more than once",
            "r.wit:4:56 export `e` conflicts with prior func of same name",
            "r.wit:6:33 duplicate constructors",
            "r.wit:6:59 duplicate function name `m`",
            "r.wit:7:8 empty enum",
        }, Errors(result));
    }

    [Fact]
    public void Syntax_errors_come_first_and_resolution_errors_of_the_recovered_tree_follow()
    {
        var result = Load(
            "package a:b;\n" +
            "interface i { f: func(a: u32 }\n" +
            "interface j { g: func() -> nope; }\n");
        Assert.Equal(new[]
        {
            "r.wit:2:30 expected ')', found '}'",
            "r.wit:3:28 name `nope` does not exist",
        }, Errors(result));
    }

    [Fact]
    public void Errors_of_every_file_and_dependency_are_reported_with_their_context()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/a.wit", "package m:main;\ninterface a { use m:dep/d.{t, nothing}; f: func() -> bad-a; }\n")
            .AddFile("p/b.wit", "interface b { g: func() -> bad-b; }\n")
            .AddFile("p/deps/dep/d.wit", "package m:dep;\ninterface d { type t = u32; h: func() -> bad-dep; }\n");
        var result = LoadDir(fs);
        Assert.Equal(new[]
        {
            // Found first (wit-parser's), then the others in source order: files of the package, then deps.
            "p/a.wit:2:54 name `bad-a` does not exist",
            "p/a.wit:2:31 type `nothing` not defined in interface",
            "p/b.wit:1:28 name `bad-b` does not exist",
            "p/deps/dep/d.wit:2:42 name `bad-dep` does not exist",
        }, Errors(result));
        Assert.All(result.Diagnostics, d => Assert.Equal("failed to resolve directory while parsing WIT for path [p]", d.Context[0]));
    }

    [Fact]
    public void A_failed_load_still_has_a_resolve_with_what_resolved()
    {
        var result = Load(
            "package a:b;\n" +
            "interface good { record point { x: u32, y: u32 } }\n" +
            "interface bad { use good.{point}; record r { p: point, q: nope } f: func(a: point) -> nope; }\n" +
            "world w { import good; import bad; import missing; }\n");
        Assert.False(result.Success);
        var resolve = result.Resolve!;
        Assert.NotNull(resolve);
        var package = resolve.Packages[Assert.Single(result.MainPackages)];
        Assert.Equal("a:b", package.Name.ToString());
        var good = resolve.Interfaces[package.Interfaces["good"]];
        Assert.IsType<RecordKind>(resolve.Types[good.Types["point"]].Kind);

        var bad = resolve.Interfaces[package.Interfaces["bad"]];
        var record = (RecordKind)resolve.Types[bad.Types["r"]].Kind;
        Assert.Equal(new[] { "p", "q" }, record.Fields.Select(f => f.Name));
        // The field whose type did not resolve has an error type: UnknownKind, no owner.
        var q = resolve.Types[record.Fields[1].Type.Id];
        Assert.IsType<UnknownKind>(q.Kind);
        Assert.True(q.Owner.IsNone);
        Assert.True(bad.Functions.ContainsKey("f"));

        // The import of a missing interface is left out; the others are there.
        var world = resolve.Worlds[package.Worlds["w"]];
        Assert.Equal(2, world.Imports.Values.OfType<InterfaceWorldItem>().Count());
    }

    [Fact]
    public void A_file_without_a_package_header_is_still_resolved_for_its_errors_and_symbols()
    {
        var result = WitLoader.LoadText("n.wit", "interface i { f: func() -> nope; }\n", FeatureSet.None, new WitLoadOptions { BuildSymbols = true });
        Assert.Equal(new[]
        {
            "no `package` header was found in any WIT file for this package",
            "n.wit:1:28 name `nope` does not exist",
        }, Errors(result));
        Assert.Contains(result.Symbols!.Symbols, s => s.Name == "f");
        Assert.Empty(result.MainPackages);
    }

    [Fact]
    public void Package_cycles_and_duplicates_do_not_cascade()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package m:root;\ninterface r { use m:one/o.{t}; }\n")
            .AddFile("p/deps/one/o.wit", "package m:one;\ninterface o { use m:two/w.{t}; }\n")
            .AddFile("p/deps/two/w.wit", "package m:two;\ninterface w { use m:one/o.{t}; }\n");
        var result = LoadDir(fs);
        var error = Assert.Single(Errors(result));
        Assert.EndsWith("package `m:two` creates a dependency cycle", error);
    }

    [Fact]
    public void Each_error_is_reported_once()
    {
        // `nowhere` is looked up while ordering, while creating foreign types and while resolving: one error.
        var result = Load("package a:b;\nworld w { use nowhere.{x}; import nowhere; include nowhere; }\ninterface i { use nowhere.{y}; }\n");
        var errors = Errors(result);
        Assert.Equal(errors.Distinct().Count(), errors.Length);
        Assert.Equal(4, errors.Length);
    }

    [Fact]
    public void Valid_input_loads_exactly_as_before()
    {
        var result = Load("package a:b;\ninterface i { type t = u32; f: func(x: t) -> list<t>; }\nworld w { export i; }\n");
        Assert.True(result.Success, result.RenderDiagnostics());
        Assert.Empty(result.Diagnostics);
    }
}
